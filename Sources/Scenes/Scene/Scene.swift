/// A planned or saved mix: which sounds play, how loud, how intense.
///
/// The engine plays a scene (`engine.apply(scene)`), the planner makes one
/// from a prompt, and the scene store keeps them on disk as TOML.
public struct Scene: Equatable, Sendable {
    /// The integrated loudness scenes play at with the master at 100 %, in LUFS
    /// (EBU R 128's programme level), unless a scene asks for its own.
    public static let defaultLoudness = -23.0
    /// The loudness a scene may ask for, in LUFS.
    public static let loudnessRange: ClosedRange<Float> = -50 ... -10

    /// How far evolve may move a weight or intensity from the user's setting when a scene does not say.
    public static let defaultEvolveRange: Float = 0.15

    /// The words the scene was planned from; empty for hand-made scenes.
    public var prompt: String
    /// One entry per sound layer, in display order.
    public var layers: [LayerSettings]
    /// Master fader, 0…1: 1 plays the scene at its loudness, lower is quieter.
    public var master: Float
    /// The integrated loudness (LUFS) the scene plays at with the master at 1, when it
    /// asks for a level of its own (a sleep scene at −30); nil is `defaultLoudness`.
    /// Weights set the balance inside the scene; the engine stages them to this.
    public var loudness: Double?
    /// Whether weights and intensities drift slowly over time.
    public var evolve: Bool
    /// Minutes until the mix fades out and stops; nil plays forever.
    public var timerMinutes: Double?
    /// How far (0…0.5) evolve may move each weight and intensity away from the user's setting.
    public var evolveRange: Float
    /// One line describing the scene, shown by `soundscape scenes list`; empty for most user scenes.
    public var summary: String
    /// Top-level keys of a scene file that this version does not understand, each kept as
    /// its TOML value text (`"{ hue = 3 }"`) so that saving the scene again never loses them.
    public var unknownKeys: [String: String]

    public init(
        prompt: String = "", layers: [LayerSettings] = [], master: Float = 1, loudness: Double? = nil,
        evolve: Bool = false,
        timerMinutes: Double? = nil, evolveRange: Float = Scene.defaultEvolveRange,
        summary: String = "",
        unknownKeys: [String: String] = [:]
    ) {
        self.prompt = prompt
        self.layers = layers
        self.master = master
        self.loudness = loudness
        self.evolve = evolve
        self.timerMinutes = timerMinutes
        self.evolveRange = evolveRange
        self.summary = summary
        self.unknownKeys = unknownKeys
    }
}

/// One layer of a scene.
public struct LayerSettings: Equatable, Sendable {
    /// The sound's name in the library ("rain", "brown-noise", a learned name).
    public var sound: String
    /// The sound's variant ("window", "roof"); nil is the sound's default.
    public var variant: String?
    /// Loudness in the mix, 0…1 (a fader position, not linear gain).
    public var weight: Float
    /// How much of the sound there is, 0…1: light ↔ torrential rain, distant ↔ near thunder.
    public var intensity: Float
    /// Silenced without losing its weight.
    public var muted: Bool
    /// Keys of this layer's `[[layers]]` table that this version does not understand, each kept
    /// as its TOML value text so that saving the scene again never loses them.
    public var unknownKeys: [String: String]

    public init(
        sound: String, variant: String? = nil, weight: Float = 0.7, intensity: Float = 0.5,
        muted: Bool = false,
        unknownKeys: [String: String] = [:]
    ) {
        self.sound = sound
        self.variant = variant
        self.weight = weight
        self.intensity = intensity
        self.muted = muted
        self.unknownKeys = unknownKeys
    }
}
