import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// MPRIS on a private D-Bus session bus started by the test: what media keys, desktop
/// panels and `playerctl` see of a session, driven with `busctl`.
@Suite(.serialized) struct MediaKeysEndToEndTests {
    static let player = "org.mpris.MediaPlayer2.Player"
    static let path = "/org/mpris/MediaPlayer2"

    /// A `dbus-daemon --session` of the test's own, stopped at the end.
    final class PrivateBus {
        let daemon = Process()
        let address: String

        let directory = SoundscapeBinary.temporaryDirectory()

        init() throws {
            // An address of our choosing: dbus-daemon's printed one may wait in its stdout buffer.
            let socket = directory.appendingPathComponent("bus").path
            address = "unix:path=\(socket)"
            daemon.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-daemon")
            daemon.arguments = ["--session", "--nofork", "--nopidfile", "--address=\(address)"]
            try daemon.run()
            for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        }

        deinit {
            // SIGKILL: a child of the test runner may start with SIGTERM blocked.
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            daemon.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        func busctl(_ arguments: [String]) -> (status: Int32, output: String) {
            AudioRig.run("/usr/bin/busctl", ["--address=\(address)"] + arguments)
        }

        /// Polls `property` of `name` until it reads `expected` (busctl's text), for up to two seconds.
        func waitFor(_ name: String, _ property: String, toRead expected: String) -> String {
            var last = ""
            for _ in 0..<40 {
                last = busctl(["get-property", name, MediaKeysEndToEndTests.path, MediaKeysEndToEndTests.player, property])
                    .output.trimmingCharacters(in: .whitespacesAndNewlines)
                if last == expected { break }
                usleep(50_000)
            }
            return last
        }
    }

    @Test func mediaKeysPauseAndTheVolumeSetsTheMasterOfEverySession() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let bus = try PrivateBus()
        #expect(bus.address.hasPrefix("unix:"), "dbus-daemon printed '\(bus.address)'")
        let runtime = CtlEndToEndTests.Runtime()
        let environment = runtime.environment.merging(["DBUS_SESSION_BUS_ADDRESS": bus.address]) { $1 }
        let first = try SoundscapeBinary.start(
            binary, ["play", "brown noise", "--procedural", "--device", "null", "--session", "one"], environment: environment)
        #expect(SoundscapeBinary.waitForErrorLine(containing: "soundscape: playing", in: first, seconds: 60))
        let second = try SoundscapeBinary.start(
            binary, ["play", "pink noise", "--procedural", "--device", "null", "--session", "two"], environment: environment)
        #expect(SoundscapeBinary.waitForErrorLine(containing: "soundscape: playing", in: second, seconds: 60))
        defer {
            for started in [first, second] where started.0.isRunning { kill(started.0.processIdentifier, SIGKILL) }
        }

        let names = bus.busctl(["list", "--no-legend"]).output
        let instance = "org.mpris.MediaPlayer2.soundscape.instance\(second.0.processIdentifier)"
        #expect(names.contains("org.mpris.MediaPlayer2.soundscape "), "\(names)")
        #expect(names.contains(instance + " "), "\(names)")

        let name = "org.mpris.MediaPlayer2.soundscape"
        #expect(bus.waitFor(name, "PlaybackStatus", toRead: "s \"Playing\"") == "s \"Playing\"")
        #expect(bus.waitFor(name, "CanGoNext", toRead: "b false") == "b false")
        #expect(bus.waitFor(name, "Metadata", toRead: "").contains("\"xesam:title\" s \"brown noise\""))

        #expect(bus.busctl(["call", name, Self.path, Self.player, "PlayPause"]).status == 0)
        #expect(bus.waitFor(name, "PlaybackStatus", toRead: "s \"Paused\"") == "s \"Paused\"")
        var status = try CtlEndToEndTests.status(binary, runtime, session: "one")
        #expect(status["paused"] as? Bool == true)
        #expect(try CtlEndToEndTests.status(binary, runtime, session: "two")["paused"] as? Bool == false)

        #expect(bus.busctl(["set-property", name, Self.path, Self.player, "Volume", "d", "0.35"]).status == 0)
        #expect(bus.waitFor(name, "Volume", toRead: "d 0.35") == "d 0.35")
        status = try CtlEndToEndTests.status(binary, runtime, session: "one")
        #expect(status["master"] as? Double == 0.35)

        // ctl and media keys share one state: a ctl resume shows on the bus.
        #expect(try CtlEndToEndTests.ctl(binary, runtime, ["resume", "--session", "one"]).status == 0)
        #expect(bus.waitFor(name, "PlaybackStatus", toRead: "s \"Playing\"") == "s \"Playing\"")
        #expect(bus.busctl(["call", instance, Self.path, "org.mpris.MediaPlayer2", "Quit"]).status == 0)
        let ended = SoundscapeBinary.finish(second)
        #expect(ended.status == 0, "\(ended.standardError)")
        #expect(try CtlEndToEndTests.ctl(binary, runtime, ["quit", "--session", "one"]).status == 0)
        #expect(SoundscapeBinary.finish(first).status == 0)
    }

    @Test func withoutASessionBusPlaySaysSoOnceAndPlaysOn() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let runtime = CtlEndToEndTests.Runtime()
        let result = try SoundscapeBinary.run(
            binary, ["play", "brown noise", "--procedural", "--device", "null", "--duration", "1"],
            environment: runtime.environment.merging(["DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"]) { $1 })
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.errorLines.filter { $0.contains("no media keys (MPRIS)") }.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("soundscape: played 1.0 s"), "\(result.standardError)")
    }
}
