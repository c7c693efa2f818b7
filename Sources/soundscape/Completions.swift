import ArgumentParser
import Configuration
import Scenes
import SessionControl

/// What the shell completion scripts offer for values, computed when the user presses Tab.
enum Completions {
    /// Scene names (the user's and the built-in ones) for `--scene` and `scenes show`.
    static let sceneNames = CompletionKind.custom { _, _, _ in names(builtIn: true) }

    /// The user's own scene names, for `scenes delete`.
    static let userSceneNames = CompletionKind.custom { _, _, _ in names(builtIn: false) }

    /// The names of the running sessions, for `ctl --session`.
    static let sessionNames = CompletionKind.custom { _, _, _ in ControlClient.liveSessions(in: SessionDirectory()) }

    /// The files `render` and `--output` can write.
    static let audioOutput = CompletionKind.file(extensions: ["wav", "flac", "ogg"])

    /// Read without printing anything: a completion must not write warnings into the command line being edited.
    private static func names(builtIn: Bool) -> [String] {
        let config = (try? ConfigFile.load())?.config
        let themes = try? ThemesDirectory.locate(
            configured: config?.themesDirectory.map { ($0, config?.location(of: "themes") ?? "") })
        let store = SceneStore(userDirectory: SceneStore.defaultUserDirectory(), builtInDirectory: themes)
        return store.list().filter { builtIn || !$0.isBuiltIn }.map(\.name)
    }
}
