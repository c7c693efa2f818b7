import Scenes

/// Where the command line finds the lexicon, built-in scenes and the user's scenes.
enum ThemesSetup {
    /// The Themes directory: `$SOUNDSCAPE_THEMES`, the configuration's `themes`, or found
    /// near the program (see `ThemesDirectory.locate`).
    static func directory() throws -> String {
        let config = ConfigSetup.current
        return try ThemesDirectory.locate(
            configured: config.themesDirectory.map { ($0, config.location(of: "themes")) })
    }

    /// The planner over `Themes/lexicon.toml` and the built-in and learned sounds, starting
    /// planned scenes at the configuration's `master` when it sets one.
    static func planner() throws -> Planner {
        let planner = try Planner(themesDirectory: directory(), catalog: .installed())
        return ConfigSetup.current.master.map(planner.startingMaster(at:)) ?? planner
    }

    /// The user's scenes in `$XDG_DATA_HOME/soundscape/scenes`, and the built-in ones when Themes/ is found.
    static func store() -> SceneStore {
        SceneStore(
            userDirectory: SceneStore.defaultUserDirectory(), builtInDirectory: try? directory(),
            catalog: .installed())
    }
}
