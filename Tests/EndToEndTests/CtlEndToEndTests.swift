import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `soundscape ctl` against real sessions: `play` on the PulseAudio rig, and the mixer in tmux.
@Suite(.serialized) struct CtlEndToEndTests {
    /// A private runtime directory, so these sessions never meet the user's own.
    final class Runtime {
        let directory = SoundscapeBinary.temporaryDirectory()
        var environment: [String: String] { ["XDG_RUNTIME_DIR": directory.path] }
        var sockets: String { directory.appendingPathComponent("soundscape").path }
        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    static func ctl(_ binary: String, _ runtime: Runtime, _ arguments: [String]) throws -> SoundscapeBinary.Result {
        try SoundscapeBinary.run(binary, ["ctl"] + arguments, environment: runtime.environment)
    }

    /// `ctl status --json` as a dictionary.
    static func status(_ binary: String, _ runtime: Runtime, session: String) throws -> [String: Any] {
        let result = try ctl(binary, runtime, ["status", "--json", "--session", session])
        #expect(result.status == 0, "ctl status: \(result.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return object as? [String: Any] ?? [:]
    }

    static func layers(_ status: [String: Any]) -> [[String: Any]] { status["layers"] as? [[String: Any]] ?? [] }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func aPlaySessionOnTheRigIsDrivenByCtlAndPausesAudibly() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let runtime = Runtime()
        var result: SoundscapeBinary.Result?
        var pauseSeconds = 0.0
        var startedAt = Date()
        let recording = try AudioRig.record {
            let started = try SoundscapeBinary.start(
                binary,
                ["play", "brown noise", "--procedural", "--device", "default", "--seed", "2", "--session", "e2e"],
                environment: runtime.environment.merging(["SOUNDSCAPE_TIME_SCALE": "60"]) { $1 })
            startedAt = Date()
            #expect(SoundscapeBinary.waitForErrorLine(containing: "soundscape: playing", in: started, seconds: 60))
            defer { if started.0.isRunning { kill(started.0.processIdentifier, SIGKILL) } }

            // The socket is the user's alone.
            #expect(Self.mode(runtime.sockets) == 0o700)
            #expect(Self.mode(runtime.sockets + "/e2e.sock") == 0o600)
            let list = try Self.ctl(binary, runtime, ["list"])
            #expect(list.standardOutput.hasPrefix("e2e\tpid \(started.0.processIdentifier)\tplaying"), "\(list)")

            var status = try Self.status(binary, runtime, session: "e2e")
            #expect(Self.layers(status).first?["sound"] as? String == "brown-noise")
            #expect(status["device"] as? String == "default")
            #expect(status["paused"] as? Bool == false)

            // One session runs, so ctl needs no name.
            let set = try Self.ctl(binary, runtime, ["set", "brown-noise", "--weight", "0.25", "--intensity", "0.8"])
            #expect(set.status == 0, "\(set.standardError)")
            status = try Self.status(binary, runtime, session: "e2e")
            #expect(Self.layers(status).first?["weight"] as? Double == 0.25)
            #expect(Self.layers(status).first?["intensity"] as? Double == 0.8)

            let wrong = try Self.ctl(binary, runtime, ["set", "snow", "--weight", "0.5"])
            #expect(wrong.status == 1 && wrong.errorLines.count == 1, "\(wrong.standardError)")
            #expect(wrong.standardError.contains("no layer 'snow'; layers: brown-noise"), "\(wrong.standardError)")

            #expect(try Self.ctl(binary, runtime, ["scene", "thunderstorm"]).status == 0)
            status = try Self.status(binary, runtime, session: "e2e")
            #expect(status["scene"] as? String == "thunderstorm")
            #expect(Self.layers(status).contains { $0["sound"] as? String == "thunder" }, "\(status)")
            // A scene file by its path, as ctl passes it: relative to ctl's directory, made absolute.
            let root = try #require(SoundscapeBinary.repositoryRoot(binary: binary))
            let file = runtime.directory.appendingPathComponent("mine.toml")
            try FileManager.default.copyItem(at: root.appendingPathComponent("Themes/ocean-night.toml"), to: file)
            #expect(try Self.ctl(binary, runtime, ["scene", file.path]).status == 0)
            status = try Self.status(binary, runtime, session: "e2e")
            #expect(status["scene"] as? String == file.path)
            #expect(Self.layers(status).contains { $0["sound"] as? String == "waves" }, "\(status)")
            let missing = try Self.ctl(binary, runtime, ["scene", "no-such-scene"])
            #expect(missing.status == 1 && missing.errorLines.count == 1, "\(missing.standardError)")
            #expect(try Self.ctl(binary, runtime, ["prompt", "brown", "noise"]).status == 0)
            #expect(try Self.ctl(binary, runtime, ["master", "0.6"]).status == 0)
            status = try Self.status(binary, runtime, session: "e2e")
            #expect(Self.layers(status).map { $0["sound"] as? String } == ["brown-noise"])
            #expect(status["master"] as? Double == 0.6)

            // Let the crossfade settle, then pause for two seconds: the recording must fall silent.
            usleep(2_500_000)
            pauseSeconds = Date().timeIntervalSince(startedAt)
            #expect(try Self.ctl(binary, runtime, ["pause"]).standardOutput == "paused\n")
            #expect(try Self.status(binary, runtime, session: "e2e")["paused"] as? Bool == true)
            usleep(2_000_000)
            #expect(try Self.ctl(binary, runtime, ["toggle"]).standardOutput == "playing\n")
            usleep(1_000_000)

            // A one-minute timer at 60× passes in a second, fades and ends the session.
            #expect(try Self.ctl(binary, runtime, ["timer", "1"]).status == 0)
            result = SoundscapeBinary.finish(started)
        }
        let play = try #require(result)
        #expect(play.status == 0, "play: \(play.standardError)")
        #expect(play.standardError.contains(" 0 xruns"), "\(play.standardError)")
        // Silence for most of the pause: at least 1.5 s of the recording below -70 dBFS,
        // after sound before it.
        let frameSeconds = 0.05
        let window = Int(48_000 * frameSeconds) * 2
        let levels = stride(from: 0, to: recording.count - window, by: window).map {
            SignalAnalysis.rmsDecibels(recording[$0..<($0 + window)])
        }
        var longestSilence = 0
        var run = 0
        for level in levels {
            run = level < -70 ? run + 1 : 0
            longestSilence = max(longestSilence, run)
        }
        #expect(Double(longestSilence) * frameSeconds >= 1.5, "longest silence \(Double(longestSilence) * frameSeconds) s")
        #expect((levels.prefix(Int(pauseSeconds / frameSeconds) - 10).max() ?? -200) > -50, "no sound before the pause")
        #expect(!FileManager.default.fileExists(atPath: runtime.sockets + "/e2e.sock"), "the socket outlived its session")
    }

