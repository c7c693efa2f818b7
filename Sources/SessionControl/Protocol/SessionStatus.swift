/// What `ctl status` reports about a session: its scene, layers, master, timer,
/// evolve, pause, and the device's health. Numbers are as the engine holds them;
/// layer numbers count from 1, as `ctl` takes them.
public struct SessionStatus: Codable, Equatable, Sendable {
    /// One layer of the playing scene.
    public struct Layer: Codable, Equatable, Sendable {
        /// Position in the scene, from 1: `ctl set 2 …` addresses it.
        public var index: Int
        public var sound: String
        public var variant: String?
        public var weight: Double
        public var intensity: Double
        public var muted: Bool
        /// Whether this layer plays alone.
        public var solo: Bool
        /// Periods this layer played silence because its generation fell behind; nil from a
        /// session too old to say.
        public var underruns: Int?

        public init(
            index: Int, sound: String, variant: String?, weight: Double, intensity: Double, muted: Bool, solo: Bool,
            underruns: Int? = nil
        ) {
            self.index = index
            self.sound = sound
            self.variant = variant
            self.weight = weight
            self.intensity = intensity
            self.muted = muted
            self.solo = solo
            self.underruns = underruns
        }

        /// How `ctl` names the layer: "rain:window", or "rain" without a variant.
        public var name: String { variant.map { "\(sound):\($0)" } ?? sound }
    }

    /// The session's name (its socket's name).
    public var session: String
    public var pid: Int
    /// The name the scene was opened or saved as; empty for a planned one.
    public var scene: String
    /// The words the scene was planned from; empty for hand-made scenes.
    public var prompt: String
    public var layers: [Layer]
    public var master: Double
    public var paused: Bool
    public var evolve: Bool
    /// Seconds until the timer's fade ends and playback stops; nil without a timer.
    public var timerRemainingSeconds: Double?
    public var device: String
    public var latencyMilliseconds: Double
    public var xruns: Int
    /// Whether the device went away and the session waits for it to come back.
    public var waitingForDevice: Bool
    /// Times the device went away and the session played on when it was back.
    public var reconnections: Int
    public var ringUnderruns: Int
    public var playedSeconds: Double
    /// The session's CPU use, percent of one core, the whole process (the kernel's accounting),
    /// over the last second or so; nil from a session too old to say.
    public var cpuPercent: Double?

    public init(
        session: String, pid: Int, scene: String, prompt: String, layers: [Layer], master: Double, paused: Bool,
        evolve: Bool, timerRemainingSeconds: Double?, device: String, latencyMilliseconds: Double, xruns: Int,
        waitingForDevice: Bool = false, reconnections: Int = 0, ringUnderruns: Int, playedSeconds: Double,
        cpuPercent: Double? = nil
    ) {
        self.session = session
        self.pid = pid
        self.scene = scene
        self.prompt = prompt
        self.layers = layers
        self.master = master
        self.paused = paused
        self.evolve = evolve
        self.timerRemainingSeconds = timerRemainingSeconds
        self.device = device
        self.latencyMilliseconds = latencyMilliseconds
        self.xruns = xruns
        self.waitingForDevice = waitingForDevice
        self.reconnections = reconnections
        self.ringUnderruns = ringUnderruns
        self.playedSeconds = playedSeconds
        self.cpuPercent = cpuPercent
    }

    /// The scene's title for a person: its name, else its prompt, else its layers.
    public var title: String {
        if !scene.isEmpty { return scene }
        if !prompt.isEmpty { return prompt }
        return layers.map(\.name).joined(separator: ", ")
    }
}
