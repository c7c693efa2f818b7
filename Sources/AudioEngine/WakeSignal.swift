#if canImport(Glibc)
    import Glibc
#endif

/// Wakes the audio thread from a rest: a POSIX semaphore, because posting one neither
/// allocates nor blocks (any thread may post), and waiting on it costs no CPU at all.
///
/// The audio thread rests only while paused and silent (see `PeriodLoop`); the control
/// side posts whenever something it may be waiting for changes: a resume, a stop, a close.
/// Extra posts are harmless — the waiter looks at the controls again and waits again.
struct WakeSignal {
    private let semaphore: UnsafeMutablePointer<sem_t>

    /// Allocates the semaphore; call `deallocate()` once no thread uses it.
    init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    func deallocate() {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    /// Wakes the waiter, or lets its next `wait` return at once.
    func post() { sem_post(semaphore) }

    /// Sleeps until a `post` (returns at once when one is pending).
    func wait() {
        while sem_wait(semaphore) != 0 && errno == EINTR {}
    }

    /// Sleeps until a `post` or until `seconds` have passed, whichever comes first.
    func wait(seconds: Double) {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let nanoseconds = Int(deadline.tv_nsec) + Int(max(0, seconds) * 1e9)
        deadline.tv_sec += nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        while sem_timedwait(semaphore, &deadline) != 0 && errno == EINTR {}
    }
}
