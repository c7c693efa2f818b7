import SoundLibrary
import TOMLKit
import TOMLSupport

/// A scene read from a file, with anything worth a warning.
public struct LoadedScene: Equatable, Sendable {
    public var scene: Scene
    /// Accepted but suspicious: unknown keys (kept on save).
    public var warnings: [FileWarning]

    public init(scene: Scene, warnings: [FileWarning] = []) {
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
        try parse(SceneError.reporting { try TextFile.read(path: path) }, path: path, catalog: catalog)
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
        let table = try SceneError.reporting { try TOMLSyntax.parseTable(text, path: path) }
        var reader = SceneReader(path: path, lines: TOMLLineIndex(text), catalog: catalog)
        return try SceneError.reporting { try reader.read(table) }
    }

    /// The TOML text of `scene`, in the fixed key order above; `parse` gives the scene back.
    public static func text(of scene: Scene) -> String {
        var out = "# Soundscape scene. Weights, intensities and master are 0 to 1; edit freely.\n"
        if !scene.summary.isEmpty { out += "summary = \(TOMLText.string(scene.summary))\n" }
        out += "prompt = \(TOMLText.string(scene.prompt))\n"
        out += "master = \(TOMLText.number(scene.master))\n"
        if let loudness = scene.loudness { out += "loudness = \(TOMLText.number(Float(loudness)))\n" }
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
    var warnings: [FileWarning] = []

    init(path: String, lines: TOMLLineIndex, catalog: SoundCatalog) {
        self.path = path
        self.lines = lines
        self.catalog = catalog
    }

    private static let sceneKeys: Set = [
        "prompt", "summary", "master", "loudness", "evolve", "evolve_range", "timer_minutes", "layers",
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
            case "prompt": scene.prompt = try values.string(value, key: key, line: line)
            case "summary": scene.summary = try values.string(value, key: key, line: line)
            case "master": scene.master = try values.number(value, key: key, line: line, in: 0...1)
            case "loudness":
                scene.loudness = Double(try values.number(value, key: key, line: line, in: Scene.loudnessRange))
            case "evolve": scene.evolve = try values.bool(value, key: key, line: line)
            case "evolve_range": scene.evolveRange = try values.number(value, key: key, line: line, in: 0...0.5)
            case "timer_minutes":
                scene.timerMinutes = Double(
                    try values.number(value, key: key, line: line, in: 0.1...(7 * 24 * 60)))
            case "layers": break
            default:
                scene.unknownKeys[key] = TOMLText.inlineValue(value)
                warnings.append(
                    FileWarning(
                        path: path, line: line,
                        message:
                            "unknown key \(TOMLText.quoted(key)) (kept when saving; known keys: \(Self.sceneKeys.sorted().joined(separator: ", ")))"
                    ))
            }
        }
        guard let layersValue = table["layers"] else {
            throw values.fail(
                1, "no [[layers]]; a scene needs at least one layer, e.g. [[layers]] sound = \"rain\"")
        }
        guard let layers = layersValue.array else {
            throw values.fail(
                rootLine("layers"),
                "layers must be an array of tables ([[layers]]), not \(layersValue.type.withArticle)")
        }
        if layers.isEmpty {
            throw values.fail(rootLine("layers"), "layers is empty; a scene needs at least one layer")
        }
        var firstLineOfLayer: [String: Int] = [:]
        for (index, element) in layers.enumerated() {
            guard let layerTable = element.table else {
                throw values.fail(
                    lines.bestLine(ofKey: nil, inArray: "layers", index: index),
                    "layer \(index + 1) must be a table with a sound, not \(element.type.withArticle)")
            }
            let layer = try readLayer(layerTable, index: index)
            let identity =
                "\(layer.sound)/\(layer.variant ?? catalog.defaultVariant(of: layer.sound) ?? "")"
            let line = lines.bestLine(ofKey: "sound", inArray: "layers", index: index)
            if let first = firstLineOfLayer[identity] {
                throw values.fail(
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
            throw values.fail(
                line(nil), "layer \(index + 1) has no sound; add sound = \"rain\" (or another sound)")
        }
        let sound = try values.string(soundValue, key: "sound", line: line("sound"))
        guard let variants = catalog.variants(of: sound) else {
            let hint = catalog.closestName(to: sound).map { "did you mean '\($0)'? " } ?? ""
            throw values.fail(
                line("sound"),
                "unknown sound \(TOMLText.quoted(sound)); \(hint)known sounds: \(catalog.names.joined(separator: ", "))")
        }
        var layer = LayerSettings(sound: sound)
        for key in table.keys.sorted() where key != "sound" {
            guard let value = table[key] else { continue }
            switch key {
            case "variant":
                let variant = try values.string(value, key: key, line: line(key))
                guard variants.contains(variant) else {
                    throw values.fail(
                        line(key),
                        "sound '\(sound)' has no variant \(TOMLText.quoted(variant)); use one of: \(variants.joined(separator: ", "))"
                    )
                }
                layer.variant = variant
            case "weight": layer.weight = try values.number(value, key: key, line: line(key), in: 0...1)
            case "intensity": layer.intensity = try values.number(value, key: key, line: line(key), in: 0...1)
            case "mute": layer.muted = try values.bool(value, key: key, line: line(key))
            default:
                layer.unknownKeys[key] = TOMLText.inlineValue(value)
                warnings.append(
                    FileWarning(
                        path: path, line: line(key),
                        message:
                            "unknown key \(TOMLText.quoted(key)) in layer \(index + 1) (kept when saving; known keys: \(Self.layerKeys.sorted().joined(separator: ", ")))"
                    ))
            }
        }
        return layer
    }

    private var values: TOMLValueReader { TOMLValueReader(path: path) }

}
