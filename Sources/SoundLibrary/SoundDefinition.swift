import AudioEngine
/// A sound the library can play: its name, its variants, and how to make a
/// procedural synthesizer for it.
public struct SoundDefinition: Sendable {
    /// The name used in prompts, scenes and the TUI ("rain", "pink-noise").
    public let name: String
    /// Variants ("window", "roof", "leaves"); the first is the default. Never empty.
    public let variants: [String]
    /// One line for `soundscape sounds`.
    public let summary: String
    /// Makes a synthesizer for `variant` (one of `variants`), seeded for reproducibility.
    public let makeSynthesizer: @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource

    public init(
        name: String, variants: [String], summary: String,
        makeSynthesizer: @escaping @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource
    ) {
        precondition(!variants.isEmpty, "a sound has at least one variant")
        self.name = name
        self.variants = variants
        self.summary = summary
        self.makeSynthesizer = makeSynthesizer
    }
}
