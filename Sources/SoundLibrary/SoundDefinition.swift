import AudioEngine

/// A sound the library can play: its name, its variants, its family, and how
/// to make a procedural synthesizer for it. Each sound's file holds its own
/// definition (`Rain.definition`); `SoundLibrary.builtIn` lists them.
public struct SoundDefinition: Sendable {
    /// The name used in prompts, scenes and the TUI ("rain", "pink-noise").
    public let name: String
    /// Variants ("window", "roof", "leaves"); the first is the default. Never empty.
    public let variants: [String]
    /// The group it is listed under.
    public let family: SoundFamily
    /// Where its audio comes from.
    public let kind: SoundKind
    /// One line for `soundscape sounds`.
    public let summary: String
    /// Makes a synthesizer for `variant` (one of `variants`), seeded for reproducibility.
    public let makeSynthesizer: @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource

    public init(
        name: String, variants: [String], family: SoundFamily, kind: SoundKind = .procedural, summary: String,
        makeSynthesizer: @escaping @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource
    ) {
        precondition(!variants.isEmpty, "a sound has at least one variant")
        self.name = name
        self.variants = variants
        self.family = family
        self.kind = kind
        self.summary = summary
        self.makeSynthesizer = makeSynthesizer
    }
}
