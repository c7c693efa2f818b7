import SessionControl
import Testing

@testable import soundscape

/// `ctl status` as a person reads it, while the device is away and after it came back.
@Suite struct CtlStatusTextTests {
    private func status(waiting: Bool, reconnections: Int) -> SessionStatus {
        SessionStatus(
            session: "s", pid: 1, scene: "deep-focus", prompt: "", layers: [], master: 0.7, paused: false,
            evolve: false, timerRemainingSeconds: nil, device: "default", latencyMilliseconds: 40, xruns: 2,
            waitingForDevice: waiting, reconnections: reconnections, ringUnderruns: 0, playedSeconds: 61)
    }

    @Test func testTheStateSaysItWaitsForTheDeviceWhileItIsAway() {
        let text = CtlStatusText.render(status(waiting: true, reconnections: 0))
        #expect(text.contains("state    waiting for default\n"), "\(text)")
        #expect(text.contains("device   default (40 ms), 2 xruns, 0 ring underruns"), "\(text)")
    }

    @Test func testReconnectionsAreCountedBesideTheXruns() {
        let text = CtlStatusText.render(status(waiting: false, reconnections: 1))
        #expect(text.contains("state    playing\n"), "\(text)")
        #expect(text.contains("2 xruns, 1 reconnection, 0 ring underruns"), "\(text)")
    }
}
