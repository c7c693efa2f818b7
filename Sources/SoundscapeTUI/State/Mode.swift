/// What the keyboard is doing right now: playing the mixer, or filling in
/// one of the small dialogs that overlay it.
public enum Mode: Equatable, Sendable {
    /// Keys act on the mixer (the key map).
    case mixer
    /// The `?` overlay listing every key, scrolled down by `scroll` rows on a
    /// terminal too small to show them all (j/k and PgUp/PgDn scroll it
    /// there); any other key closes it.
    case help(scroll: Int)
    /// Editing the prompt; Enter re-plans and crossfades.
    case editingPrompt(LineEditor)
    /// Typing the name to save the scene under.
    case namingScene(LineEditor)
    /// Typing the timer's minutes (or stepping presets with `t`).
    case settingTimer(LineEditor)
    /// Choosing a sound to add.
    case addingSound(Picker)
    /// Choosing a scene to open.
    case openingScene(Picker)
}
