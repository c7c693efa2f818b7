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
    /// Where its audio comes from: `both` when some variant plays from real
    /// recordings (`SoundLibrary.recordedBeds`) and keeps its synthesizer for
    /// `--procedural`, else what the definition declares.
    public var kind: SoundKind {
        SoundLibrary.recordedBeds.contains { $0.sound == name } ? .both : declaredKind
    }
    private let declaredKind: SoundKind
    /// One line for `soundscape sounds`.
    public let summary: String
    /// Makes a synthesizer for `variant` (one of `variants`), seeded for
    /// reproducibility, trimmed so intensity 0.5 plays at `SoundLoudness.reference`.
    public let makeSynthesizer: @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource
    /// How often its sparse events come, which lengthens its token corpus so
    /// every intensity holds some; nil for textures, which say all they do in
    /// a standard segment (`CorpusLayout`).
    public let eventPace: EventPace?
    /// Each variant's measured loudness (a variant not listed has `loudness`).
    private let variantLoudness: [String: SoundLoudness]
    private let defaultLoudness: SoundLoudness

    /// `loudness` is what the synthesizer measures (see `SoundLoudness`);
    /// `variantLoudness` overrides it for variants that differ by more than a decibel or so.
    public init(
        name: String, variants: [String], family: SoundFamily, kind: SoundKind = .procedural, summary: String,
        loudness: SoundLoudness = .calibrated, variantLoudness: [String: SoundLoudness] = [:],
        eventPace: EventPace? = nil,
        makeSynthesizer: @escaping @Sendable (_ variant: String, _ seed: UInt64) -> LayerSource
    ) {
        precondition(!variants.isEmpty, "a sound has at least one variant")
        self.name = name
        self.variants = variants
        self.family = family
        self.declaredKind = kind
        self.summary = summary
        self.defaultLoudness = loudness
        self.variantLoudness = variantLoudness
        self.eventPace = eventPace
        self.makeSynthesizer = { variant, seed in
            LevelTrimmedSource(makeSynthesizer(variant, seed), gain: (variantLoudness[variant] ?? loudness).trimGain)
        }
    }

    /// What `variant` measures before its trim.
    public func loudness(of variant: String) -> SoundLoudness { variantLoudness[variant] ?? defaultLoudness }
}
