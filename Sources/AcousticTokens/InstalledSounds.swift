import SoundLibrary

extension SoundCatalog {
    /// The built-in sounds and the layers learned from recordings in `learned`
    /// (each with its one variant, "recording"), which scenes and prompts may name too.
    public static func installed(learned: LearnedSoundStore = LearnedSoundStore()) -> SoundCatalog {
        var catalog = SoundCatalog.builtIn
        for sound in learned.list() where !catalog.contains(sound.name) {
            catalog.add(sound.name, variants: ["recording"])
        }
        return catalog
    }
}
