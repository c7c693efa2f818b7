import Foundation
import Testing

/// A playing `play` session's control thread sleeps until something happens (a ctl request,
/// a signal, the engine's end): it costs nothing while the sound simply plays.
@Suite(.serialized) struct PlayWakeEndToEndTests {
    /// Times thread `tid` of process `pid` went to sleep or was preempted so far.
    static func switches(pid: Int32, tid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8) else {
            return nil
        }
        return status.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
            .compactMap { Int($0.split(separator: "\t").last ?? "") }.reduce(0, +)
    }

    @Test func testThePlayingControlThreadNeverWakesOnAClockAndTheEndStillWakesIt() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let runtime = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runtime) }
        chmod(runtime.path, 0o700)
        let started = try SoundscapeBinary.start(
            binary, ["play", "brown noise", "--procedural", "--device", "null", "--duration", "6", "--seed", "3"],
            environment: ["XDG_RUNTIME_DIR": runtime.path])
        let pid = started.0.processIdentifier
        #expect(SoundscapeBinary.waitForErrorLine(containing: "playing", in: started, seconds: 20))
        usleep(700_000)  // past the layers' preparation, which it watches closely
        let before = try #require(Self.switches(pid: pid, tid: pid))
        usleep(3_000_000)
        let after = try #require(Self.switches(pid: pid, tid: pid))
        // The old loop looked every 2 s (and ten times a second before that).
        #expect(after == before, "the control thread woke \(after - before) times in 3 s of playing")
        // The timer's end is the engine's own: it wakes the loop, which exits at once.
        let result = SoundscapeBinary.finish(started)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("played 6.0 s"), "stderr: \(result.standardError)")
    }
}
