/// The indoor family of built-in sounds.
enum IndoorSounds {
    static let definitions: [SoundDefinition] = []
}
