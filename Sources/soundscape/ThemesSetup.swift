import SoundscapeCore

/// Where the command line finds the lexicon, built-in scenes and the user's scenes.
enum ThemesSetup {
    /// The planner over `Themes/lexicon.toml` and the built-in and learned sounds (see `ThemesDirectory.locate` for where it is looked for).
    static func planner() throws -> Planner {
        try Planner(themesDirectory: ThemesDirectory.locate(), catalog: .installed())
    }

    /// The user's scenes in `$XDG_DATA_HOME/soundscape/scenes`, and the built-in ones when Themes/ is found.
    static func store() -> SceneStore {
        SceneStore(
            userDirectory: SceneStore.defaultUserDirectory(), builtInDirectory: try? ThemesDirectory.locate(),
            catalog: .installed())
    }
}
