import Scenes

/// The scene a command plays: a saved scene (`--scene NAME`) or the planner's reading
/// of the prompt, telling the user (on stderr) which words it did not understand.
enum PromptScene {
    static func scene(for words: [String], sceneName: String? = nil) throws -> Scene {
        if let sceneName {
            do {
                let loaded = try ThemesSetup.store().load(sceneName)
                for warning in loaded.warnings { printToStandardError("soundscape: \(warning)") }
                return loaded.scene
            } catch {
                throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
            }
        }
        let prompt = words.joined(separator: " ")
        let planner: Planner
        do {
            planner = try ThemesSetup.planner()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        let plan = planner.plan(prompt)
        if !plan.unknownWords.isEmpty {
            printToStandardError(
                "soundscape: not understood: \(plan.unknownWords.joined(separator: ", ")) (see `soundscape plan`)")
        }
        guard !plan.scene.layers.isEmpty else {
            throw CommandFailure.exit(
                "the prompt '\(prompt)' names nothing to play; try \"rain\" or \"brown noise\"", status: ExitStatus.scene)
        }
        return plan.scene
    }

    /// The layers for a status line: "rain (window), thunder (storm)".
    static func summary(_ scene: Scene) -> String {
        scene.layers.map { layer in
            let variant = layer.variant.map { " (\($0))" } ?? ""
            return "\(layer.sound)\(variant)"
        }.joined(separator: ", ")
    }
}
