import TOMLKit

/// A scene read from a file, with anything worth a warning.
public struct LoadedScene: Equatable, Sendable {
    public var scene: Scene
    /// Accepted but suspicious: unknown keys (kept on save).
    public var warnings: [SceneWarning]

    public init(scene: Scene, warnings: [SceneWarning] = []) {
        self.scene = scene
        self.warnings = warnings
    }
}

/// The scene file format: human-readable TOML, one scene per file.
///
/// ```toml
/// prompt = "a quiet library on a rainy afternoon"
/// master = 0.8
/// evolve = true
/// evolve_range = 0.15
/// timer_minutes = 45.0
///
/// [[layers]]
/// sound = "rain"
/// variant = "window"
/// weight = 0.7
/// intensity = 0.4
/// mute = false
/// ```
/// Every key but a layer's `sound` is optional. Reading checks types, ranges,
/// sound and variant names and duplicate layers, and reports the first problem
/// as `path:line: what is wrong`. Keys it does not know produce a warning and
/// are kept in the scene so that saving writes them back.
public enum SceneFile {
    /// Reads and checks the scene at `path` against the sounds in `catalog`.
    /// - Throws: `SceneError.invalidFile` (`path:line: reason`) or `.fileSystem`.
    public static func read(path: String, catalog: SoundCatalog = .builtIn) throws -> LoadedScene {
        try parse(TextFile.read(path: path), path: path, catalog: catalog)
    }

    /// Parses and checks scene text; `path` is only used in messages.
    public static func parse(_ text: String, path: String, catalog: SoundCatalog = .builtIn) throws
        -> LoadedScene
    {
        if text.allSatisfy({ $0.isWhitespace }) {
            throw SceneError.invalidFile(
                path: path, line: 1,
                reason: "file is empty; a scene needs at least one [[layers]] table with a sound")
        }
        if text.contains("\u{0}") {
            throw SceneError.invalidFile(
                path: path, line: 1, reason: "binary data; expected a UTF-8 TOML text file")
        }
        let table = try TOMLSyntax.parseTable(text, path: path)
        var reader = SceneReader(path: path, lines: TOMLLineIndex(text), catalog: catalog)
        return try reader.read(table)
    }

    /// The TOML text of `scene`, in the fixed key order above; `parse` gives the scene back.
    public static func text(of scene: Scene) -> String {
        var out = "# Soundscape scene. Weights, intensities and master are 0 to 1; edit freely.\n"
        if !scene.summary.isEmpty { out += "summary = \(TOMLText.string(scene.summary))\n" }
        out += "prompt = \(TOMLText.string(scene.prompt))\n"
        out += "master = \(TOMLText.number(scene.master))\n"
        out += "evolve = \(scene.evolve)\n"
        out += "evolve_range = \(TOMLText.number(scene.evolveRange))\n"
        if let minutes = scene.timerMinutes { out += "timer_minutes = \(TOMLText.number(minutes))\n" }
        for key in scene.unknownKeys.keys.sorted() {
            out += "\(TOMLText.key(key)) = \(scene.unknownKeys[key]!)\n"
        }
        for layer in scene.layers {
            out += "\n[[layers]]\n"
            out += "sound = \(TOMLText.string(layer.sound))\n"
            if let variant = layer.variant { out += "variant = \(TOMLText.string(variant))\n" }
            out += "weight = \(TOMLText.number(layer.weight))\n"
            out += "intensity = \(TOMLText.number(layer.intensity))\n"
            out += "mute = \(layer.muted)\n"
            for key in layer.unknownKeys.keys.sorted() {
                out += "\(TOMLText.key(key)) = \(layer.unknownKeys[key]!)\n"
            }
        }
        return out
    }
}

/// Checks a parsed scene table key by key, blaming the line each key is on.
private struct SceneReader {
    let path: String
    let lines: TOMLLineIndex
    let catalog: SoundCatalog
    var warnings: [SceneWarning] = []

    init(path: String, lines: TOMLLineIndex, catalog: SoundCatalog) {
        self.path = path
        self.lines = lines
        self.catalog = catalog
    }

    private static let sceneKeys: Set = [
        "prompt", "summary", "master", "evolve", "evolve_range", "timer_minutes", "layers",
    ]
    private static let layerKeys: Set = ["sound", "variant", "weight", "intensity", "mute"]

