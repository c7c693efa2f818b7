/// Scenes as people read them in a terminal: a table of layers and a line of settings.
extension Scene {
    /// A header, one line per layer (sound, variant, weight, intensity), and the scene's settings.
    public var tableLines: [String] {
        let soundWidth = max(5, layers.map(\.sound.count).max() ?? 0)
        let variantWidth = max(7, layers.map { ($0.variant ?? "-").count }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        var lines = ["  " + pad("sound", soundWidth) + "  " + pad("variant", variantWidth) + "  weight  intensity"]
        for layer in layers {
            lines.append(
                "  " + pad(layer.sound, soundWidth) + "  " + pad(layer.variant ?? "-", variantWidth) + "  "
                    + Self.fixed(layer.weight) + "    " + Self.fixed(layer.intensity) + (layer.muted ? "  (muted)" : "")
            )
        }
        var settings = "master \(Self.fixed(master)), evolve "
        settings += evolve ? "on (±\(Self.fixed(evolveRange)))" : "off"
        if let minutes = timerMinutes {
            settings += ", timer " + (minutes == minutes.rounded() ? "\(Int(minutes)) min" : "\(minutes) min")
        }
        lines.append(settings)
        return lines
    }

    /// Two decimals, always: columns line up.
    static func fixed(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(abs(hundredths) % 100)
        return (hundredths < 0 ? "-" : "") + "\(abs(hundredths) / 100)."
            + (fraction.count == 1 ? "0" + fraction : fraction)
    }
}
