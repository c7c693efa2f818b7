@testable import AudioEngine
@testable import Scenes
import SoundscapeTUI

/// Scene services over in-memory dictionaries.
final class FakeScenes {
    var saved: [String: Scene] = [:]
    var builtIn: [String: Scene] = [:]
    var plannedPrompts: [String] = []
    var planError: Error?
    /// What `preparation` answers for each sound; absent sounds are ready.
    var preparations: [String: LayerPreparation] = [:]

    var services: SceneServices {
        SceneServices(
            plan: { [unowned self] prompt in
                if let planError { throw planError }
                plannedPrompts.append(prompt)
                let scene = Scene(
                    prompt: prompt,
                    layers: [
                        LayerSettings(sound: "stream", weight: 0.6), LayerSettings(sound: "birds", weight: 0.4),
                    ],
                    master: 0.5, timerMinutes: prompt.hasSuffix("30 minutes") ? 30 : nil)
                return .init(scene: scene, remark: prompt.contains("zebra") ? "not understood: zebra" : nil)
            },
            sounds: {
                [
                    .init(
                        name: "rain", variants: ["window", "roof", "leaves"],
                        summary: "rain on glass, a roof, leaves"),
                    .init(name: "thunder", variants: ["storm"], summary: "thunder, near or distant"),
                    .init(name: "birds", variants: ["dawn", "forest"], summary: "birdsong"),
                ]
            },
            scenes: { [unowned self] in
                saved.keys.sorted().map { .init(name: $0, isBuiltIn: false) }
                    + builtIn.keys.sorted().map { .init(name: $0, isBuiltIn: true) }
            },
            loadScene: { [unowned self] entry in
                guard let scene = (entry.isBuiltIn ? builtIn : saved)[entry.name] else {
                    throw FakeError(description: "no scene named \(entry.name)")
                }
                return scene
            },
            saveScene: { [unowned self] scene, name in saved[name] = scene },
            preparation: { [unowned self] layer in preparations[layer.sound] ?? .ready })
    }
}

struct FakeError: Error, CustomStringConvertible {
    var description: String
}

/// The scene most tests play: a rainy library.
let rainyLibrary = Scene(
    prompt: "a quiet library on a rainy afternoon, distant thunder",
    layers: [
        LayerSettings(sound: "rain", variant: "window", weight: 0.7, intensity: 0.4),
        LayerSettings(sound: "thunder", weight: 0.3, intensity: 0.2),
        LayerSettings(sound: "room-tone", variant: "library", weight: 0.5, intensity: 0.5),
        LayerSettings(sound: "pages", weight: 0.2, intensity: 0.3),
    ],
    master: 0.8)

extension Key {
    /// Keys for each character of `text`.
    static func typing(_ text: String) -> [Key] { text.map { .character($0) } }
}

extension MixerController {
    func handle(_ keys: [Key]) { for key in keys { handle(key) } }
}
