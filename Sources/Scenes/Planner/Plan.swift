/// What the planner made of a prompt: a scene to play, and what it could not read.
public struct Plan: Equatable, Sendable {
    /// A misspelt word and the lexicon word it was read as.
    public struct Correction: Equatable, Sendable {
        public var typed: String
        public var readAs: String
    }

    public var scene: Scene
    /// Words the planner did not understand, as typed, in prompt order, each once.
    /// Stop words ("a", "the", "with") are not listed: they are understood and ignored.
    public var unknownWords: [String]
    /// Words read as a nearby lexicon word ("thundr" → "thunder").
    public var corrections: [Correction]

    public init(scene: Scene, unknownWords: [String] = [], corrections: [Correction] = []) {
        self.scene = scene
        self.unknownWords = unknownWords
        self.corrections = corrections
    }
}
