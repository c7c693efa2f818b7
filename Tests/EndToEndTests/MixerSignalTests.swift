import Foundation
@testable import Scenes
import SoundscapeIO
import Testing

/// What signals do to the mixer (the TUI) in a real terminal (tmux). SIGINT is in
/// MixerEndToEndTests (Ctrl-C), SIGWINCH there too (resizing the window sends it).
/// SIGTERM and SIGHUP: the terminal is restored, the audio fades out, the scene is
/// kept as 'last', and the exit status is 128+N. Ctrl-Z (SIGTSTP) hands the terminal
/// back to the shell as it was; `fg` (SIGCONT) repaints the mixer and its keys work.
@Suite(.serialized) struct MixerSignalTests {
    let mixer = MixerEndToEndTests()

    @Test(arguments: [SIGTERM, SIGHUP])
    func testTerminatingSignalRestoresTheTerminalFadesOutAndKeepsTheScene(signal: Int32) throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        guard let binary = SoundscapeBinary.path() else { return }
        let session = try TmuxSession()
        // The audio goes to a file (in real time, as to a device), so the test can hear the ending.
        let output = session.home.appendingPathComponent("heard.flac").path
        let settingsBefore = try session.terminalSettings(step: 1)
        session.run("'\(binary)' --output '\(output)' --seed 4 'rain and brown noise'")
        session.waitFor("rain playing") { screen in
            MixerEndToEndTests.row("rain", in: screen).flatMap(MixerEndToEndTests.level).map { $0 > -60 } ?? false
        }
        usleep(1_000_000)  // a second of steady sound in the file to compare the ending with
        let pid = try #require(session.foregroundProcess(), "no program running in the shell")
        kill(pid, signal)

        #expect(mixer.exitStatus(session) == Int(128 + signal), "the exit status is 128+N for signal N")
        #expect(!settingsBefore.isEmpty)
        #expect(settingsBefore == (try session.terminalSettings(step: 2)), "the terminal was not restored")

        // The scene is kept whole as 'last', and reads back.
        let store = SceneStore(
            userDirectory: session.home.appendingPathComponent("data/soundscape/scenes").path, builtInDirectory: nil)
        let last = try store.load(MixerSignalTests.lastSceneName).scene
        #expect(Set(last.layers.map(\.sound)) == ["rain", "brown-noise"], "the 'last' scene: \(last.layers)")

        // The file is complete (renamed into place only when finished) and ends in a fade, not a cut.
        let samples = try AudioFileReader.read(output).samples
        try #require(samples.count > 2 * 48_000, "only \(samples.count / 2) frames were written")
        let tail = samples[(samples.count - 960)...]
        let middle = samples[(samples.count / 2 - 24_000)..<(samples.count / 2 + 24_000)]
        #expect(SignalAnalysis.rmsDecibels(tail) < SignalAnalysis.rmsDecibels(middle) - 20, "the sound was cut, not faded")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: session.home.path).filter { $0.contains("partial") }
        #expect(hidden.isEmpty, "unfinished files left: \(hidden)")
    }

    @Test func testCtrlZGivesTheTerminalBackAndFgRepaintsTheMixerWithWorkingKeys() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        let settingsBefore = try session.terminalSettings(step: 1)
        mixer.launch(session, "rain")
        session.waitFor("the rain row") { MixerEndToEndTests.row("rain", in: $0) != nil }
        let pid = try #require(session.foregroundProcess(), "no program running in the shell")

        session.press("C-z")
        session.waitFor("the shell's notice of a stopped job") { $0.contains("Stopped") }
        #expect(PlaySignalTests.waitForState("T", of: pid), "Ctrl-Z did not stop the mixer")
        // While the mixer is stopped, the shell has the terminal exactly as it was before.
        #expect(!settingsBefore.isEmpty)
        #expect(settingsBefore == (try session.terminalSettings(step: 2)), "Ctrl-Z left the terminal in the mixer's mode")

        session.run("fg")
        // The mixer's screen comes back whole: the shell's lines are gone, the layer rows are drawn.
        let resumed = session.waitFor("the mixer repainted") { screen in
            MixerEndToEndTests.row("rain", in: screen) != nil && !screen.contains("stty-2-saved") && screen.contains("? help")
        }
        #expect(resumed != nil)
        // And it still answers keys: twenty presses of h take the weight to zero.
        for _ in 0..<20 { session.press("h") }
        session.waitFor("rain weight 0.00 after resuming") { screen in
            MixerEndToEndTests.row("rain", in: screen).flatMap(MixerEndToEndTests.weight) == "0.00"
        }
        #expect(mixer.quit(session) == 0)
        #expect(settingsBefore == (try session.terminalSettings(step: 3)), "the terminal was not restored on quit")
    }

    /// The scene the mixer keeps on every ending (MixerCommand.lastSceneName).
    static let lastSceneName = "last"
}
