import AudioEngine
import Scenes
import SoundLibrary

/// What the front end needs besides the engine: planning prompts, the sound
/// list, and the scene store. Plain closures, so the command line wires in the
/// real `Planner` and `SceneStore` and tests pass in fakes.
public struct SceneServices {
    /// A sound the user can add.
    public struct Sound: Equatable, Sendable {
        public var name: String
        public var variants: [String]
        public var summary: String
        /// The heading it is listed under: a `SoundFamily`'s name, or "learned".
        public var family: String

        public init(name: String, variants: [String], summary: String, family: String = "") {
            self.name = name
            self.variants = variants
            self.summary = summary
            self.family = family
        }
    }

    /// A scene the user can open.
    public struct SceneEntry: Equatable, Sendable {
        public var name: String
        /// Shipped with the program (Themes/) rather than saved by the user.
        public var isBuiltIn: Bool

        public init(name: String, isBuiltIn: Bool) {
            self.name = name
            self.isBuiltIn = isBuiltIn
        }
    }

    /// A planned scene and a remark for the user ("not understood: zebra").
    public struct PlannedScene: Equatable, Sendable {
        public var scene: Scene
        public var remark: String?

        public init(scene: Scene, remark: String? = nil) {
            self.scene = scene
            self.remark = remark
        }
    }

    /// Plans a scene from a prompt.
    public var plan: (String) throws -> PlannedScene
    /// Built-in and learned sounds, in the order they are offered.
    public var sounds: () -> [Sound]
    /// Saved and built-in scenes, in the order they are offered.
    public var scenes: () throws -> [SceneEntry]
    /// Loads one of `scenes()`.
    public var loadScene: (SceneEntry) throws -> Scene
    /// Saves the scene under a name (atomically, replacing one of that name).
    public var saveScene: (Scene, String) throws -> Void
    /// Whether a layer's sound plays yet or is still being prepared in the
    /// background (`BackgroundSoundProvider.preparation(of:)`).
    public var preparation: (MixLayer) -> LayerPreparation
    /// Told of every scene the mixer starts playing (planned or opened), for what
    /// follows the scene besides the engine (the evolve driver's range).
    public var playing: (Scene) -> Void

    public init(
        plan: @escaping (String) throws -> PlannedScene,
        sounds: @escaping () -> [Sound] = SceneServices.builtInSounds,
        scenes: @escaping () throws -> [SceneEntry],
        loadScene: @escaping (SceneEntry) throws -> Scene,
        saveScene: @escaping (Scene, String) throws -> Void,
        preparation: @escaping (MixLayer) -> LayerPreparation = { _ in .ready },
        playing: @escaping (Scene) -> Void = { _ in }
    ) {
        self.plan = plan
        self.sounds = sounds
        self.scenes = scenes
        self.loadScene = loadScene
        self.saveScene = saveScene
        self.preparation = preparation
        self.playing = playing
    }

    /// `SoundLibrary.builtIn` as a sound list, family by family.
    public static func builtInSounds() -> [Sound] {
        SoundFamily.allCases.flatMap { family in
            SoundLibrary.builtIn.filter { $0.family == family }.map {
                Sound(name: $0.name, variants: $0.variants, summary: $0.summary, family: family.rawValue)
            }
        }
    }
}
