import AudioEngine
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The sound server dies under `play` and the mixer and comes back: the session waits,
/// says so, and plays on by itself. Heard through the null sink's monitor of a private
/// rig: audio before the kill, nothing while the server is away, audio after its return.
///
/// The time from the server answering again to the first audible sample is printed (for
/// the record), not asserted: timings depend on the machine.
@Suite(.serialized) struct ReconnectionTests {
    @Test func testPlayWaitsForARestartedSoundServerAndPlaysOnByItself() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let rig = try PrivateAudioRig(binary: binary)
        let before = try MonitorRecorder(environment: rig.environment)
        let play = try SoundscapeBinary.start(
            binary, ["play", "brown noise", "--procedural", "--device", "default"],
            environment: rig.environment)
        let errors = StandardErrorLines(play.2)
        defer { if play.0.isRunning { kill(play.0.processIdentifier, SIGKILL) } }
        #expect(errors.wait(for: "playing brown-noise", seconds: 30), "stderr: \(errors.text)")
        #expect(before.waitForAudio(1, within: 30), "nothing heard before the kill")
        try rig.killServer()
        let heardBefore = before.finish()
        #expect(errors.wait(for: "waiting for default", seconds: 10), "stderr: \(errors.text)")
        usleep(1_500_000)
        #expect(play.0.isRunning, "play ended while the server was away: \(errors.text)")

        try rig.restartServer()
        let serverBack = MonotonicClock.seconds()
        let after = try MonitorRecorder(environment: rig.environment)
        #expect(errors.wait(for: "default is back", seconds: 10), "stderr: \(errors.text)")
        after.waitForAudio(1, within: 30)
        let heardAfter = after.finish()
        kill(play.0.processIdentifier, SIGINT)
        play.0.waitUntilExit()
        errors.waitUntilClosed()

        #expect(play.0.terminationStatus == 0, "stderr: \(errors.text)")
        let lines = errors.text.split(separator: "\n")
        #expect(
            lines.filter { $0.contains("waiting for default") }.count == 1, "stderr: \(errors.text)")
        #expect(lines.contains { $0.contains("1 reconnection,") }, "stderr: \(errors.text)")
        #expect(
            ReconnectionTests.level(heardBefore.samples) > -60,
            "no brown noise before the server died (\(heardBefore.samples.count) samples)")
        #expect(
            ReconnectionTests.level(heardAfter.samples.suffix(48_000)) > -60,
            "no brown noise after it came back")
        ReconnectionTests.report("play", heard: heardAfter, serverBack: serverBack)
    }

    @Test func testTheMixerShowsWaitingForTheDeviceAndPlaysOnWhenTheServerIsBack() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let rig = try PrivateAudioRig(binary: binary)
        let session = try TmuxSession(environment: rig.environment)
        session.run("'\(binary)' --device default --procedural 'brown noise'")
        let playing: (String) -> Bool = { screen in
            MixerEndToEndTests.row("brown-noise", in: screen).flatMap(MixerEndToEndTests.level).map {
                $0 > -60
            } ?? false
        }
        let before = try MonitorRecorder(environment: rig.environment)
        session.waitFor("brown noise playing", timeout: 60, playing)
        #expect(before.waitForAudio(1, within: 30), "nothing heard before the kill")
        try rig.killServer()
        #expect(
            ReconnectionTests.level(before.finish().samples) > -60,
            "no brown noise before the server died")
        let waiting = session.waitFor("the status line to say it waits", timeout: 10) { screen in
            screen.components(separatedBy: "\n").contains { $0.hasPrefix(" waiting for default") }
        }
        if let waiting { print("reconnection: the mixer while the server is away:\n\(waiting)") }
        usleep(1_500_000)
        #expect(
            session.screen().contains("? help  q quit"), "the mixer ended while the server was away")

        try rig.restartServer()
        let serverBack = MonotonicClock.seconds()
        let after = try MonitorRecorder(environment: rig.environment)
        let back = session.waitFor("the mixer to play on", timeout: 10) { screen in
            screen.contains("reconnected 1") && !screen.contains("waiting for default")
        }
        after.waitForAudio(1, within: 30)
        let heardAfter = after.finish()
        if let back { print("reconnection: the mixer once the server is back:\n\(back)") }
        #expect(
            ReconnectionTests.level(heardAfter.samples.suffix(48_000)) > -60,
            "no brown noise after it came back")
        ReconnectionTests.report("the mixer", heard: heardAfter, serverBack: serverBack)
        session.press("q")
        #expect(
            MixerEndToEndTests().exitStatus(session) == 0, "q after a reconnection quits with status 0")
    }

    /// Prints the time from the server answering again to the first audible sample. When the
    /// recording starts with sound, the session was back before the recorder: the figure is
    /// then an upper bound.
    static func report(
        _ who: String, heard: (samples: [Float], startedAt: Double), serverBack: Double
    ) {
        guard let onset = firstAudibleSecond(heard.samples) else { return }
        print(
            String(
                format: "reconnection: %@ audible %.2f s after the sound server answered again "
                    + "(the recorder connected %.2f s after it; first sound %.2f s into the recording)",
                who, heard.startedAt + onset - serverBack, heard.startedAt - serverBack, onset))
    }

    /// RMS level in dBFS; −∞ for no samples.
    static func level<C: Collection>(_ samples: C) -> Double where C.Element == Float {
        guard !samples.isEmpty else { return -.infinity }
        return SignalAnalysis.rmsDecibels(Array(samples)[...])
    }

    /// Seconds into a 48 kHz stereo recording of the first sample above −60 dBFS.
    static func firstAudibleSecond(_ samples: [Float]) -> Double? {
        samples.firstIndex { abs($0) > 0.001 }.map { Double($0 / 2) / 48_000 }
    }
}

