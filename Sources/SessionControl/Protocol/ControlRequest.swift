/// One request of the `soundscape ctl` protocol: what a script may ask of a running session.
///
/// On the wire each request is one JSON object on one line, with the protocol version
/// and the command's name: `{"v":1,"cmd":"set","layer":"rain","weight":0.4}`. Layers are
/// named as `ctl` takes them: a sound ("rain"), a sound and variant ("rain:window"), or
/// the number `ctl status` shows, from 1.
public enum ControlRequest: Equatable, Sendable {
    /// The session's scene, layers, master, timer, evolve, pause, device and xruns.
    case status
    /// Changes one layer; nil fields stay as they are.
    case set(layer: String, change: LayerChange)
    /// Moves the master fader, 0…1.
    case master(Double)
    /// Adds a sound ("rain" or "rain:window") as a new layer.
    case add(sound: String)
    case remove(layer: String)
    /// Plans a new scene from the words and crossfades to it.
    case prompt(String)
    /// Opens a saved or built-in scene by name, or a scene file by absolute path.
    case scene(String)
    /// Saves the scene as it plays now under a name.
    case save(name: String)
    /// Ends playback `minutes` from now with a fade; nil cancels a running timer.
    case timer(minutes: Double?)
    case evolve(Bool)
    case pause
    case resume
    case toggle
    /// Ends the session as `q` does.
    case quit

    /// What `set` changes of a layer.
    public struct LayerChange: Equatable, Sendable {
        public var weight: Double?
        public var intensity: Double?
        public var muted: Bool?

        public init(weight: Double? = nil, intensity: Double? = nil, muted: Bool? = nil) {
            self.weight = weight
            self.intensity = intensity
            self.muted = muted
        }

        var isEmpty: Bool { weight == nil && intensity == nil && muted == nil }
    }

    /// The command's name on the wire.
    public var command: String {
        switch self {
        case .status: "status"
        case .set: "set"
        case .master: "master"
        case .add: "add"
        case .remove: "remove"
        case .prompt: "prompt"
        case .scene: "scene"
        case .save: "save"
        case .timer: "timer"
        case .evolve: "evolve"
        case .pause: "pause"
        case .resume: "resume"
        case .toggle: "toggle"
        case .quit: "quit"
        }
    }
}

/// The protocol's version and limits, shared by the session and `ctl`.
public enum ControlProtocol {
    /// The version this build speaks; a request of another version is refused by name.
    public static let version = 1
    /// Longest request or reply line in bytes, without its newline. A longer request
    /// gets an error reply and its connection is closed.
    public static let maximumLineBytes = 64 * 1024
    /// Longest text field (a prompt, a name, a layer) in characters.
    public static let maximumTextLength = 4096
    /// Longest timer, in minutes (a day), as the mixer's timer dialog allows.
    public static let longestTimerMinutes = 24.0 * 60
}
