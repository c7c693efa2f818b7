/// The built-in sounds, one list per family so each family's file owns its entries.
public enum SoundLibrary {
    /// Every built-in sound, in the order `soundscape sounds` lists them.
    public static var builtIn: [SoundDefinition] {
        NoiseSounds.definitions + NatureSounds.definitions + IndoorSounds.definitions
    }

    /// The built-in sound called `name`, if any.
    public static func builtIn(named name: String) -> SoundDefinition? {
        builtIn.first { $0.name == name }
    }
}
