import Foundation
import Scenes
import TOMLKit
import TOMLSupport

/// The configuration file: `$XDG_CONFIG_HOME/soundscape/config.toml`
/// (`~/.config/soundscape/config.toml` when XDG_CONFIG_HOME is unset), or the
/// file `SOUNDSCAPE_CONFIG` names. Every key is optional:
///
/// ```toml
/// device = "default"            # ALSA device for play and the mixer; "null" discards
/// latency_milliseconds = 120    # device buffer, 10–2000
/// fade_out_seconds = 30         # the mixer timer's fade-out, 0–3600
/// master = 1.0                  # master volume of planned scenes, 0–1 (1: −23 LUFS)
/// first_scene = "rainy-library" # what a bare `soundscape` opens before there is a 'last' scene
/// procedural = false            # play built-in synthesizers directly (play, render, mixer)
/// themes = "~/soundscape/Themes" # lexicon and built-in scenes
/// color = true                  # false: the mixer draws without colour
/// ```
/// Reading is strict, like scene files: the text is checked against the TOML
/// grammar before toml++ sees it (toml++ aborts on some malformed input), a
/// wrong type or an out-of-range value is a `path:line: reason` error, and an
/// unknown key is a warning naming its line.
public enum ConfigFile {
    /// The keys the file may hold, in the order `example` lists them.
    public static let keys = [
        "device", "latency_milliseconds", "fade_out_seconds", "master", "first_scene", "procedural",
        "themes",
        "color",
    ]

    /// The file to read and whether the user named it explicitly (`SOUNDSCAPE_CONFIG`).
    /// A named file must exist; the default one may be absent.
    public static func location(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (path: String, isExplicit: Bool) {
        if let named = environment["SOUNDSCAPE_CONFIG"], !named.isEmpty { return (named, true) }
        // The XDG spec says to ignore relative paths in XDG variables.
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return (config + "/soundscape/config.toml", false)
        }
        return (home(environment) + "/.config/soundscape/config.toml", false)
    }

    /// The user's settings, or empty ones when there is no file.
    /// - Throws: `ConfigError` for a file that cannot be read or used.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> LoadedConfig {
        let (path, isExplicit) = location(environment: environment)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isExplicit else { return LoadedConfig(config: Config(), warnings: []) }
            throw .unreadable(
                path: path,
                reason: "no such file (named by SOUNDSCAPE_CONFIG); create it or unset SOUNDSCAPE_CONFIG")
        }
        let text: String
        do {
            text = try TextFile.read(path: path)
        } catch let error as FileError {
            throw ConfigError(error)
        } catch {
            throw .unreadable(path: path, reason: "cannot read the file")
        }
        let loaded = try parse(text, path: path, home: home(environment))
        // A themes setting that points nowhere is the file's mistake: say so with its line,
        // rather than later as a missing lexicon.
        if let themes = loaded.config.themesDirectory,
            !FileManager.default.fileExists(atPath: themes + "/" + ThemesDirectory.markerFile)
        {
            throw .invalidFile(
                path: path, line: loaded.config.lines["themes"] ?? 1,
                reason:
                    "themes: \(themes) holds no \(ThemesDirectory.markerFile); give the Themes directory or remove the key"
            )
        }
        return loaded
    }

    /// Parses and checks configuration text; `path` names the file in messages and anchors relative paths.
    public static func parse(_ text: String, path: String, home: String = NSHomeDirectory())
        throws(ConfigError)
        -> LoadedConfig
    {
        let table: TOMLTable
        do {
            table = try TOMLSyntax.parseTable(text, path: path)
        } catch let error as FileError {
            throw ConfigError(error)
        } catch {
            throw .invalidFile(path: path, line: 1, reason: "cannot be read as TOML")
        }
        var reader = ConfigReader(path: path, home: home, lines: TOMLLineIndex(text))
        do throws(FileError) {
            return try reader.read(table)
        } catch {
            throw ConfigError(error)
        }
    }

    /// A commented configuration file with every key, for `soundscape config --example`.
    public static let example = """
        # Soundscape configuration: ~/.config/soundscape/config.toml
        # (or $XDG_CONFIG_HOME/soundscape/config.toml, or the file SOUNDSCAPE_CONFIG names).
        # Every key is optional; a command-line option overrides the setting here.

        # ALSA device for `play` and the mixer (`aplay -L` lists them): "default",
        # "pulse", "plughw:1,0"; "null" discards the audio, paced like a device.
        device = "default"

        # Device buffer in milliseconds, 10 to 2000 (periods are a third of it, at most 40 ms):
        # how long a key takes to be heard at most. Lower it (48) for quicker keys at about twice
        # the CPU; raise it (150, 200) if you hear crackles or see xruns.
        latency_milliseconds = 120

        # How long the mixer's timer fades out at its end, in seconds (0 to 3600).
        fade_out_seconds = 30

        # Master volume of scenes planned from a prompt, 0 to 1: 1 plays them at
        # -23 LUFS, the level of broadcast programmes ("quiet" lowers it further);
        # saved scenes keep their own.
        master = 1.0

        # The scene a bare `soundscape` opens before there is a 'last' one to resume:
        # a scene name (`soundscape scenes`) or the path of a scene file.
        first_scene = "rainy-library"

        # true: play built-in sounds straight from their synthesizers instead of
        # through the acoustic-token model (play, render and the mixer).
        procedural = false

        # The directory holding lexicon.toml and the built-in scenes; SOUNDSCAPE_THEMES
        # overrides it. Relative paths are taken from this file's directory.
        # themes = "~/src/soundscape/Themes"

        # false: the mixer draws without colour (NO_COLOR does the same).
        color = true

        """

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}

/// The configuration read from a file, with anything worth a warning.
public struct LoadedConfig: Equatable, Sendable {
    public var config: Config
    /// Accepted but suspicious: unknown keys, each `path:line: warning: …`.
    public var warnings: [FileWarning]
}
