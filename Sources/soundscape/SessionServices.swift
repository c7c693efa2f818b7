import AcousticTokens
import AudioEngine
import Scenes
import SoundscapeTUI

/// The planner, the sound list and the scene store as a session needs them, for the
/// mixer's keys and for `ctl` alike (the mixer and `play`).
enum SessionServices {
    static func make(
        planner: Planner, store: SceneStore, learned: LearnedSoundStore, evolver: EvolveDriver,
        preparation: @escaping (MixLayer) -> LayerPreparation
    ) -> SceneServices {
        SceneServices(
            plan: { words in
                let plan = planner.plan(words)
                guard !plan.scene.layers.isEmpty else {
                    throw MixerCommandError(description: "it names nothing to play; try \"rain\" or \"brown noise\"")
                }
                var remarks: [String] = []
                if !plan.unknownWords.isEmpty {
                    remarks.append("not understood: " + plan.unknownWords.joined(separator: ", "))
                }
                for correction in plan.corrections {
                    remarks.append("read \(correction.typed) as \(correction.readAs)")
                }
                return .init(scene: plan.scene, remark: remarks.isEmpty ? nil : remarks.joined(separator: "; "))
            },
            sounds: {
                SceneServices.builtInSounds()
                    + learned.list().map {
                        .init(
                            name: $0.name, variants: ["recording"], summary: "learned from \($0.source)",
                            family: "learned")
                    }
            },
            scenes: { store.list().map { .init(name: $0.name, isBuiltIn: $0.isBuiltIn) } },
            loadScene: { entry in try store.load(entry.name).scene },
            saveScene: { scene, name in try store.save(evolver.userSettings(of: scene), as: name) },
            preparation: preparation,
            playing: { scene in evolver.range = scene.evolveRange })
    }
}
