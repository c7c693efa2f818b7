import AudioEngine
import Testing

@testable import soundscape

/// `play`'s control loop sleeps on events, not on a clock: requests, signals and the
/// engine's own end wake it; it looks by itself only while layers are being prepared.
@Suite struct PlayWakeTests {
    @Test func testASessionThatPlaysSleepsUntilAnEvent() {
        // Ten looks a second was the first loop, one every 2 s the second; now none.
        #expect(PlayWake.timeoutMilliseconds(isStarting: false) == -1)
    }

    @Test func testLayersBeingPreparedAreWatchedClosely() {
        let timeout = PlayWake.timeoutMilliseconds(isStarting: true)
        #expect(timeout > 0 && timeout <= PlayWake.startingMilliseconds)
    }
}
