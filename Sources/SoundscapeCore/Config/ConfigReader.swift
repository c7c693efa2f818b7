import Foundation
import TOMLKit

/// Checks a parsed configuration table key by key, blaming the line each key is on.
struct ConfigReader {
    let path: String
    let home: String
    let lines: TOMLLineIndex

    mutating func read(_ table: TOMLTable) throws(ConfigError) -> LoadedConfig {
        var config = Config()
        config.path = path
        var warnings: [SceneWarning] = []
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let line =
                lines.line(ofKey: key) ?? lines.line(ofDottedKeyUnder: key) ?? lines.line(ofTable: key)
                ?? lines.line(ofTable: key, index: 0) ?? 1
            config.lines[key] = line
            switch key {
            case "device":
                let device = try string(value, key: key, line: line)
                guard !device.isEmpty, !device.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                    throw fail(
                        line,
                        "device must be an ALSA device name such as \"default\" or \"plughw:1,0\" (see `aplay -L`)"
                    )
                }
                config.device = device
            case "latency_milliseconds":
                config.latencyMilliseconds = try number(value, key: key, line: line, in: 10...2000)
            case "fade_out_seconds":
                config.fadeOutSeconds = try number(value, key: key, line: line, in: 0...3600)
            case "master":
                config.master = Float(try number(value, key: key, line: line, in: 0...1))
            case "first_scene":
                let scene = try string(value, key: key, line: line)
                guard !scene.isEmpty else {
                    throw fail(
                        line, "first_scene is empty; name a scene (see `soundscape scenes`) or remove the key")
                }
                // A name stays a name; anything path-like is resolved as `themes` is.
                config.firstScene = scene.contains("/") ? resolve(scene) : scene
            case "procedural":
                config.procedural = try bool(value, key: key, line: line)
            case "themes":
                let directory = try string(value, key: key, line: line)
                guard !directory.isEmpty else {
                    throw fail(
                        line, "themes is empty; give the directory holding lexicon.toml or remove the key")
                }
                config.themesDirectory = resolve(directory)
            case "color":
                config.color = try bool(value, key: key, line: line)
            default:
                warnings.append(
                    SceneWarning(
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

    private func string(_ value: TOMLValueConvertible, key: String, line: Int) throws(ConfigError)
        -> String
    {
        guard let text = value.string else {
            throw fail(line, "\(key) must be a string in quotes, not \(value.type.withArticle)")
        }
        return text
    }

    private func bool(_ value: TOMLValueConvertible, key: String, line: Int) throws(ConfigError)
        -> Bool
    {
        guard let flag = value.bool else {
            throw fail(line, "\(key) must be true or false, not \(value.type.withArticle)")
        }
        return flag
    }

    private func number(
        _ value: TOMLValueConvertible, key: String, line: Int, in range: ClosedRange<Double>
    )
        throws(ConfigError) -> Double
    {
        let bounds = "\(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))"
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw fail(line, "\(key) must be a number from \(bounds), not \(value.type.withArticle)")
        }
        guard number.isFinite, range.contains(number) else {
            throw fail(
                line, "\(key) = \(Self.plain(number)) is out of range; use a number from \(bounds)")
        }
        return number
    }

    /// 40 rather than 40.0 in messages.
    private static func plain(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private func fail(_ line: Int, _ reason: String) -> ConfigError {
        .invalidFile(path: path, line: line, reason: reason)
    }
}
