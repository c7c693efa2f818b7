import Foundation
import TOMLKit
import TOMLSupport

/// Checks a parsed configuration table key by key, blaming the line each key is on.
struct ConfigReader {
    let path: String
    let home: String
    let lines: TOMLLineIndex

    mutating func read(_ table: TOMLTable) throws(FileError) -> LoadedConfig {
        var config = Config()
        config.path = path
        var warnings: [FileWarning] = []
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let line =
                lines.line(ofKey: key) ?? lines.line(ofDottedKeyUnder: key) ?? lines.line(ofTable: key)
                ?? lines.line(ofTable: key, index: 0) ?? 1
            config.lines[key] = line
            switch key {
            case "device":
                let device = try values.string(value, key: key, line: line)
                guard !device.isEmpty, !device.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                    throw values.fail(
                        line,
                        "device must be an ALSA device name such as \"default\" or \"plughw:1,0\" (see `aplay -L`)"
                    )
                }
                config.device = device
            case "latency_milliseconds":
                config.latencyMilliseconds = try values.number(value, key: key, line: line, in: 10...2000)
            case "fade_out_seconds":
                config.fadeOutSeconds = try values.number(value, key: key, line: line, in: 0...3600)
            case "master":
                config.master = try values.number(value, key: key, line: line, in: Float(0)...1)
            case "first_scene":
                let scene = try values.string(value, key: key, line: line)
                guard !scene.isEmpty else {
                    throw values.fail(
                        line, "first_scene is empty; name a scene (see `soundscape scenes`) or remove the key")
                }
                // A name stays a name; anything path-like is resolved as `themes` is.
                config.firstScene = scene.contains("/") ? resolve(scene) : scene
            case "procedural":
                config.procedural = try values.bool(value, key: key, line: line)
            case "themes":
                let directory = try values.string(value, key: key, line: line)
                guard !directory.isEmpty else {
                    throw values.fail(
                        line, "themes is empty; give the directory holding lexicon.toml or remove the key")
                }
                config.themesDirectory = resolve(directory)
            case "color":
                config.color = try values.bool(value, key: key, line: line)
            default:
                warnings.append(
                    FileWarning(
                        path: path, line: line,
                        message:
                            "unknown key \(TOMLText.quoted(key)) ignored; known keys: \(ConfigFile.keys.joined(separator: ", "))"
                    ))
            }
        }
        return LoadedConfig(config: config, warnings: warnings.sorted { $0.line < $1.line })
    }

    /// `~/x` from the home directory, a relative path from the configuration file's directory.
    private func resolve(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        if path.hasPrefix("/") { return path }
        let directory = (self.path as NSString).deletingLastPathComponent
        return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(path)
    }

    private var values: TOMLValueReader { TOMLValueReader(path: path) }
}
