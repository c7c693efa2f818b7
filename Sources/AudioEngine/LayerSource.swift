/// What one layer of a scene sounds like: a procedural synthesizer or a
/// token model driving its codec.
///
/// A source runs on a generation worker, never on the audio thread, so it
/// may be a class and may keep state; it must still not allocate per call,
/// because workers render small blocks many times a second.
public protocol LayerSource: AnyObject {
    /// Writes `frameCount` interleaved stereo frames into `output`.
    ///
    /// `intensity` (0…1) changes the sound itself — density, size, distance,
    /// gustiness — not only its level. Consecutive calls continue one
    /// endless, click-free stream.
    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float)

    /// Whether the source has sound to give yet. A source still being made
    /// on another thread (`PendingLayerSource`) says no, and the workers leave
    /// its ring empty rather than fill it with silence: its sound then starts
    /// as soon as it is ready, not a whole ring (0.4 s) of silence later.
    var isReadyToRender: Bool { get }

    /// What is rendered from now on is a fresh take (`LayerRing+Jump.swift`):
    /// the listener's intensity change, which the mixer crossfades into within
    /// a period. A source may let go of what it carries over from before —
    /// a level still gliding towards the new intensity, a grain of the old one
    /// still fading out — so that the take is at the new intensity from its
    /// first sample; the crossfade hides the step.
    func beginFreshTake()
}

extension LayerSource {
    /// Ready at once, as every source made synchronously is.
    public var isReadyToRender: Bool { true }

    /// Nothing to let go of: a synthesizer carries its own short glide on.
    public func beginFreshTake() {}
}
