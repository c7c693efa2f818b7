import AudioEngine

/// Plays built-in sounds straight from their procedural synthesizers.
public struct SynthesizerProvider: SoundProvider {
    public init() {}

    public func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        let library = SoundLibrary.builtIn
        guard let definition = library.first(where: { $0.name == layer.sound }) else {
            throw SoundProviderError.unknownSound(layer.sound, known: library.map(\.name))
        }
        let variant = layer.variant ?? definition.variants[0]
        guard definition.variants.contains(variant) else {
            throw SoundProviderError.unknownVariant(sound: layer.sound, variant: variant, known: definition.variants)
        }
        return definition.makeSynthesizer(variant, seed)
    }

    public func playedLoudness(of layer: MixLayer) -> Double? {
        SoundLibrary.playedLoudness(of: layer)
    }
}
