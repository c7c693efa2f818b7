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

    @Test func testALayerThatRanDryShowsItsUnderrunsOnItsRow() {
        var status = status(waiting: false, reconnections: 0)
        status.layers = [
            .init(index: 1, sound: "rain", variant: "window", weight: 0.7, intensity: 0.5, muted: false, solo: false, underruns: 0),
            .init(index: 2, sound: "birds", variant: nil, weight: 0.5, intensity: 0.5, muted: false, solo: false, underruns: 3),
        ]
        status.ringUnderruns = 3
        let text = CtlStatusText.render(status)
        let rows = text.split(separator: "\n")
        #expect(rows.contains { $0.contains("birds") && $0.hasSuffix("3 underruns") }, "\(text)")
        #expect(rows.contains { $0.contains("rain:window") && !$0.contains("underrun") }, "\(text)")
        #expect(text.contains("3 ring underruns"), "\(text)")
    }
}
