import Foundation
import Testing

/// What `play` does when the sound server under the device dies mid-play.
@Suite struct DeviceLossTests {
    @Test func testKillingTheSoundServerMidPlayStopsWithOneLineAndExitTwo() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let root = try #require(SoundscapeBinary.repositoryRoot(binary: binary), "scripts/ not found above \(binary)")
        // A rig of its own to kill, so the shared one keeps serving the other tests.
        let started = AudioRig.run("/bin/bash", [root.appendingPathComponent("scripts/audio-rig.sh").path, "start"])
        #expect(started.status == 0, "a second rig did not start: \(started.output)")
        var environment: [String: String] = [:]
        for line in started.output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
                .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        let rigDirectory = try #require(environment["SOUNDSCAPE_RIG_DIR"])
        defer {
            var stopEnvironment = ProcessInfo.processInfo.environment
            stopEnvironment["SOUNDSCAPE_RIG_DIR"] = rigDirectory
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: "/bin/bash")
            stop.arguments = [root.appendingPathComponent("scripts/audio-rig.sh").path, "stop"]
            stop.environment = stopEnvironment
            try? stop.run()
            stop.waitUntilExit()
        }

        let play = try SoundscapeBinary.start(
            binary, ["play", "brown noise", "--procedural", "--device", "default"], environment: environment)
        usleep(1_500_000)
        let daemon = try String(contentsOfFile: rigDirectory + "/pulse/pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        kill(try #require(Int32(daemon)), SIGKILL)
        // A program that hung on the dead device would hang the test run: give it ten seconds.
        let watchdog = DispatchWorkItem { if play.0.isRunning { kill(play.0.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
        let result = SoundscapeBinary.finish(play)
        watchdog.cancel()

        #expect(result.status == 2, "stderr: \(result.standardError)")
        let problem = result.errorLines.filter { $0.contains("stopped working") }
        #expect(problem.count == 1 && problem[0].contains("'default'"), "stderr: \(result.standardError)")
    }
}