    mutating func read(_ table: TOMLTable) throws -> LoadedScene {
        var scene = Scene()
        let lines = self.lines
        let rootLine = { (key: String) in
            lines.line(ofKey: key) ?? lines.line(ofTable: key) ?? lines.line(ofTable: key, index: 0) ?? 1
        }
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let line = rootLine(key)
            switch key {
            case "prompt": scene.prompt = try string(value, key: key, line: line)
            case "summary": scene.summary = try string(value, key: key, line: line)
            case "master": scene.master = try number(value, key: key, line: line, in: 0...1)
            case "evolve": scene.evolve = try bool(value, key: key, line: line)
            case "evolve_range": scene.evolveRange = try number(value, key: key, line: line, in: 0...0.5)
            case "timer_minutes":
                scene.timerMinutes = Double(
                    try number(value, key: key, line: line, in: 0.1...(7 * 24 * 60)))
            case "layers": break
            default:
                scene.unknownKeys[key] = TOMLText.inlineValue(value)
                warnings.append(
                    SceneWarning(
                        path: path, line: line,
                        message:
                            "unknown key \(TOMLText.quoted(key)) (kept when saving; known keys: \(Self.sceneKeys.sorted().joined(separator: ", ")))"
                    ))
            }
        }
        guard let layersValue = table["layers"] else {
            throw fail(
                1, "no [[layers]]; a scene needs at least one layer, e.g. [[layers]] sound = \"rain\"")
        }
        guard let layers = layersValue.array else {
            throw fail(
                rootLine("layers"),
                "layers must be an array of tables ([[layers]]), not \(layersValue.type.withArticle)")
        }
        if layers.isEmpty {
            throw fail(rootLine("layers"), "layers is empty; a scene needs at least one layer")
        }
        var firstLineOfLayer: [String: Int] = [:]
        for (index, element) in layers.enumerated() {
            guard let layerTable = element.table else {
                throw fail(
                    lines.bestLine(ofKey: nil, inArray: "layers", index: index),
                    "layer \(index + 1) must be a table with a sound, not \(element.type.withArticle)")
            }
            let layer = try readLayer(layerTable, index: index)
            let identity =
                "\(layer.sound)/\(layer.variant ?? catalog.defaultVariant(of: layer.sound) ?? "")"
            let line = lines.bestLine(ofKey: "sound", inArray: "layers", index: index)
            if let first = firstLineOfLayer[identity] {
                throw fail(
                    line,
                    "duplicate layer \(identity) (first at line \(first)); remove one or choose another variant"
                )
            }
            firstLineOfLayer[identity] = line
            scene.layers.append(layer)
        }
        return LoadedScene(scene: scene, warnings: warnings.sorted { $0.line < $1.line })
    }

    private mutating func readLayer(_ table: TOMLTable, index: Int) throws -> LayerSettings {
        let lines = self.lines
        let line = { (key: String?) in lines.bestLine(ofKey: key, inArray: "layers", index: index) }
        guard let soundValue = table["sound"] else {
            throw fail(
                line(nil), "layer \(index + 1) has no sound; add sound = \"rain\" (or another sound)")
        }
        let sound = try string(soundValue, key: "sound", line: line("sound"))
        guard let variants = catalog.variants(of: sound) else {
            let hint = catalog.closestName(to: sound).map { "did you mean '\($0)'? " } ?? ""
            throw fail(
                line("sound"),
                "unknown sound \(TOMLText.quoted(sound)); \(hint)known sounds: \(catalog.names.joined(separator: ", "))")
        }
        var layer = LayerSettings(sound: sound)
        for key in table.keys.sorted() where key != "sound" {
            guard let value = table[key] else { continue }
            switch key {
            case "variant":
                let variant = try string(value, key: key, line: line(key))
                guard variants.contains(variant) else {
                    throw fail(
                        line(key),
                        "sound '\(sound)' has no variant \(TOMLText.quoted(variant)); use one of: \(variants.joined(separator: ", "))"
                    )
                }
                layer.variant = variant
            case "weight": layer.weight = try number(value, key: key, line: line(key), in: 0...1)
            case "intensity": layer.intensity = try number(value, key: key, line: line(key), in: 0...1)
            case "mute": layer.muted = try bool(value, key: key, line: line(key))
            default:
                layer.unknownKeys[key] = TOMLText.inlineValue(value)
                warnings.append(
                    SceneWarning(
                        path: path, line: line(key),
                        message:
                            "unknown key \(TOMLText.quoted(key)) in layer \(index + 1) (kept when saving; known keys: \(Self.layerKeys.sorted().joined(separator: ", ")))"
                    ))
            }
        }
        return layer
    }

    private func string(_ value: TOMLValueConvertible, key: String, line: Int) throws -> String {
        guard let text = value.string else {
            throw fail(line, "\(key) must be a string in quotes, not \(value.type.withArticle)")
        }
        return text
    }

    private func bool(_ value: TOMLValueConvertible, key: String, line: Int) throws -> Bool {
        guard let flag = value.bool else {
            throw fail(line, "\(key) must be true or false, not \(value.type.withArticle)")
        }
        return flag
    }

    private func number(
        _ value: TOMLValueConvertible, key: String, line: Int, in range: ClosedRange<Float>
    ) throws -> Float {
        let bounds = "\(TOMLText.number(range.lowerBound)) to \(TOMLText.number(range.upperBound))"
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw fail(line, "\(key) must be a number from \(bounds), not \(value.type.withArticle)")
        }
        guard number.isFinite, range.contains(Float(number)) else {
            throw fail(line, "\(key) = \(number) is out of range; use a number from \(bounds)")
        }
        return Float(number)
    }

    private func fail(_ line: Int, _ reason: String) -> SceneError {
        .invalidFile(path: path, line: line, reason: reason)
    }
}

extension TOMLType {
    /// "a string", "an integer": for messages.
    var withArticle: String {
        let name = description
        return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
    }
}
