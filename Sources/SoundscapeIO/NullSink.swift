import AudioEngine
import DSP
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
    public var isPaced: Bool { pacer != nil }
    /// Periods handed over later than a device's buffer could have covered.
    public var xrunCount: Int { xruns.load(ordering: .relaxed) }
    /// Frames discarded so far.
    public var framesWritten: Int { frames.load(ordering: .relaxed) }

    private let xruns = Atomic<Int>(0)
    private let frames = Atomic<Int>(0)
    private var pacer: Pacer?

    /// - Parameters:
    ///   - paced: Block in `write` so that periods leave at the sample rate.
    ///   - periodFrames: Frames per write (480 = 10 ms).
    ///   - periodsPerBuffer: The pretend device buffer, which decides what counts as an xrun.
    public init(paced: Bool, periodFrames: Int = 480, periodsPerBuffer: Int = 4) {
        self.periodFrames = periodFrames
        let bufferFrames = periodFrames * periodsPerBuffer
        pacer = paced ? Pacer(bufferFrames: bufferFrames) : nil
        latencyMilliseconds = paced ? Double(bufferFrames) * 1000 / Double(AudioFormat.sampleRate) : 0
    }

    public func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        self.frames.add(frameCount, ordering: .relaxed)
        if pacer?.wait(frameCount: frameCount) == true { xruns.add(1, ordering: .relaxed) }
    }

    /// A paced null device stops while paused, as a real one does; unpaced, it keeps
    /// taking periods (offline tests pace themselves).
    public func suspend() -> Bool { pacer != nil }

    /// Pacing starts afresh, as a device does after a pause; the gap is no underrun.
    public func resume() { pacer?.restart() }

    public func close() {}
}