/// Records a private rig's sink monitor (48 kHz float stereo, raw) from when it is
/// connected until `finish`, or until the server under it dies.
final class MonitorRecorder {
    /// The monotonic time the recording stream was connected: sample 0, about.
    let startedAt: Double
    private let process = Process()
    private let file = FileManager.default.temporaryDirectory.appendingPathComponent(
        "monitor-\(UUID().uuidString).raw")

    init(environment: [String: String]) throws {
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/parec")
        process.arguments = [
            "--device=out.monitor", "--format=float32le", "--rate=48000", "--channels=2", "--raw",
            "--latency-msec=20",
        ]
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: file)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The stream counts from when the server lists it.
        for _ in 0..<200 {
            if !MonitorRecorder.pactl(["list", "short", "source-outputs"], environment: merged).isEmpty {
                break
            }
            usleep(10_000)
        }
        startedAt = MonotonicClock.seconds()
    }

    private static func pactl(_ arguments: [String], environment: [String: String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pactl")
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The recording so far.
    private var samples: [Float] {
        let data = (try? Data(contentsOf: file)) ?? Data()
        var samples = [Float](repeating: 0, count: data.count / 4)
        _ = samples.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        return samples
    }

    /// Waits up to `seconds` until the recording holds `audibleSeconds` of sound after its
    /// first audible sample. A loaded machine can take a second or more to start a stream,
    /// so tests wait for what they need to hear instead of sleeping a fixed time.
    @discardableResult
    func waitForAudio(_ audibleSeconds: Double, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let heard = samples
            if let first = heard.firstIndex(where: { abs($0) > 0.001 }),
                Double(heard.count - first) / 2 / 48_000 >= audibleSeconds
            {
                return true
            }
            usleep(100_000)
        }
        return false
    }

    /// Stops recording (if the server has not already ended it) and returns what was heard.
    func finish() -> (samples: [Float], startedAt: Double) {
        usleep(200_000)  // the monitor lags the sink
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: file) }
        return (samples, startedAt)
    }
}

/// A running program's stderr, read as it comes so a test can wait for a line and still
/// see everything at the end.
final class StandardErrorLines: @unchecked Sendable {
    private let collected = Mutex(Data())
    private let ended = Atomic<Bool>(false)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                collected.withLock { $0.append(chunk) }
            }
            ended.store(true, ordering: .releasing)
        }.start()
    }

    var text: String { collected.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits until the program has closed its stderr (it ended).
    func waitUntilClosed() {
        while !ended.load(ordering: .acquiring) { usleep(10_000) }
    }

    /// Waits up to `seconds` for `fragment` to appear; false if it did not (or stderr closed first).
    func wait(for fragment: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(fragment) { return true }
            if ended.load(ordering: .acquiring) { return text.contains(fragment) }
            usleep(20_000)
        }
        return text.contains(fragment)
    }
}
