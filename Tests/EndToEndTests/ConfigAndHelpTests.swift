import Foundation
import Testing

/// The configuration file, `--help` and the shell completion scripts, as a user meets them.
@Suite struct ConfigAndHelpTests {
    /// A config.toml with `text` in a fresh XDG_CONFIG_HOME; returns the environment and the file's path.
    private func configured(_ text: String, in directory: URL) throws -> ([String: String], String) {
        let folder = directory.appendingPathComponent("config/soundscape")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (["XDG_CONFIG_HOME": directory.appendingPathComponent("config").path], file.path)
    }

    @Test func testPlayUsesTheConfiguredDeviceAndLatencyAndOptionsOverrideThem() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (environment, _) = try configured(
            "device = \"null\"\nlatency_milliseconds = 120\n", in: directory)
        let play = ["play", "brown noise", "--procedural", "--duration", "1"]

        let fromConfig = try SoundscapeBinary.run(binary, play, environment: environment)
        #expect(fromConfig.status == 0, "stderr: \(fromConfig.standardError)")
        #expect(
            fromConfig.standardError.contains("on null (120 ms latency)"),
            "stderr: \(fromConfig.standardError)")

        let latencyOverride = try SoundscapeBinary.run(
            binary, play + ["--latency", "60"], environment: environment)
        #expect(latencyOverride.status == 0, "stderr: \(latencyOverride.standardError)")
        #expect(
            latencyOverride.standardError.contains("on null (60 ms latency)"),
            "stderr: \(latencyOverride.standardError)")

        let deviceOverride = try SoundscapeBinary.run(
            binary, play + ["--device", "nosuchdevice"], environment: environment)
        #expect(deviceOverride.status == 2, "stderr: \(deviceOverride.standardError)")
        #expect(
            deviceOverride.standardError.contains("'nosuchdevice'"),
            "stderr: \(deviceOverride.standardError)")
    }

    @Test func testABadConfigStopsEveryCommandWithItsLineAndStatus78() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (environment, path) = try configured(
            "device = \"null\"\nlatency_milliseconds = 5\n", in: directory)
        for arguments in [["plan", "rain"], ["sounds"], ["play", "rain", "--duration", "1"]] {
            let result = try SoundscapeBinary.run(binary, arguments, environment: environment)
            #expect(result.status == 78, "\(arguments): \(result.standardError)")
            #expect(
                result.errorLines == [
                    "soundscape: \(path):2: latency_milliseconds = 5 is out of range; use a number from 10 to 2000"
                ])
        }
    }

    @Test func testAnUnknownKeyIsOneWarningAndTheCommandStillRuns() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (environment, path) = try configured("# mine\nlatency = 80\n", in: directory)
        let result = try SoundscapeBinary.run(binary, ["plan", "rain"], environment: environment)
        #expect(result.status == 0)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        #expect(
            result.errorLines.first?.hasPrefix("soundscape: \(path):2: warning: unknown key 'latency'")
                == true)
    }

    @Test func testSoundscapeConfigNamesAnotherFileWhichMustExist() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("quiet.toml")
        try "master = 0.25\n".write(to: file, atomically: true, encoding: .utf8)
        let planned = try SoundscapeBinary.run(
            binary, ["plan", "rain"], environment: ["SOUNDSCAPE_CONFIG": file.path])
        #expect(planned.status == 0, "stderr: \(planned.standardError)")
        #expect(planned.standardOutput.contains("master 0.25"), "\(planned.standardOutput)")

        let missing = directory.appendingPathComponent("missing.toml").path
        let result = try SoundscapeBinary.run(
            binary, ["sounds"], environment: ["SOUNDSCAPE_CONFIG": missing])
        #expect(result.status == 78)
        #expect(
            result.errorLines.count == 1 && result.standardError.contains(missing),
            "\(result.standardError)")
    }

    @Test func testVersionPrintsOneVersionWhichHelpShowsToo() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let version = try SoundscapeBinary.run(binary, ["--version"])
        #expect(version.status == 0, "stderr: \(version.standardError)")
        let printed = version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = printed.split(separator: ".", omittingEmptySubsequences: false)
        #expect(
            parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) },
            "--version printed '\(version.standardOutput)'")
        let help = try SoundscapeBinary.run(binary, ["--help"])
        // The overview is the first paragraph, wrapped to the terminal's width.
        let overview = (help.standardOutput.components(separatedBy: "\n\n").first ?? "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(overview.contains("(version \(printed))"), "--help begins '\(overview)'")
        #expect(help.standardOutput.contains("--version"), "--help does not list --version")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func testTheCompletionScriptIsGeneratedForEachShell(shell: String) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, ["--generate-completion-script", shell])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        for word in ["play", "render", "learn", "latency", "duration"] {
            #expect(result.standardOutput.contains(word), "the \(shell) script does not complete \(word)")
        }
        // `SHELL -n` parses the script without running it: a syntax error would break every
        // new shell. bash is always there; zsh and fish are checked where they are installed.
        let shellPath = ["/bin/\(shell)", "/usr/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let shellPath else {
            #expect(shell != "bash", "bash is not installed")
            return
        }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("soundscape.\(shell)")
        try result.standardOutput.write(to: script, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: shellPath)
        check.arguments = ["-n", script.path]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(shell) -n rejects the completion script")
    }

    @Test func testBashCompletesSceneNamesAfterDashDashScene() throws {
        guard let binary = SoundscapeBinary.path(), FileManager.default.isExecutableFile(atPath: "/bin/bash") else {
            return
        }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // What bash does on Tab after `soundscape play --scene th`: call the completion
        // function with the words so far, which asks the program for scene names.
        let script = """
            source <("$0" --generate-completion-script bash)
            COMP_WORDS=("$0" play --scene th); COMP_CWORD=3
            COMP_LINE="$0 play --scene th"; COMP_POINT=${#COMP_LINE}
            _soundscape soundscape th --scene
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", script, binary]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("data").path
        environment["SOUNDSCAPE_CONFIG"] = nil
        bash.environment = environment
        let output = Pipe()
        bash.standardOutput = output
        bash.standardError = FileHandle.nullDevice
        try bash.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        bash.waitUntilExit()
        let offered = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(offered == ["thunderstorm"], "bash offered \(offered)")
    }

    @Test(arguments: [
        [], ["mixer"], ["play"], ["render"], ["bench"], ["plan"], ["scenes"], ["scenes", "save"],
        ["learn"],
        ["sounds"], ["config"],
    ])
    func testEveryCommandsHelpHasAnAbstractAndEveryOptionIsExplained(command: [String]) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, command + ["--help"])
        #expect(result.status == 0)
        let help = result.standardOutput
        #expect(help.hasPrefix("OVERVIEW: "), "\(help)")
        // An option listed without a help string is a name alone on its line.
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "OPTIONS:") else { return }
        for (index, line) in lines.enumerated().dropFirst(start + 1) where line.hasPrefix("  -") {
            let explained =
                line.trimmingCharacters(in: .whitespaces).contains("  ")
                || lines[index + 1].hasPrefix("                        ")
            #expect(explained, "\(command): '\(line)' has no help text")
        }
    }
}
