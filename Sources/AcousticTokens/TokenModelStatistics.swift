/// The token walk's counters and the rule a jump follows for the walk's run.
extension TokenModel {
    /// What the walk has done so far, for `bench` and the tests.
    public struct Statistics: Sendable, Equatable {
        /// Tokens emitted.
        public var steps = 0
        /// Steps that left the corpus path.
        public var jumps = 0
        /// Jumps forced because the verbatim run reached `maxVerbatimSeconds`.
        public var runLimitJumps = 0
        /// Jumps forced because continuing would have repeated a remembered n-gram.
        public var memoryJumps = 0
        /// Jumps forced because the next position was used within the revisit window.
        public var revisitJumps = 0
        /// Jumps forced because the next position lies outside the segments the
        /// requested intensity plays, or across the cut between two segments.
        public var aimJumps = 0
        /// Jumps forced because the walk's event or pause had lasted as long as the source's longest.
        public var runEndJumps = 0
        /// Jumps forced because what the walk played had been heard loud as long as the source's longest loud stretch (`LoudRuns`).
        public var loudRunJumps = 0
        /// Times no landing dipped under the loud level and the walk took the quietest it found.
        public var quietestLandings = 0
        /// Jumps that landed on one of the jump table's candidates (context and contour matched).
        public var candidateLandings = 0
        /// Jumps that landed on a random run of the kind and age the walk needed.
        public var runProbeLandings = 0
        /// Times every choice was forbidden and the model had to revisit a
        /// recent stretch or repeat an n-gram (a corpus too short for the memory).
        public var forcedRepeats = 0
        /// Jumps that landed where the level does not join the walk's (`breaksJoin`): no landing that joins was allowed.
        public var unjoinedLandings = 0
    }

    /// What a jump must do to the walk's event or pause.
    enum RunRule {
        /// Nothing (a beat rules the landing, or no run is kept).
        case free
        /// Land in a run of the same kind at the walk's age.
        case goOn
        /// The run has lasted as long as the source's longest: land where a run of the other kind begins.
        case end
    }
}
