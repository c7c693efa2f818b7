@testable import AudioEngine

#if canImport(Glibc)
    import Glibc
#endif

/// Polls `condition` every 2 ms for up to `seconds`: for tests that wait on the
/// engine's own threads (a device that rests, waits or comes back).
func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = MonotonicClock.seconds() + seconds
    while MonotonicClock.seconds() < end {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}
