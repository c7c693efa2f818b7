/// Turns a scene's layer into something that can play: the engine asks its
/// provider for one source per layer when a scene is applied.
///
/// Providers may do slow work (render a corpus, train or load a cached
/// model); the engine calls them off the audio thread.
public protocol SoundProvider: Sendable {
    /// A new source for `layer`, seeded so that a given seed reproduces the output.
    /// Throws a `SoundProviderError` when the sound or variant does not exist.
    func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource

    /// Whether `makeSource(for:seed:)` would be slow for `layer` (a model to
    /// train or load first), found out cheaply. Throws what `makeSource`
    /// throws for a sound or variant that does not exist. Default: never slow.
    func preparationNeeded(for layer: MixLayer) throws -> Bool

    /// The integrated loudness (LUFS) `layer`'s source plays at, at its
    /// intensity, with unity gain; nil when not known (the layer is then left
    /// out of loudness staging). Cheap: no source is made.
    func playedLoudness(of layer: MixLayer) -> Double?
}

extension SoundProvider {
    public func preparationNeeded(for layer: MixLayer) throws -> Bool { false }
    public func playedLoudness(of layer: MixLayer) -> Double? { nil }
}

/// Why a layer could not be made.
public enum SoundProviderError: Error, Equatable, CustomStringConvertible {
    case unknownSound(String, known: [String])
    case unknownVariant(sound: String, variant: String, known: [String])
    case unusable(sound: String, reason: String)

    public var description: String {
        switch self {
        case .unknownSound(let name, let known):
            return "unknown sound '\(name)'; known sounds: \(known.joined(separator: ", ")) (see `soundscape sounds`)"
        case .unknownVariant(let sound, let variant, let known):
            return "sound '\(sound)' has no variant '\(variant)'; try one of: \(known.joined(separator: ", "))"
        case .unusable(let sound, let reason):
            return "sound '\(sound)' cannot be played: \(reason)"
        }
    }
}
