import ArgumentParser
import Foundation
import Scenes

/// `soundscape scenes [list|show NAME|save NAME PROMPT|delete NAME]`.
struct ScenesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenes",
        abstract: "List, show, save and delete scenes.",
        discussion: """
            Your scenes are TOML files in $XDG_DATA_HOME/soundscape/scenes (~/.local/share/soundscape/scenes); \
            the built-in ones are in Themes/. A scene of yours with a built-in scene's name is used instead of it. \
            Scene files are TOML: prompt, master, evolve, evolve_range, timer_minutes and [[layers]] \
            tables with sound, variant, weight, intensity and mute (see README.md).

            Examples:
              soundscape scenes                      # your scenes and the built-in ones
              soundscape scenes show thunderstorm
              soundscape scenes save evening "rain on the roof, distant thunder" --evolve
              soundscape play --scene evening
              soundscape scenes delete evening

            Exit status: 0 done; 3 a scene file could not be written or deleted; \
            4 a scene or the lexicon cannot be found or read; 64 bad arguments; \
            78 the configuration file cannot be used.
            """,
        subcommands: [List.self, Show.self, Save.self, Delete.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your scenes and the built-in ones.")

        func run() throws {
            _ = try ConfigSetup.load()
            let store = ThemesSetup.store()
            let entries = store.list()
            let width = entries.map(\.name.count).max() ?? 0
            for entry in entries {
                let padded = entry.name + String(repeating: " ", count: width - entry.name.count)
                let about: String
                do {
                    let scene = try SceneFile.read(path: entry.path, catalog: store.catalog).scene
                    about = scene.summary.isEmpty ? scene.prompt : scene.summary
                } catch {
                    about = "(cannot be read: \(error))"
                }
                print("\(padded)  \(entry.isBuiltIn ? "built-in" : "yours   ")  \(about)")
            }
            if entries.isEmpty { print("no scenes in \(store.userDirectory), and no built-in scenes found") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a scene's layers and settings.")

        @Argument(
            help: "A scene name (see `soundscape scenes list`) or a path to a scene file.",
            completion: Completions.sceneNames)
        var name: String

        func run() throws {
            _ = try ConfigSetup.load()
            try reportingSceneErrors { try show() }
        }

        private func show() throws {
            let store = ThemesSetup.store()
            let path = try store.path(of: name)
            let loaded = try store.load(name)
            for warning in loaded.warnings { printToStandardError("\(warning)") }
            print("\(name)  (\(path))")
            if !loaded.scene.summary.isEmpty { print(loaded.scene.summary) }
            if !loaded.scene.prompt.isEmpty { print("prompt: \(loaded.scene.prompt)") }
            print(loaded.scene.tableLines.joined(separator: "\n"))
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a prompt and save it as one of your scenes.",
            discussion: "Replaces a scene of yours with the same name, atomically.")

        @Argument(help: "The name to save under: letters, digits, '-' and '_'.")
        var name: String

        @Argument(help: "What to hear, e.g. \"rain on a tin roof, distant thunder\".")
        var prompt: [String]

        @Flag(help: "Let weights and intensities drift slowly, like weather (evolve = true).")
        var evolve = false

        func run() throws {
            _ = try ConfigSetup.load()
            try reportingSceneErrors { try save() }
        }

        private func save() throws {
            let plan = try ThemesSetup.planner().plan(prompt.joined(separator: " "))
            var scene = plan.scene
            if evolve { scene.evolve = true }
            if !plan.unknownWords.isEmpty {
                printToStandardError("not understood: \(plan.unknownWords.joined(separator: ", "))")
            }
            let path = try ThemesSetup.store().save(scene, as: name)
            print("saved \(name) to \(path)")
            print(scene.tableLines.joined(separator: "\n"))
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete one of your scenes.")

        @Argument(help: "The name of one of your scenes.", completion: Completions.userSceneNames)
        var name: String

        func run() throws {
            _ = try ConfigSetup.load()
            try reportingSceneErrors { try ThemesSetup.store().delete(name) }
            print("deleted \(name)")
        }
    }
}

/// Runs `body`, turning a scene error into one line on stderr and the documented exit status.
func reportingSceneErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SceneError {
        if case .fileSystem = error { throw CommandFailure.exit(error, status: ExitStatus.output) }
        throw CommandFailure.exit(error, status: ExitStatus.scene)
    }
}

/// One line to stderr: warnings must not mix into output meant for pipes.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
