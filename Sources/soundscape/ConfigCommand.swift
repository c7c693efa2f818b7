import ArgumentParser
import Configuration
import Foundation
import SoundscapeIO

/// `soundscape config [--example]`: where the configuration file is and what it sets.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration file's path and the settings in effect.",
        discussion: """
            The file is $XDG_CONFIG_HOME/soundscape/config.toml (~/.config/soundscape/config.toml), \
            or the file SOUNDSCAPE_CONFIG names. Every command reads it first; command-line options \
            override it. A wrong type or an out-of-range value stops every command with \
            `path:line: reason` and exit status 78; an unknown key is a warning.

            Examples:
              soundscape config                      # the file, and each setting with where it comes from
              mkdir -p ~/.config/soundscape
              soundscape config --example > ~/.config/soundscape/config.toml
            """)

    @Flag(help: "Print a commented configuration file with every key and its default.")
    var example = false

    func run() throws {
        if example {
            print(ConfigFile.example, terminator: "")
            return
        }
        let config = try ConfigSetup.load()
        let location = ConfigFile.location()
        let exists = FileManager.default.fileExists(atPath: location.path)
        print("file: \(location.path)\(exists ? "" : " (none; built-in defaults apply)")")
        func show(_ key: String, _ value: String?, _ fallback: String, from origin: String = "default") {
            let source = value != nil ? "config line \(config.lines[key] ?? 1)" : origin
            print(
                "\(key.padding(toLength: 22, withPad: " ", startingAt: 0)) \(value ?? fallback)  (\(source))"
            )
        }
        show("device", config.device, AlsaSink.defaultDevice)
        show("latency_milliseconds", config.latencyMilliseconds.map { "\(Self.plain($0))" }, "40")
        show("fade_out_seconds", config.fadeOutSeconds.map { "\(Self.plain($0))" }, "30")
        show(
            "master", config.master.map { "\($0)" },
            (try? ThemesSetup.planner().lexicon.defaultMaster).map { "\($0) (the lexicon's)" }
                ?? "the lexicon's")
        show("first_scene", config.firstScene, MixerCommand.firstRunSceneName)
        show("procedural", config.procedural.map { "\($0)" }, "false")
        let themesOrigin =
            ProcessInfo.processInfo.environment["SOUNDSCAPE_THEMES"].flatMap { $0.isEmpty ? nil : $0 } != nil
            ? "SOUNDSCAPE_THEMES" : "found near the program"
        show("themes", config.themesDirectory, (try? ThemesSetup.directory()) ?? "not found", from: themesOrigin)
        show("color", config.color.map { "\($0)" }, "true")
    }

    private static func plain(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}
