/// A snapshot of the engine: its control model (what the user has set) and its readings.
public struct EngineStatus: Sendable, Equatable {
    // MARK: The control model

    /// The layers as set now, in display order.
    public var layers: [MixLayer] = []
    /// Master fader position, 0…1.
    public var master: Float = 0.8
    /// The only layer playing, or nil when all play.
    public var soloLayer: Int?
    public var isPaused = false
    public var isEvolving = false
    /// Seconds until the timer's fade ends and playback stops; nil without a timer.
    public var timerRemainingSeconds: Double?
    /// Length of the timer's closing fade in seconds; 0 without a timer.
    public var timerFadeSeconds: Double = 0

    // MARK: Readings

    public var deviceName: String = ""
    public var latencyMilliseconds: Double = 0
    /// Seconds of audio buffered ahead in the emptiest layer ring.
    public var minimumRingFillSeconds: Double = 0
    /// CPU use, percent of one core, averaged over the last second or so. Live: the whole
    /// process, every thread (the kernel's accounting), as `top` would show it. Offline: the
    /// generation workers' (the rest is the caller's own work).
    public var cpuPercent: Double = 0
    /// The generation workers' share of that, percent of one core.
    public var generationCPUPercent: Double = 0
    public var xruns: Int = 0
    /// True while the device is gone and playback waits for it to come back.
    public var isWaitingForDevice = false
    /// Times the device went away and playback went on once it was back.
    public var reconnections: Int = 0
    /// Times a layer ring ran dry and that layer played silence for a period (all layers,
    /// including ones since removed).
    public var ringUnderruns: Int = 0
    /// The same count for each playing layer, in layer order, since it was added: which
    /// layer's generation fell behind.
    public var layerUnderruns: [Int] = []
    /// Recent peak level of each layer after its gain, 0…1 linear, in layer order.
    public var layerLevels: [Float] = []
    /// Recent peak level of the mix, 0…1 linear.
    public var masterLevel: Float = 0
    /// Short-term (3 s) loudness of the mix as played, in LUFS; −∞ in silence.
    public var shortTermLoudness: Double = -.infinity
    /// What loudness staging adds to every layer's gain, in dB (see `LoudnessStaging`).
    public var stagingDecibels: Double = 0
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
    /// The scheduling the generation workers got (`.unknown` offline or before `start()`).
    public var generationPriority = GenerationPriority.unknown
    /// False once the system refused to lock a layer ring in memory (RLIMIT_MEMLOCK).
    public var ringMemoryIsLocked = true

    /// One line for people when generation runs less protected than it could (normal
    /// priority, rings that may be paged out), saying why and what to do; nil otherwise.
    public var generationNote: String? {
        var refused: [String] = []
        if generationPriority == .normal { refused.append("generation runs at normal priority") }
        if !ringMemoryIsLocked { refused.append("its buffers are not locked in memory") }
        guard !refused.isEmpty else { return nil }
        return refused.joined(separator: " and ")
            + " (the system refused: raise RLIMIT_RTPRIO/RLIMIT_NICE and RLIMIT_MEMLOCK, e.g. in "
            + "/etc/security/limits.conf); under heavy CPU load layers may drop out"
    }

    public init() {}
}
