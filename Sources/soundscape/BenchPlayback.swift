import AudioEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `soundscape bench`'s measurements of a real `play` process: how long from
/// launch to the first audible period, and how much memory it keeps while it
/// plays. The bench process itself has every built-in model loaded, so its own
/// peak RSS says nothing about playing; a child `play` does.
extension BenchCommand {
    /// The scene the child plays: a typical five-layer scene.
    static let playbackScene = "rainy-library"

    /// One child run's figures.
    struct PlaybackRun {
        var firstAudioMilliseconds: Double?
        var residentMegabytes: Double
        var peakResidentMegabytes: Double
        var exitStatus: Int32
        var standardError: String
    }

    /// Runs `soundscape play --scene rainy-library --device null` `runs` times
    /// after one untimed warm-up (which also trains any missing model), and
    /// reports the median of each figure.
    static func playback(runs: Int, seconds: Double) throws -> BenchReport.Playback {
        let executable = try ownExecutablePath()
        let arguments = [
            "play", "--scene", playbackScene, "--device", "null", "--duration", String(format: "%.1f", seconds),
            "--seed", "1",
        ]
        var report = BenchReport.Playback()
        report.command = "soundscape " + arguments.joined(separator: " ")
        _ = try runChild(executable, arguments, sampleAfterSeconds: seconds / 2)
        var results: [PlaybackRun] = []
        for _ in 0..<runs {
            let run = try runChild(executable, arguments, sampleAfterSeconds: seconds / 2)
            guard run.exitStatus == 0 else {
                throw ValidationErrorMessage("the child `\(report.command)` failed (\(run.exitStatus)): \(run.standardError)")
            }
            results.append(run)
        }
        report.runs = results.count
        report.firstAudioMilliseconds = results.compactMap(\.firstAudioMilliseconds)
        report.coldFirstAudioMilliseconds = try coldFirstAudio(executable, arguments, runs: runs, seconds: seconds)
        report.residentMegabytes = median(results.map(\.residentMegabytes))
        report.peakResidentMegabytes = median(results.map(\.peakResidentMegabytes))
        return report
    }

    /// Spawns the child and samples its /proc status while it plays: VmRSS at
    /// `sampleAfterSeconds` (every layer long past its fade-in), and VmHWM,
    /// the peak, until it exits. (Not `wait4`'s ru_maxrss: a child spawned
    /// with vfork semantics inherits the parent's peak from before its exec.)
    static func runChild(
        _ executable: String, _ arguments: [String], sampleAfterSeconds: Double, environmentChanges: [String: String] = [:]
    ) throws -> PlaybackRun {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw ValidationErrorMessage("cannot make a pipe for the child") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment[FirstAudioSink.environmentVariable] = "1"
        environment.merge(environmentChanges) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let launched = MonotonicClock.nanoseconds()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw ValidationErrorMessage("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        // Sample the resident set once the scene has been playing for a while.
        var resident = 0.0, peak = 0.0
        let sampleAt = launched + Int64(sampleAfterSeconds * 1e9)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) != pid {
            let fields = statusFields(of: pid)
            peak = max(peak, fields["VmHWM"] ?? 0)
            if resident == 0 && MonotonicClock.nanoseconds() >= sampleAt { resident = fields["VmRSS"] ?? 0 }
            usleep(20_000)
        }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipe[0], &chunk, chunk.count)
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        close(pipe[0])
        let text = String(decoding: output, as: UTF8.self)
        let firstAudio = text.split(separator: "\n").first { $0.hasPrefix(FirstAudioSink.reportPrefix) }
            .flatMap { Int64($0.dropFirst(FirstAudioSink.reportPrefix.count)) }
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return PlaybackRun(
            firstAudioMilliseconds: firstAudio.map { Double($0 - launched) / 1e6 }, residentMegabytes: resident / 1024,
            peakResidentMegabytes: peak / 1024, exitStatus: exitStatus,
            standardError: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The `kB` fields of /proc/PID/status (VmRSS, VmHWM, …), empty once it is gone.
    /// Read with `read(2)`: procfs files report a size of 0, which file APIs trust.
    private static func statusFields(of pid: pid_t) -> [String: Double] {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [:] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        var fields: [String: Double] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasSuffix(" kB") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1].dropLast(3).trimmingCharacters(in: .whitespaces))
            else { continue }
            fields[String(parts[0])] = value
        }
        return fields
    }

    static func ownExecutablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw ValidationErrorMessage("cannot find the soundscape executable (/proc/self/exe)") }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}

/// A bench failure with its message, printed on one line by the command.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
