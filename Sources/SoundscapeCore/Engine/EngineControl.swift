/// What a front end (the TUI, the headless `play` command) can do to a
/// playing engine. Every setter is cheap and thread-safe: it stores an atomic
/// that the audio thread or a worker reads, and is heard within one period
/// (weight, master, mute) or one ring depth (intensity).
///
/// Layers are addressed by their index in `scene.layers`.
public protocol EngineControl: AnyObject {
    /// The scene as the user has set it now (weights, intensities, mutes, master).
    var scene: Scene { get }
    /// Crossfades (≈2 s) from the current scene to `scene`: new layers fade in, removed ones fade out.
    func apply(_ scene: Scene) throws
    func setWeight(_ weight: Float, ofLayer index: Int)
    func setIntensity(_ intensity: Float, ofLayer index: Int)
    func setMuted(_ muted: Bool, ofLayer index: Int)
    /// Plays only this layer (nil: all layers again).
    func setSolo(_ index: Int?)
    func setMaster(_ gain: Float)
    /// Pauses or resumes with a short fade, never a click.
    func setPaused(_ paused: Bool)
    /// Fades out over `fadeSeconds` when `seconds` of playback have passed, then stops; nil cancels.
    func setTimer(seconds: Double?, fadeSeconds: Double)
    /// Turns the slow drift of weights and intensities on or off.
    func setEvolving(_ evolving: Bool)
    /// Fades out over `seconds`, then stops playback.
    func stop(fadeSeconds: Double)
    /// A snapshot for the status line and meters.
    var status: EngineStatus { get }
}

/// A snapshot of the engine for display.
public struct EngineStatus: Sendable, Equatable {
    public var deviceName: String = ""
    public var latencyMilliseconds: Double = 0
    /// Seconds of audio buffered ahead in the emptiest layer ring.
    public var minimumRingFillSeconds: Double = 0
    /// Generation workers' CPU use, percent of one core (averaged over the last second or so).
    public var cpuPercent: Double = 0
    public var xruns: Int = 0
    /// Times a layer ring ran dry and that layer played silence.
    public var ringUnderruns: Int = 0
    /// Recent peak level of each layer after its gain, 0…1 linear, in scene order.
    public var layerLevels: [Float] = []
    /// Recent peak level of the mix, 0…1 linear.
    public var masterLevel: Float = 0
    public var isPaused = false
    public var isEvolving = false
    /// Seconds until the timer's fade ends and playback stops; nil without a timer.
    public var timerRemainingSeconds: Double?
    /// True once playback has stopped (timer ended, `stop` finished, or the device was lost).
    public var isStopped = false
    /// Seconds of audio played since the start.
    public var playedSeconds: Double = 0
    /// Why playback stopped, when a device error stopped it.
    public var stopReason: String?
    /// Whether the audio thread got real-time (SCHED_FIFO) scheduling; false
    /// when the system refused it (no CAP_SYS_NICE or RLIMIT_RTPRIO) and it
    /// runs at normal priority, or before live playback started.
    public var audioThreadIsRealTime = false

    public init() {}
}
