import Foundation
@testable import Scenes
import Testing

/// What `play` and the mixer do with `--no-reconnect` when the sound server under the device
/// dies mid-play: a clean stop with one line naming the device, exit status 2, and (the
/// mixer) the terminal restored and the scene kept. Each test kills a rig of its own.
/// (Without the option they wait for the device: ReconnectionTests.)
@Suite(.serialized) struct DeviceLossTests {
    @Test func testWithoutReconnectKillingTheSoundServerMidPlayStopsWithOneLineAndExitTwo() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let rig = try PrivateAudioRig(binary: binary)

        let play = try SoundscapeBinary.start(
            binary, ["play", "brown noise", "--procedural", "--device", "default", "--no-reconnect"],
            environment: rig.environment)
        usleep(1_500_000)
        try rig.killServer()
        // A program that hung on the dead device would hang the test run: give it ten seconds.
        let watchdog = DispatchWorkItem { if play.0.isRunning { kill(play.0.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
        let result = SoundscapeBinary.finish(play)
        watchdog.cancel()

        #expect(result.status == 2, "stderr: \(result.standardError)")
        let problem = result.errorLines.filter { $0.contains("stopped working") }
        #expect(problem.count == 1 && problem[0].contains("'default'"), "stderr: \(result.standardError)")
    }

    @Test func testWithoutReconnectKillingTheSoundServerUnderTheMixerRestoresTheTerminalSaysWhyAndKeepsTheScene() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let rig = try PrivateAudioRig(binary: binary)
        let session = try TmuxSession(environment: rig.environment)
        let settingsBefore = try session.terminalSettings(step: 1)
        session.run("'\(binary)' --device default --no-reconnect rain")
        session.waitFor("rain playing") { screen in
            MixerEndToEndTests.row("rain", in: screen).flatMap(MixerEndToEndTests.level).map { $0 > -60 } ?? false
        }
        try rig.killServer()

        #expect(MixerEndToEndTests().exitStatus(session) == 2, "a lost device ends the mixer with status 2")
        let screen = session.screen()
        let problem = screen.components(separatedBy: "\n").filter { $0.contains("stopped working") }
        #expect(problem.count == 1 && problem.first?.contains("'default'") == true, "the screen was:\n\(screen)")
        #expect(!settingsBefore.isEmpty)
        #expect(settingsBefore == (try session.terminalSettings(step: 2)), "the terminal was not restored")
        let store = SceneStore(
            userDirectory: session.home.appendingPathComponent("data/soundscape/scenes").path, builtInDirectory: nil)
        #expect(try store.load("last").scene.layers.map(\.sound) == ["rain"])
    }
}
