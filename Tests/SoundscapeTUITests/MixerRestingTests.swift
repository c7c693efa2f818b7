import AudioEngine
import Testing

@testable import SoundscapeTUI

/// A still mixer (paused, or nothing sounding) sleeps rather than looking ten times a second.
@Suite struct MixerRestingTests {
    @Test func testAPausedMixerSleepsLongerThanASecond() {
        var status = EngineStatus()
        status.isPaused = true
        #expect(MixerApp.restingSeconds(status) > 1)
        status.timerRemainingSeconds = 600
        #expect(MixerApp.restingSeconds(status) > 1, "a paused timer does not count down")
    }

    @Test func testARunningTimersCountdownIsShownEverySecond() {
        var status = EngineStatus()
        status.timerRemainingSeconds = 600
        #expect(MixerApp.restingSeconds(status) == 1)
    }
}
