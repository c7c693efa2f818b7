import Foundation
import SoundscapeIO
import Testing

/// What signals do to `play` and `render`. play: SIGINT (tested in PlayCommandTests),
/// SIGTERM and SIGHUP fade out, finish the output and exit 0; SIGTSTP suspends it and
/// SIGCONT resumes it, the device's underrun meanwhile recovered and counted.
/// render: a signal stops it, removes the unfinished file and exits 128+N.
@Suite(.serialized) struct PlaySignalTests {
    @Test(arguments: [SIGTERM, SIGHUP])
    func testTerminateAndHangupFadeOutFinishTheFileAndExitZero(signal: Int32) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("session.flac").path

        let started = try SoundscapeBinary.start(binary, ["play", "brown noise", "--procedural", "--output", path, "--seed", "3"])
        // Let it play a moment; the test asserts what the signal does, not when it came.
        usleep(1_500_000)
        kill(started.0.processIdentifier, signal)
        let result = SoundscapeBinary.finish(started)

        #expect(started.0.terminationReason == .exit, "died of signal \(started.0.terminationStatus)")
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("played"), "stderr: \(result.standardError)")
        // The file is complete (FLAC is only renamed into place once finished) and ends in a fade.
        let samples = try AudioFileReader.read(path).samples
        #expect(samples.count > 48_000)
        let tail = samples[(samples.count - 960)...]
        let middle = samples[(samples.count / 2 - 24_000)..<(samples.count / 2 + 24_000)]
        #expect(SignalAnalysis.rmsDecibels(tail) < SignalAnalysis.rmsDecibels(middle) - 20)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["session.flac"], "left in the directory: \(leftovers)")
    }

    @Test func testSuspendAndResumeOnTheDeviceRecoversTheUnderrunCountsItAndPlaysOn() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        var result: SoundscapeBinary.Result?
        var wasSuspended = false
        let recording = try AudioRig.record {
            let started = try SoundscapeBinary.start(
                binary, ["play", "pink noise", "--procedural", "--device", "default", "--duration", "4", "--seed", "2"])
            usleep(1_500_000)
            // Ctrl-Z: the default action stops the process; nothing feeds the device.
            kill(started.0.processIdentifier, SIGTSTP)
            wasSuspended = PlaySignalTests.waitForState("T", of: started.0.processIdentifier)
            if !wasSuspended {
                let status = (try? String(contentsOfFile: "/proc/\(started.0.processIdentifier)/status", encoding: .utf8)) ?? ""
                Issue.record("not suspended: \(status.split(separator: "\n").filter { $0.hasPrefix("Sig") || $0.hasPrefix("State") })")
            }
            usleep(700_000)
            kill(started.0.processIdentifier, SIGCONT)
            result = SoundscapeBinary.finish(started)
        }

        #expect(wasSuspended, "SIGTSTP did not suspend play")
        let play = try #require(result)
        #expect(play.status == 0, "stderr: \(play.standardError)")
        // Played time counts audio, not wall time: the whole 4 s play, then the exit line.
        #expect(play.standardError.contains("played 4.0 s"), "stderr: \(play.standardError)")
        let xruns = PlaySignalTests.xruns(in: play.standardError)
        #expect((xruns ?? 0) >= 1, "the underrun while suspended was not counted: \(play.standardError)")
        // All 4 s reached the device, with the suspension as a gap in the middle.
        let seconds = Double(recording.count / 2) / 48_000
        #expect(seconds > 4.3, "recorded \(seconds) s")
        let last = recording[(recording.count - 48_000 * 2)..<(recording.count - 24_000 * 2)]
        #expect(SignalAnalysis.rmsDecibels(last) > -50, "nothing played after resuming")
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func testSignalStopsARenderAndLeavesNoPartialFile(signal: Int32) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("night.flac").path

        let started = try SoundscapeBinary.start(
            binary, ["render", "brown noise", "--procedural", "--duration", "8h", "--output", path, "--seed", "1"])
        // Wait until the render is under way (its unfinished file exists), then stop it.
        for _ in 0..<100 where (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty != false {
            usleep(50_000)
        }
        usleep(300_000)
        kill(started.0.processIdentifier, signal)
        let result = SoundscapeBinary.finish(started)

        #expect(started.0.terminationReason == .exit, "died of signal \(started.0.terminationStatus)")
        #expect(result.status == 128 + signal, "stderr: \(result.standardError)")
        #expect(result.errorLines.last?.contains("nothing written to \(path)") == true, "stderr: \(result.standardError)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }

    /// A second Ctrl-C exits at once, skipping the orderly stop; the unfinished (hidden)
    /// file must still go. The signals come while the sound's model trains (a private,
    /// empty model cache), the longest stretch with the file open and nothing to stop between.
    @Test(arguments: ["render", "play"])
    func testSecondCtrlCExitsAtOnceAndLeavesNoFile(command: String) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out")
        let cache = directory.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let path = output.appendingPathComponent("night.flac").path
        let duration = command == "render" ? "8h" : "10"

        let started = try SoundscapeBinary.start(
            binary, [command, "brown noise", "--duration", duration, "--output", path, "--seed", "1"],
            environment: ["XDG_CACHE_HOME": cache.path])
        let preparing = SoundscapeBinary.waitForErrorLine(containing: "preparing", in: started, seconds: 30)
        kill(started.0.processIdentifier, SIGINT)
        usleep(50_000)
        kill(started.0.processIdentifier, SIGINT)
        let result = SoundscapeBinary.finish(started)

        #expect(preparing, "stderr: \(result.standardError)")
        #expect(started.0.terminationReason == .exit, "died of signal \(started.0.terminationStatus)")
        #expect(result.status == 130, "stderr: \(result.standardError)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path)
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }

    /// Waits (up to 5 s) until /proc says the process is in `state` ("T": stopped).
    static func waitForState(_ state: Character, of pid: Int32) -> Bool {
        for _ in 0..<100 {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"),
                stat[stat.index(close, offsetBy: 2)] == state
            {
                return true
            }
            usleep(50_000)
        }
        return false
    }

    /// N from play's closing "played X s, N xruns, …" line.
    static func xruns(in standardError: String) -> Int? {
        guard let range = standardError.range(of: #"played [0-9.]+ s, ([0-9]+) xruns"#, options: .regularExpression)
        else { return nil }
        let words = standardError[range].split(separator: " ")
        return Int(words[words.count - 2])
    }
}
