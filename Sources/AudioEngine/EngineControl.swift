/// What a front end (the TUI, the headless `play` command, evolve, remote
/// control) can do to a playing engine. The engine owns this control model —
/// layers with weight, intensity, mute and solo; master; pause; timer; evolve
/// — and reports all of it in `status`, so front ends keep no copy of their own.
///
/// Every setter is cheap and thread-safe: it stores an atomic that the audio
/// thread or a worker reads, and is heard within one period (weight, master,
/// mute, solo) or one ring depth (intensity). Layers are addressed by their
/// index in `status.layers`.
public protocol EngineControl: AnyObject {
    /// Crossfades (≈2 s) from the current mix to `mix`: new layers fade in,
    /// removed ones fade out, layers playing the same sound and variant go on.
    /// Solo stays on its layer when that layer is kept, and is cleared otherwise.
    func apply(_ mix: Mix) throws
    func setWeight(_ weight: Float, ofLayer index: Int)
    /// Sets a layer's intensity. `jumps`: heard at once, by re-rendering what the
    /// layer has ready (a person's change); false for a slow drift (evolve), which
    /// comes in behind the audio already rendered so that no event in it is dropped.
    func setIntensity(_ intensity: Float, ofLayer index: Int, jumps: Bool)
    func setMuted(_ muted: Bool, ofLayer index: Int)
    /// Plays only this layer (nil: all layers again).
    func setSolo(_ index: Int?)
    func setMaster(_ gain: Float)
    /// Pauses or resumes with a short fade, never a click.
    func setPaused(_ paused: Bool)
    /// Fades out over `fadeSeconds` when `seconds` of playback have passed, then stops; nil cancels.
    func setTimer(seconds: Double?, fadeSeconds: Double)
    /// Turns the slow drift of weights and intensities on or off (the drift itself is the
    /// evolve driver's, which moves weights and intensities through the setters above).
    func setEvolving(_ evolving: Bool)
    /// Calls `observer` (on the thread that made the change) after every `setEvolving`, so
    /// the evolve driver can sleep while evolve is off instead of looking every second.
    func observeEvolving(_ observer: @escaping @Sendable () -> Void)
    /// Fades out over `seconds`, then stops playback.
    func stop(fadeSeconds: Double)
    /// The control model and the readings, in one snapshot.
    var status: EngineStatus { get }
}

extension EngineControl {
    /// A person's change of intensity: heard at once.
    public func setIntensity(_ intensity: Float, ofLayer index: Int) {
        setIntensity(intensity, ofLayer: index, jumps: true)
    }
}
