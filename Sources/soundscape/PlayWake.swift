import AudioEngine

/// How long `play`'s control loop sleeps before it looks at the engine again.
///
/// The loop has no work on a clock: a `ctl` request and a signal wake it through their
/// descriptors, `ctl status` is answered fresh when asked, and the engine announces its own
/// end (a stop or the timer faded out, the output failed) through the same wake pipe as
/// the signals (`Engine.start(onStopped:)`). It looks by itself only while the layers are
/// still being prepared (to end on one that cannot play). A playing session therefore
/// never wakes this thread on a clock, with or without a timer.
enum PlayWake {
    /// While layers are prepared and the workers' priority is not yet known.
    static let startingMilliseconds: Int32 = 100
    /// poll(2)'s "no timeout": asleep until a descriptor is readable.
    static let untilAnEvent: Int32 = -1

    /// Milliseconds to sleep; `isStarting` while layers are prepared.
    static func timeoutMilliseconds(isStarting: Bool) -> Int32 {
        isStarting ? startingMilliseconds : untilAnEvent
    }
}
