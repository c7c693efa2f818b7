import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PulseAudio rig of one test's own (scripts/audio-rig.sh), for killing its sound
/// server mid-play while the shared rig keeps serving the other tests. Stopped (and
/// its directory removed) when the value goes away.
final class PrivateAudioRig {
    /// PULSE_SERVER, ALSA_CONFIG_PATH and SOUNDSCAPE_RIG_DIR pointing at this rig.
    let environment: [String: String]
    private let script: String
    private let directory: String

    /// Starts a rig; `binary` locates the repository's scripts/.
    init(binary: String) throws {
        guard let root = SoundscapeBinary.repositoryRoot(binary: binary) else {
            throw TmuxError(message: "scripts/audio-rig.sh not found above \(binary)")
        }
        script = root.appendingPathComponent("scripts/audio-rig.sh").path
        let started = AudioRig.run("/bin/bash", [script, "start"])
        guard started.status == 0 else { throw TmuxError(message: "a private audio rig did not start: \(started.output)") }
        var environment: [String: String] = [:]
        for line in started.output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
                .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        guard let directory = environment["SOUNDSCAPE_RIG_DIR"] else {
            throw TmuxError(message: "audio-rig.sh printed no SOUNDSCAPE_RIG_DIR: \(started.output)")
        }
        self.environment = environment
        self.directory = directory
    }

    /// Kills the sound server at once (SIGKILL), as a crash or a pulled USB device would.
    func killServer() throws {
        let text = try String(contentsOfFile: directory + "/pulse/pid", encoding: .utf8)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TmuxError(message: "no sound server pid in \(directory)/pulse/pid: \(text)")
        }
        kill(pid, SIGKILL)
    }

    /// Starts the sound server again after `killServer`, in the same place (socket, sink
    /// "out"), as a restarted PulseAudio or PipeWire would be; returns once it answers.
    func restartServer() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SOUNDSCAPE_RIG_DIR"] = directory
        let restart = Process()
        restart.executableURL = URL(fileURLWithPath: "/bin/bash")
        restart.arguments = [script, "restart"]
        restart.environment = environment
        let output = Pipe()
        restart.standardOutput = output
        restart.standardError = output
        try restart.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        restart.waitUntilExit()
        guard restart.terminationStatus == 0 else { throw TmuxError(message: "the sound server did not restart: \(text)") }
    }

    deinit {
        var environment = ProcessInfo.processInfo.environment
        environment["SOUNDSCAPE_RIG_DIR"] = directory
        let stop = Process()
        stop.executableURL = URL(fileURLWithPath: "/bin/bash")
        stop.arguments = [script, "stop"]
        stop.environment = environment
        try? stop.run()
        stop.waitUntilExit()
    }
}
