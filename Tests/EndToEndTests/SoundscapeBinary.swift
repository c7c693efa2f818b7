import Foundation
import Synchronization
import Testing

/// Runs the built `soundscape` the way a user would, from the same build
/// directory as the test bundle (scripts/test.sh builds both).
enum SoundscapeBinary {
    /// What a finished run left behind.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// stderr's non-empty lines.
        var errorLines: [String] { standardError.split(separator: "\n").map(String.init) }
    }

    /// The repository's root (where scripts/ is), found above the binary.
    static func repositoryRoot(binary: String) -> URL? {
        var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("scripts/audio-rig.sh").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The binary's path, or nil (with a recorded failure) when it was not built.
    static func path(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let testBundle = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = testBundle.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory; the binary sits beside the bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("soundscape")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory.deleteLastPathComponent()
        }
        Issue.record(
            "the soundscape binary was not found beside \(testBundle.path); build it first (scripts/test.sh does: swift build -c release --product soundscape)",
            sourceLocation: sourceLocation)
        return nil
    }

    /// One model cache for every run in this test process: built-in sounds are trained
    /// once per test run, never read from (or written to) the user's own cache.
    static let cacheDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("soundscape-e2e-cache-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Trained models are tens of megabytes: remove them when the test process ends.
        atexit { try? FileManager.default.removeItem(at: SoundscapeBinary.cacheDirectory) }
        return url
    }()

    /// Starts the binary with `arguments` (and `environment` over the test's own);
    /// the caller waits or signals it.
    static func start(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["XDG_CACHE_HOME"] = cacheDirectory.path
        // The user's own config.toml must not change what a test runs; tests that want one set these.
        merged["XDG_CONFIG_HOME"] = cacheDirectory.appendingPathComponent("no-config").path
        merged["SOUNDSCAPE_CONFIG"] = nil
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output, error)
    }

    /// Waits for a started run to end and collects what it printed.
    static func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (process, output, error) = started
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { outputData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        let earlier = alreadyRead.withLock { $0.removeValue(forKey: process.processIdentifier) } ?? Data()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: earlier + errorData, as: UTF8.self))
    }

    /// stderr read by `waitForErrorLine`, per process, for `finish` to put in front.
    private static let alreadyRead = Mutex<[Int32: Data]>([:])

    /// Reads the run's stderr until a line contains `text` (true) or `seconds` pass or it ends (false).
    static func waitForErrorLine(containing text: String, in started: (Process, Pipe, Pipe), seconds: Double) -> Bool {
        let (process, _, error) = started
        let handle = error.fileHandleForReading
        let deadline = Date().addingTimeInterval(seconds)
        var seen = Data()
        defer { alreadyRead.withLock { $0[process.processIdentifier] = seen } }
        while Date() < deadline {
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return false }
            if poller.revents == 0 { continue }
            let chunk = handle.availableData
            if chunk.isEmpty { return false }  // end of file: the program exited
            seen.append(chunk)
            if String(decoding: seen, as: UTF8.self).contains(text) { return true }
        }
        return false
    }

    /// Runs the binary to completion.
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        finish(try start(path, arguments, environment: environment))
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("soundscape-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
