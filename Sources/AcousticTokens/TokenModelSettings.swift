/// How a token model walks its corpus. Defaults follow DESIGN.md's "known
/// facts": continue often, jump only to matching contexts, never loop.
public struct TokenModelSettings: Sendable, Equatable {
    /// Chance of continuing the corpus path at each frame outside events.
    public var continueProbability: Float = 0.85
    /// Chance of continuing inside an event (a crack, a call): keeps events whole.
    public var eventContinueProbability: Float = 0.97
    /// Tokens per remembered n-gram (12 frames ≈ 0.26 s).
    public var nGramLength = 12
    /// How long an emitted n-gram stays forbidden.
    public var memorySeconds: Double = 300
    /// Corpus positions used this recently are not revisited (capped at 30%
    /// of the corpus so short corpora keep enough places to go).
    public var revisitSeconds: Double = 15
    /// Longest verbatim copy of the corpus before a jump is forced.
    public var maxVerbatimSeconds: Double = 1.2
    /// In a rhythmic corpus a jump must land at the beat phase the path had
    /// (time since the last onset) within this many frames, so ticks and
    /// clacks stay on time.
    public var beatToleranceFrames: Float = 0.5
    /// ... and in a cycle of the same length within this fraction, so a
    /// corpus whose tempo changes (a train speeding up) is not spliced across
    /// tempi, which would stretch or shrink the cycle heard.
    public var tempoTolerance: Float = 0.03

    /// Whether jumps keep the walk's event or pause at its age (`SlowStructure`).
    public var keepsDurations = true

    /// Whether a jump keeps out of the stretch just after the place the walk
    /// left, for a second (`TokenModel.shadowStretch`); nil: where the
    /// corpus swells, whose decoder holds phase along a path and so no
    /// longer hides a resumed stretch.
    public var shadowsLeftStretches: Bool? = nil

    public init() {}
}
