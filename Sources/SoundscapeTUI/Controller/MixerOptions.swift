/// Settings of a TUI session that come from the command line or the environment.
public struct MixerOptions: Sendable, Equatable {
    /// Real seconds are this many times shorter than displayed ones; 1
    /// normally. `SOUNDSCAPE_TIME_SCALE=60` makes a timer minute last a second,
    /// so tests can watch a timer run out.
    public var timeScale: Double
    /// Length of the fade-out that ends a timer, in (displayed) seconds.
    public var timerFadeSeconds: Double
    /// Length of the fade when quitting, in real seconds.
    public var quitFadeSeconds: Double
    /// Draw with colours (off when `NO_COLOR` is set).
    public var useColor: Bool
    /// Screen frames per second while something moves: meters read well at ten.
    public var framesPerSecond: Double
    /// Minutes of a timer to start with the session (a scene's or a prompt's "30 minutes").
    public var timerMinutes: Double?

    public init(
        timeScale: Double = 1, timerFadeSeconds: Double = 30, quitFadeSeconds: Double = 0.5,
        useColor: Bool = true,
        framesPerSecond: Double = 10, timerMinutes: Double? = nil
    ) {
        self.timerMinutes = timerMinutes
        self.timeScale = timeScale
        self.timerFadeSeconds = timerFadeSeconds
        self.quitFadeSeconds = quitFadeSeconds
        self.useColor = useColor
        self.framesPerSecond = framesPerSecond
    }
}