    @Test func hostileClientsLeaveThePlaySessionPlayingAndAnswering() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let runtime = Runtime()
        let started = try SoundscapeBinary.start(
            binary, ["play", "pink noise", "--procedural", "--device", "default", "--session", "hostile"],
            environment: runtime.environment)
        #expect(SoundscapeBinary.waitForErrorLine(containing: "soundscape: playing", in: started, seconds: 60))
        let path = runtime.sockets + "/hostile.sock"

        // A 100 MB line, binary garbage, thousands of connections, and one that never reads.
        let huge = HostileClient.send(path: path, bytes: [UInt8](repeating: 0x7B, count: 100 << 20))
        #expect(huge.contains("longer than 65536 bytes"), "\(huge)")
        let garbage = HostileClient.send(path: path, bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) } + [10])
        #expect(garbage.contains("\"ok\":false"), "\(garbage)")
        var idle: [Int32] = []
        for _ in 0..<2000 {
            let descriptor = HostileClient.connect(path)
            if descriptor >= 0 { idle.append(descriptor) }
            if idle.count > 200 { close(idle.removeFirst()) }
        }
        let silent = HostileClient.connect(path)
        let request = Array("{\"v\":1,\"cmd\":\"status\"}\n".utf8)
        for _ in 0..<20_000 { _ = send(silent, request, request.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        for descriptor in idle { close(descriptor) }

        // Still answering, still playing without an xrun.
        var answered = false
        for _ in 0..<50 where !answered {
            answered = (try? Self.ctl(binary, runtime, ["status", "--session", "hostile"]))?.status == 0
            if !answered { usleep(100_000) }
        }
        #expect(answered)
        #expect(try Self.ctl(binary, runtime, ["quit", "--session", "hostile"]).status == 0)
        close(silent)
        let play = SoundscapeBinary.finish(started)
        #expect(play.status == 0, "\(play.standardError)")
        #expect(play.standardError.contains(" 0 xruns"), "\(play.standardError)")
    }

    @Test func ctlWithoutASessionSaysSoInOneLine() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let runtime = Runtime()
        let result = try Self.ctl(binary, runtime, ["status"])
        #expect(result.status == 69)
        #expect(result.errorLines.count == 1 && result.standardError.contains("no soundscape session is running"))
        let bad = try Self.ctl(binary, runtime, ["master", "2"])
        #expect(bad.status == 64 && bad.errorLines.count == 1, "\(bad.standardError)")
    }

    @Test func theMixerShowsACtlSetAtOnce() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        guard let binary = SoundscapeBinary.path() else { return }
        let runtime = Runtime()
        let session = try TmuxSession(environment: runtime.environment)
        session.run("'\(binary)' --device null --procedural --session mixer 'brown noise'")
        let before = session.waitFor("the brown-noise row") { MixerEndToEndTests.row("brown-noise", in: $0) != nil }
        #expect(before.flatMap { MixerEndToEndTests.row("brown-noise", in: $0) }.flatMap(MixerEndToEndTests.weight) != "0.15")

        let set = try Self.ctl(binary, runtime, ["set", "1", "--weight", "0.15"])
        #expect(set.status == 0, "\(set.standardError)")
        let after = session.waitFor("the weight 0.15", timeout: 5) { screen in
            MixerEndToEndTests.row("brown-noise", in: screen).flatMap(MixerEndToEndTests.weight) == "0.15"
        }
        #expect(after != nil)
        // The keys act on the state ctl left: one more step up lands on 0.20.
        session.press("l")
        session.waitFor("the weight 0.20", timeout: 5) { screen in
            MixerEndToEndTests.row("brown-noise", in: screen).flatMap(MixerEndToEndTests.weight) == "0.20"
        }
        let status = try Self.status(binary, runtime, session: "mixer")
        #expect(Self.layers(status).first?["weight"] as? Double == 0.2)

        #expect(try Self.ctl(binary, runtime, ["quit"]).status == 0)
        session.waitFor("the mixer to end", timeout: 10) { !$0.contains("? help  q quit") }
    }
}

/// Raw socket clients that misbehave on purpose.
enum HostileClient {
    static func connect(_ path: String) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 {
            close(descriptor)
            return -1
        }
        var time = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// Sends `bytes` (as far as the session takes them), then returns what it answered.
    static func send(path: String, bytes: [UInt8]) -> String {
        let descriptor = connect(path)
        guard descriptor >= 0 else { return "cannot connect" }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, min($0.count, 1 << 16), Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { break }
            offset += sent
        }
        var reply = [UInt8](repeating: 0, count: 4096)
        let count = reply.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: reply[..<count], as: UTF8.self) : "no answer (\(count))"
    }
}
