#if canImport(Glibc)
    import Glibc
#endif

/// Seconds on the system's monotonic clock: for intervals and deadlines, never
/// for dates. The one clock every part of Soundscape measures time with.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point (boot), unaffected by changes of the wall clock.
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Nanoseconds since the same fixed point as `seconds()`, exact, for pacing and latency figures.
    public static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Nanoseconds of CPU time the whole process has used, every thread counted: the
    /// kernel's own accounting (what `getrusage` and /proc/self/stat report).
    public static func processCPUNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }

    /// Nanoseconds of CPU time the calling thread has used.
    public static func threadCPUNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
