import AudioEngine

/// How long `play`'s control loop sleeps before it looks at the engine again.
///
/// The loop has no work on a clock: a `ctl` request and a signal wake it through their
/// descriptors, and `ctl status` is answered fresh when asked. It looks by itself only for
/// what the engine does on its own: while the layers are still being prepared (to end on
/// one that cannot play), while a stop fades out, at the timer's end, and now and then for
/// a stop nothing announces (an output file that cannot be written). A playing session
/// without a timer therefore wakes this thread once every `unannouncedStopMilliseconds`,
/// not ten times a second.
enum PlayWake {
    /// While layers are prepared and the workers' priority is not yet known.
    static let startingMilliseconds: Int32 = 100
    /// While a stop fades out (a signal, `ctl quit`, the timer's fade): the exit follows it closely.
    static let stoppingMilliseconds: Int32 = 20
    /// The longest sleep: how late a stop the engine makes by itself (a failed output) is seen.
    static let unannouncedStopMilliseconds: Int32 = 2000

    /// Milliseconds to sleep for an engine in `status`; `isStarting` while layers are prepared,
    /// `isStopping` once a stop was asked for.
    static func timeoutMilliseconds(status: EngineStatus, isStarting: Bool, isStopping: Bool) -> Int32 {
        if isStopping { return stoppingMilliseconds }
        if isStarting { return startingMilliseconds }
        guard let remaining = status.timerRemainingSeconds else { return unannouncedStopMilliseconds }
        // The timer's end includes its fade: the engine stops then, and the loop looks just after.
        let untilEnd = (remaining * 1000).rounded(.up) + Double(stoppingMilliseconds)
        return Int32(max(Double(stoppingMilliseconds), min(Double(unannouncedStopMilliseconds), untilEnd)))
    }
}
