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
        var lines = ["Scene for \"\(scene.prompt)\""]
        let soundWidth = max(5, scene.layers.map(\.sound.count).max() ?? 0)
        let variantWidth = max(7, scene.layers.map { ($0.variant ?? "-").count }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        lines.append(
            "  " + pad("sound", soundWidth) + "  " + pad("variant", variantWidth) + "  weight  intensity")
        for layer in scene.layers {
            lines.append(
                "  " + pad(layer.sound, soundWidth) + "  " + pad(layer.variant ?? "-", variantWidth)
                    + "  " + Self.fixed(layer.weight) + "    " + Self.fixed(layer.intensity)
                    + (layer.muted ? "  (muted)" : ""))
        }
        var settings = "master \(Self.fixed(scene.master)), evolve \(scene.evolve ? "on" : "off")"
        if let minutes = scene.timerMinutes { settings += ", timer \(Self.minutes(minutes))" }
        lines.append(settings)
        for correction in corrections {
            lines.append("read '\(correction.typed)' as '\(correction.readAs)'")
        }
        lines.append(
            "unknown words: " + (unknownWords.isEmpty ? "none" : unknownWords.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }

    private static func fixed(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100)." + (fraction.count == 1 ? "0" + fraction : fraction)
    }

    private static func minutes(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) min" : "\(value) min"
    }

    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
