/// The noise family of built-in sounds.
enum NoiseSounds {
    static let definitions: [SoundDefinition] = []
}
