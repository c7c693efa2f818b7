import AudioEngine
import Testing

@testable import soundscape

/// `play`'s control loop sleeps on events, not on a clock: it looks by itself only while
/// something is about to happen (layers preparing, a stop fading out, the timer's end).
@Suite struct PlayWakeTests {
    private func status(timerRemainingSeconds: Double? = nil) -> EngineStatus {
        var status = EngineStatus()
        status.timerRemainingSeconds = timerRemainingSeconds
        return status
    }

    @Test func testASessionThatSimplyPlaysSleepsFarLongerThanAFrame() {
        let timeout = PlayWake.timeoutMilliseconds(status: status(), isStarting: false, isStopping: false)
        // Ten looks a second (100 ms) was the old loop; the point is to stop waking on a clock.
        #expect(timeout >= 1000, "\(timeout)")
    }

    @Test func testItLooksJustAfterTheTimerEnds() {
        let timeout = PlayWake.timeoutMilliseconds(
            status: status(timerRemainingSeconds: 0.5), isStarting: false, isStopping: false)
        #expect(timeout >= 500 && timeout <= 600, "\(timeout)")
        let far = PlayWake.timeoutMilliseconds(
            status: status(timerRemainingSeconds: 3600), isStarting: false, isStopping: false)
        #expect(far == PlayWake.unannouncedStopMilliseconds)
    }

    @Test func testAStopFadingOutAndLayersBeingPreparedAreWatchedClosely() {
        #expect(
            PlayWake.timeoutMilliseconds(status: status(), isStarting: false, isStopping: true)
                <= PlayWake.stoppingMilliseconds)
        #expect(
            PlayWake.timeoutMilliseconds(status: status(), isStarting: true, isStopping: false)
                <= PlayWake.startingMilliseconds)
        #expect(
            PlayWake.timeoutMilliseconds(status: status(timerRemainingSeconds: 0), isStarting: false, isStopping: false)
                <= 2 * PlayWake.stoppingMilliseconds)
    }
}
