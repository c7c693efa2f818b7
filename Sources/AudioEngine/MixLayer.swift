/// One layer as the engine plays it: which source, how loud, how intense, muted or not.
///
/// The engine knows a layer's sound only by name, for its `SoundProvider`;
/// what the name means (a synthesizer, a token model, a recording) is the
/// provider's business. Within one mix a layer is identified by its sound and
/// variant together, so `apply` can keep a layer playing across mixes.
public struct MixLayer: Equatable, Sendable {
    /// The sound's name as the provider knows it ("rain", "brown-noise", a learned name).
    public var sound: String
    /// The sound's variant; nil is the sound's default.
    public var variant: String?
    /// Loudness in the mix, 0…1: a fader position, not linear gain (see `FaderCurve`).
    public var weight: Float
    /// How much of the sound there is, 0…1, passed to the layer's source.
    public var intensity: Float
    /// Silenced without losing its weight.
    public var isMuted: Bool

    public init(sound: String, variant: String? = nil, weight: Float = 0.7, intensity: Float = 0.5, isMuted: Bool = false)
    {
        self.sound = sound
        self.variant = variant
        self.weight = weight
        self.intensity = intensity
        self.isMuted = isMuted
    }

    /// Whether `other` plays the same source (sound and variant), whatever its settings.
    public func playsSameSource(as other: MixLayer) -> Bool {
        sound == other.sound && variant == other.variant
    }
}

/// What `EngineControl.apply` plays: the layers, in display order, and the master fader.
public struct Mix: Equatable, Sendable {
    public var layers: [MixLayer]
    /// Master fader position, 0…1.
    public var master: Float
    /// The integrated loudness (LUFS) the layers should play at with the master
    /// at 1: the engine stages their gains to it from their sounds' known
    /// loudness. Nil keeps the staging the engine has (adding a layer to a
    /// playing scene does not move the others).
    public var loudnessTarget: Double?

    public init(layers: [MixLayer] = [], master: Float = 0.8, loudnessTarget: Double? = nil) {
        self.layers = layers
        self.master = master
        self.loudnessTarget = loudnessTarget
    }
}
