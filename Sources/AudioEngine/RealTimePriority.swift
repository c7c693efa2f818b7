#if canImport(Glibc)
    import Glibc
#endif

/// Real-time (SCHED_FIFO) scheduling for the threads that carry audio to the
/// device, so CPU-bound programs beside us cannot delay a period.
///
/// Asked for, never required: without CAP_SYS_NICE or an RLIMIT_RTPRIO
/// allowance the system refuses (EPERM) and everything runs at normal
/// priority, as before. Only for threads that block every period: a
/// real-time thread that never sleeps would take a core from everything else.
public enum RealTimePriority {
    /// The SCHED_FIFO priority asked for: above every normal thread, below
    /// the kernel's own real-time threads and sound servers' (PulseAudio's
    /// sink threads use 5, PipeWire's data thread 88, JACK 70 and up), which
    /// feed the device after us.
    public static let priority: Int32 = 4

    /// Moves the calling thread to SCHED_FIFO at `priority`; false, leaving
    /// it as it was, when the system refuses.
    @discardableResult
    public static func requestForCurrentThread() -> Bool {
        var parameters = sched_param()
        parameters.sched_priority = priority
        return pthread_setschedparam(pthread_self(), Int32(SCHED_FIFO), &parameters) == 0
    }

    /// Runs `body` with the calling thread at real-time priority where
    /// allowed, then restores its scheduling. Threads `body` starts inherit
    /// the priority: opening an ALSA device this way gives the helper thread
    /// of a sound-server plugin (PulseAudio's, PipeWire's), which carries our
    /// periods to the server, the same protection as the audio thread.
    public static func withPriorityForThreadsStarted<T, E: Error>(by body: () throws(E) -> T) throws(E) -> T {
        var policy: Int32 = 0
        var saved = sched_param()
        let known = pthread_getschedparam(pthread_self(), &policy, &saved) == 0
        let raised = known && requestForCurrentThread()
        defer { if raised { pthread_setschedparam(pthread_self(), policy, &saved) } }
        return try body()
    }
}
