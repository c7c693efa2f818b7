import AudioEngine
import Scenes

/// Everything the screen shows, gathered in one value so the layout is a
/// pure function of it: the engine's scene and status plus the front end's
/// own state (selection, dialog, message).
public struct ViewState: Equatable, Sendable {
    /// The scene as the engine plays it now (`Scene.updated(from: status)` of the scene opened last).
    public var scene: Scene
    /// The engine's latest snapshot: its control model and readings.
    public var status: EngineStatus
    /// Index of the selected layer (0 when there are none).
    public var selectedLayer: Int
    /// The soloed layer, if any: the engine's, never a copy of the front end's.
    public var soloLayer: Int? {
        get { status.soloLayer }
        set { status.soloLayer = newValue }
    }
    public var mode: Mode
    /// One line for the user (what just happened, or what went wrong).
    public var message: Message?
    /// Seconds of the timer's final fade, to tell "fading" from "counting down".
    public var timerFadeSeconds: Double
    /// Displayed times are multiplied by this (the test time scale; 1 normally).
    public var timeScale: Double
    /// Each sound's default variant, shown for layers whose variant is nil.
    public var defaultVariants: [String: String]
    /// Whether each layer (in scene order) plays yet; missing entries are ready.
    public var preparations: [LayerPreparation] = []

    /// A line for the user, and whether it reports a failure.
    public struct Message: Equatable, Sendable {
        public var text: String
        public var isError: Bool

        public init(_ text: String, isError: Bool = false) {
            self.text = text
            self.isError = isError
        }
    }

    public init(
        scene: Scene, status: EngineStatus = EngineStatus(), selectedLayer: Int = 0,
        soloLayer: Int? = nil,
        mode: Mode = .mixer, message: Message? = nil, timerFadeSeconds: Double = 30,
        timeScale: Double = 1,
        defaultVariants: [String: String] = [:]
    ) {
        self.defaultVariants = defaultVariants
        self.scene = scene
        self.status = status
        self.selectedLayer = selectedLayer
        self.status.soloLayer = soloLayer
        self.mode = mode
        self.message = message
        self.timerFadeSeconds = timerFadeSeconds
        self.timeScale = timeScale
    }
}
