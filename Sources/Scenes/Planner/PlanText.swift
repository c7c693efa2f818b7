import TOMLSupport
/// How `soundscape plan` shows a plan: JSON for programs, a table for people.
extension Plan {
    /// `{"prompt": ..., "layers": [{"sound", "variant", "weight", "intensity"}], "unknown": [...]}`,
    /// on one line, keys in that order. A variant the catalogue cannot name is `null`.
    public var json: String {
        let layers = scene.layers.map { layer in
            "{\"sound\": \(Self.jsonString(layer.sound)), \"variant\": \(layer.variant.map(Self.jsonString) ?? "null"), "
                + "\"weight\": \(layer.weight), \"intensity\": \(layer.intensity)}"
        }
        return
            "{\"prompt\": \(Self.jsonString(scene.prompt)), \"layers\": [\(layers.joined(separator: ", "))], "
            + "\"unknown\": [\(unknownWords.map(Self.jsonString).joined(separator: ", "))]}"
    }

    /// A table of layers with the scene's settings and what was not understood.
    public var text: String {
        var lines = ["Scene for \"\(scene.prompt)\""] + scene.tableLines
        for correction in corrections { lines.append("read '\(correction.typed)' as '\(correction.readAs)'") }
        lines.append("unknown words: " + (unknownWords.isEmpty ? "none" : unknownWords.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }

    /// A JSON string. TOML's basic-string escapes (\" \\ \n \r \t \u00XX) are all valid
    /// JSON escapes, so the scene writer's escaping serves both.
    static func jsonString(_ value: String) -> String { TOMLText.string(value) }
}
