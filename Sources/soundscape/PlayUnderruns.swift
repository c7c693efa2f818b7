import AudioEngine

extension PlayCommand {
    /// Which layers ran dry, for the summary line: " (rain 3, wind 1)", or nothing
    /// when no playing layer did. Each count is periods that layer played silence
    /// because its generation fell behind.
    static func underrunsByLayer(_ status: EngineStatus) -> String {
        let named = zip(status.layers, status.layerUnderruns).filter { $0.1 > 0 }.map { layer, count in
            "\(layer.variant.map { "\(layer.sound):\($0)" } ?? layer.sound) \(count)"
        }
        return named.isEmpty ? "" : " (" + named.joined(separator: ", ") + ")"
    }
}
