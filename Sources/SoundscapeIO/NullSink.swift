import Glibc
import SoundscapeCore
import Synchronization

/// Discards the mix. Paced, it takes periods at the rate a device would, on a
/// monotonic clock (for benchmarks of the real-time path); unpaced, it takes
/// them as fast as they come (for offline tests).
///
/// ALSA's own `null` device does not pace, which is why this sink exists.
public final class NullSink: Sink, @unchecked Sendable {
    public let name = "null"
    public let periodFrames: Int
    public let latencyMilliseconds: Double
    /// Whether `write` waits as a device would.
    public let isPaced: Bool
    /// Periods handed over later than a device's buffer could have covered.
    public var xrunCount: Int { xruns.load(ordering: .relaxed) }
    /// Frames discarded so far.
    public var framesWritten: Int { frames.load(ordering: .relaxed) }

    private let xruns = Atomic<Int>(0)
    private let frames = Atomic<Int>(0)
    /// When the device would have room for the next write, in monotonic nanoseconds; 0 before the first write.
    private var nextDeadlineNanoseconds: Int64 = 0
    private let bufferNanoseconds: Int64

    /// - Parameters:
    ///   - paced: Block in `write` so that periods leave at the sample rate.
    ///   - periodFrames: Frames per write (480 = 10 ms).
    ///   - periodsPerBuffer: The pretend device buffer, which decides what counts as an xrun.
    public init(paced: Bool, periodFrames: Int = 480, periodsPerBuffer: Int = 4) {
        isPaced = paced
        self.periodFrames = periodFrames
        let bufferFrames = periodFrames * periodsPerBuffer
        latencyMilliseconds = paced ? Double(bufferFrames) * 1000 / Double(AudioFormat.sampleRate) : 0
        bufferNanoseconds = Int64(bufferFrames) * 1_000_000_000 / Int64(AudioFormat.sampleRate)
    }

    public func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        self.frames.add(frameCount, ordering: .relaxed)
        guard isPaced else { return }
        let now = NullSink.monotonicNanoseconds()
        let duration = Int64(frameCount) * 1_000_000_000 / Int64(AudioFormat.sampleRate)
        if nextDeadlineNanoseconds == 0 {
            // The first write fills the pretend buffer; a device starts playing then.
            nextDeadlineNanoseconds = now - bufferNanoseconds + duration
        } else if now > nextDeadlineNanoseconds + bufferNanoseconds {
            // The buffer would have run dry: a device underruns and restarts from here.
            xruns.add(1, ordering: .relaxed)
            nextDeadlineNanoseconds = now - bufferNanoseconds + duration
        } else {
            nextDeadlineNanoseconds += duration
        }
        NullSink.sleep(until: nextDeadlineNanoseconds)
    }

    public func close() {}

    static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    private static func sleep(until deadline: Int64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}
