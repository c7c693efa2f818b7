import Foundation
import SoundscapeIO
import Testing

/// `scripts/install.sh` as a user runs it: install under a prefix, use the installed program
/// from somewhere else (no source tree in reach), read its manual, load its completions,
/// and uninstall back to the prefix as it was.
///
/// One test, so the manual tool (swift-argument-parser's generate-manual, built once in
/// .build/manual-tool, about a minute the first time) is built and run once per test run.
@Suite struct InstallTests {
    /// What a program printed, and its status.
    private struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `executable` in `directory` with the environment a user would have: the test's own
    /// minus anything pointing Soundscape at the source tree, plus `environment`.
    private func run(
        _ executable: String, _ arguments: [String], in directory: URL,
        environment: [String: String] = [:]
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        merged["SOUNDSCAPE_THEMES"] = nil
        merged["SOUNDSCAPE_CONFIG"] = nil
        merged["XDG_CACHE_HOME"] = SoundscapeBinary.cacheDirectory.path
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Every path under `directory`, relative to it, sorted: what "the prefix as it was" means.
    private func listing(_ directory: URL) -> [String] {
        let paths =
            FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
        return paths.sorted()
    }

    @Test func testInstalledProgramRunsFromAnywhereAndUninstallLeavesThePrefixAsItWas() throws {
        guard let binary = SoundscapeBinary.path(),
            let root = SoundscapeBinary.repositoryRoot(binary: binary)
        else {
            Issue.record("no built soundscape or no repository above it")
            return
        }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A prefix already in use, like ~/.local: an install and an uninstall must leave these alone.
        let prefix = directory.appendingPathComponent("prefix")
        for (path, text) in [
            ("bin/other-tool", "#!/bin/sh\n"), ("share/man/man1/other.1", ".TH OTHER 1\n"),
        ] {
            let file = prefix.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let before = listing(prefix)
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let user = [
            "HOME": directory.path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "XDG_DATA_HOME": directory.appendingPathComponent("data").path,
            "PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin",
        ]

        let install = try run(
            root.appendingPathComponent("scripts/install.sh").path,
            ["--prefix", prefix.path, "--no-build"],
            in: root)
        try #require(install.status == 0, "install.sh failed: \(install.standardError)")
        let installed = prefix.appendingPathComponent("bin/soundscape").path
        #expect(
            FileManager.default.contentsEqual(atPath: installed, andPath: binary),
            "bin/soundscape is not the binary that was built")

        // The installed program finds its Themes under the prefix, not in the source tree.
        let config = try run(installed, ["config"], in: elsewhere, environment: user)
        #expect(
            config.standardOutput.contains(prefix.appendingPathComponent("share/soundscape/Themes").path),
            "soundscape config: \(config.standardOutput) \(config.standardError)")
        let scenes = try run(installed, ["scenes"], in: elsewhere, environment: user)
        #expect(scenes.status == 0, "soundscape scenes: \(scenes.standardError)")
        for scene in ["rainy-library", "deep-focus", "thunderstorm"] {
            #expect(
                scenes.standardOutput.split(separator: "\n").contains {
                    $0.hasPrefix(scene + " ") && $0.contains("built-in")
                },
                "soundscape scenes does not list \(scene): \(scenes.standardOutput)")
        }
        let render = try run(
            installed,
            [
                "render", "--scene", "deep-focus", "--procedural", "--duration", "3", "--output",
                "scene.wav",
            ],
            in: elsewhere, environment: user)
        #expect(render.status == 0, "soundscape render: \(render.standardError)")
        let audio = try AudioFileReader.read(elsewhere.appendingPathComponent("scene.wav").path)
        #expect(abs(audio.durationSeconds - 3) < 0.05, "rendered \(audio.durationSeconds) s")
        // The middle second, between the render's fades: brown noise, well above silence, not clipping.
        let level = SignalAnalysis.rmsDecibels(audio.samples[96_000..<192_000])
        #expect(level > -55 && level < -6, "the rendered scene's level is \(level) dBFS")

        // The manual: `man -l` renders the main page and a command's page.
        // Every word of the help survives, ranges and minus signs included (the generator
        // drops non-ASCII characters; install.sh gives it "0-1" for "0–1").
        for (page, words) in [
            ("soundscape.1", ["SOUNDSCAPE(1)", "SYNOPSIS", "play", "render", "cafe,"]),
            ("soundscape.play.1", ["--duration", "--device", "--latency", "10-2000", "--no-reconnect"]),
        ] {
            let man = try run(
                "/usr/bin/man", ["-l", prefix.appendingPathComponent("share/man/man1/\(page)").path],
                in: elsewhere,
                environment: ["MANWIDTH": "100", "MANPAGER": "cat", "LANG": "C.UTF-8"])
            #expect(man.status == 0 && man.standardError.isEmpty, "man -l \(page): \(man.standardError)")
            for word in words {
                #expect(
                    man.standardOutput.contains(word),
                    "man -l \(page) does not show \(word): \(man.standardOutput)")
            }
        }

        // Completions, where each shell looks: bash loads its file and completes installed scene
        // names (asking the installed program); fish offers the subcommands.
        let bashFile = prefix.appendingPathComponent("share/bash-completion/completions/soundscape")
            .path
        let bash = try run(
            "/bin/bash",
            [
                "-c",
                """
                source "$1"; complete -p soundscape
                COMP_WORDS=(soundscape play --scene th); COMP_CWORD=3
                COMP_LINE="soundscape play --scene th"; COMP_POINT=${#COMP_LINE}
                _soundscape soundscape th --scene
                printf '%s\\n' "${COMPREPLY[@]}"
                """,
                "bash", bashFile,
            ], in: elsewhere, environment: user)
        #expect(bash.status == 0, "bash: \(bash.standardError)")
        let bashLines = bash.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            bashLines.first == "complete -o filenames -F _soundscape soundscape",
            "bash: \(bash.standardOutput)")
        #expect(
            Array(bashLines.dropFirst()) == ["thunderstorm"], "bash completed \(bashLines.dropFirst())")
        let fishFile = prefix.appendingPathComponent("share/fish/vendor_completions.d/soundscape.fish")
            .path
        // fish, zsh and man are there (scripts/install-deps.sh --test installs them); a missing one fails here.
        let fish = try run(
            "/usr/bin/fish", ["-c", "source \(fishFile); complete -C 'soundscape pl'"], in: elsewhere,
            environment: user)
        let offered = fish.standardOutput.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        #expect(offered.contains("play") && offered.contains("plan"), "fish offered \(offered)")
        // zsh: compinit, with the prefix's site-functions on fpath, binds the function to the command.
        let zshFunctions = prefix.appendingPathComponent("share/zsh/site-functions").path
        let zsh = try run(
            "/usr/bin/zsh",
            [
                "-f", "-c",
                "fpath=(\(zshFunctions) $fpath); autoload -Uz compinit; compinit -u -D; print -r -- ${_comps[soundscape]}",
            ], in: elsewhere, environment: user)
        #expect(zsh.standardOutput == "_soundscape\n", "zsh: \(zsh.standardOutput) \(zsh.standardError)")

        let uninstall = try run(
            root.appendingPathComponent("scripts/install.sh").path,
            ["--prefix", prefix.path, "--uninstall"], in: root)
        #expect(uninstall.status == 0, "install.sh --uninstall: \(uninstall.standardError)")
        #expect(
            listing(prefix) == before,
            "after uninstall the prefix holds \(listing(prefix)), before \(before)")
    }
}
