/// The nature family of built-in sounds.
enum NatureSounds {
    static let definitions: [SoundDefinition] = []
}
