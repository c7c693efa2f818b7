import AudioEngine
import DSP
import Glibc

/// Makes a sink that could take audio at any speed behave like a sound device:
/// `wait(frameCount:)` returns when a device with a buffer of `bufferFrames`
/// would have room for the next write, on the monotonic clock.
///
/// A writer that falls further behind than the buffer would have made a device
/// underrun; that is counted, and pacing restarts from the present as a device
/// restarts after an xrun.
struct Pacer {
    private let bufferNanoseconds: Int64
    /// When the device would have room for the next write; 0 before the first write.
    private var nextDeadlineNanoseconds: Int64 = 0

    init(bufferFrames: Int) {
        bufferNanoseconds = Pacer.nanoseconds(frames: bufferFrames)
    }

    /// Blocks until `frameCount` more frames would fit; returns whether the pretend device underran first.
    mutating func wait(frameCount: Int) -> Bool {
        let now = MonotonicClock.nanoseconds()
        let duration = Pacer.nanoseconds(frames: frameCount)
        var underran = false
        if nextDeadlineNanoseconds == 0 {
            // The first writes fill the buffer at once, as they would on a device.
            nextDeadlineNanoseconds = now - bufferNanoseconds + duration
        } else if now > nextDeadlineNanoseconds + bufferNanoseconds {
            // Everything written has played out: the device ran dry.
            underran = true
            nextDeadlineNanoseconds = now - bufferNanoseconds + duration
        } else {
            nextDeadlineNanoseconds += duration
        }
        var time = timespec(
            tv_sec: Int(nextDeadlineNanoseconds / 1_000_000_000), tv_nsec: Int(nextDeadlineNanoseconds % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
        return underran
    }

    /// Forgets the past: the next write starts filling an empty buffer, as after a pause.
    mutating func restart() { nextDeadlineNanoseconds = 0 }

    private static func nanoseconds(frames: Int) -> Int64 {
        Int64(frames) * 1_000_000_000 / Int64(AudioFormat.sampleRate)
    }
}
