import Foundation
import Synchronization
import Testing

/// The PulseAudio null-sink rig of scripts/audio-rig.sh, as the tests see it.
///
/// scripts/test.sh starts the rig and exports its environment; these tests then
/// play through ALSA's `default` device and record the sink's monitor with
/// `parec`. Without a running rig they fail with instructions rather than skip:
/// CI must prove the real ALSA path, not quietly leave it out.
enum AudioRig {
    /// Why the rig cannot be used, or nil when it answers.
    static var problem: String? {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["PULSE_SERVER"], environment["SOUNDSCAPE_RIG_DIR"] != nil,
            environment["ALSA_CONFIG_PATH"] != nil
        else {
            return "the audio test rig is not running: run scripts/test.sh, or eval \"$(scripts/audio-rig.sh start)\" before swift test"
        }
        let check = run("/usr/bin/pactl", ["info"])
        guard check.status == 0 else { return "the audio test rig at \(server) does not answer: \(check.output)" }
        return nil
    }

    /// Fails the current test when the rig is not running; returns whether it is.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if let problem {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// Runs a program to completion and returns its exit status and combined output.
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "cannot run \(path): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One recording at a time: Swift Testing runs suites in parallel, and two tests
    /// playing into the one rig sink would hear each other.
    private static let recordingLock = Mutex(())

    /// Records the rig's sink monitor (48 kHz float stereo) while `body` runs; returns
    /// the recording, trimmed of the silence before and after what was played.
    static func record(while body: () throws -> Void) throws -> [Float] {
        try recordingLock.withLock { _ in try recordAlone(while: body) }
    }

    private static func recordAlone(while body: () throws -> Void) throws -> [Float] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rig-\(UUID().uuidString).raw")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try FileHandle(forWritingTo: file)
        let recorder = Process()
        recorder.executableURL = URL(fileURLWithPath: "/usr/bin/parec")
        recorder.arguments = [
            "--device=out.monitor", "--format=float32le", "--rate=48000", "--channels=2", "--raw", "--latency-msec=20",
        ]
        recorder.standardOutput = output
        try recorder.run()
        // SIGKILL, not terminate(): a child of the test runner may start with SIGTERM
        // blocked and never stop; raw output loses nothing when cut off.
        defer {
            if recorder.isRunning { kill(recorder.processIdentifier, SIGKILL) }
            recorder.waitUntilExit()
        }
        // Start playing only once the recorder's stream is connected (the rig is
        // private, so any recording stream is ours), so nothing is missed.
        for _ in 0..<100 {
            if !run("/usr/bin/pactl", ["list", "short", "source-outputs"]).output.isEmpty { break }
            usleep(50_000)
        }
        try body()
        // The monitor lags the sink by its latency; let the tail arrive.
        usleep(300_000)
        kill(recorder.processIdentifier, SIGKILL)
        recorder.waitUntilExit()
        try output.close()
        let data = try Data(contentsOf: file)
        var samples = [Float](repeating: 0, count: data.count / 4)
        _ = samples.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        return trimmed(samples)
    }

    /// The samples from the first to the last one above −80 dBFS, whole frames.
    static func trimmed(_ samples: [Float]) -> [Float] {
        let threshold: Float = 1e-4
        guard let first = samples.firstIndex(where: { abs($0) > threshold }),
            let last = samples.lastIndex(where: { abs($0) > threshold })
        else { return [] }
        return Array(samples[(first / 2 * 2)..<min(samples.count, (last / 2 + 1) * 2)])
    }
}
