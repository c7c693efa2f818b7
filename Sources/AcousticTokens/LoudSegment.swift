/// The loud stretches of one part of a corpus, measured as issue 13 counts
/// events: 20 ms frames of the 100 Hz–8 kHz mono mix over the level halfway
/// between the part's own 10th and 90th percentile (`AcousticModel.bandLevels`).
///
/// A recording is one part. A built-in sound's corpus is one part per
/// rendered intensity: its segments' loud levels differ (owls' night air at
/// 0 against their calls at 1), and its aim plays one or two of them at a
/// time at the level between (`IntensityAim`), so a loud level and a longest
/// stretch for the whole corpus would measure quiet segments by loud ones.
/// A recording's loud cap (`LoudRuns`) draws on its one part's stretches; a
/// built-in sound's walk is not capped (raised hole rates, see there), but
/// its model keeps each segment's measure for a cap that does not.
public struct LoudSegment: Sendable, Equatable {
    /// The rendered intensity of the part's frames (0 for a loudness-scored model's single part).
    public let score: Float
    /// The part's loud level, dB.
    public let thresholdDecibels: Float
    /// Lengths of its loud stretches, seconds, ascending (those cut by a part's ends left out).
    public let stretchSeconds: [Float]

    public init(score: Float, thresholdDecibels: Float, stretchSeconds: [Float]) {
        self.score = score
        self.thresholdDecibels = thresholdDecibels
        self.stretchSeconds = stretchSeconds
    }

    /// The part's longest loud stretch, seconds (0: none).
    public var longestSeconds: Float { stretchSeconds.last ?? 0 }

    /// Seconds of one of the measure's frames.
    static let frameSeconds: Float = 0.02

    /// The parts of a corpus whose measure frames have `levels` (dB) and,
    /// for a built-in sound's corpus, `scores` (each frame's rendered
    /// intensity; nil: one part). Parts come in the order their scores
    /// first appear; a score's frames may lie in several pieces (stretches
    /// are cut at each piece's ends).
    static func measure(levels: [Float], scores: [Float]?) -> [LoudSegment] {
        guard let scores else { return [segment(score: 0, levels: levels, pieces: [0..<levels.count])] }
        precondition(scores.count == levels.count, "one score per frame")
        var order: [Float] = []
        var pieces: [Float: [Range<Int>]] = [:]
        var start = 0
        for k in 0...levels.count where k == levels.count || scores[k] != scores[start] {
            if k > start {
                if pieces[scores[start]] == nil { order.append(scores[start]) }
                pieces[scores[start], default: []].append(start..<k)
            }
            start = k
        }
        return order.map { segment(score: $0, levels: levels, pieces: pieces[$0]!) }
    }

    private static func segment(score: Float, levels: [Float], pieces: [Range<Int>]) -> LoudSegment {
        let own = pieces.flatMap { levels[$0] }.sorted()
        let count = own.count
        let threshold = count == 0 ? 0 : 0.5 * (own[count / 10] + own[count * 9 / 10])
        var stretches: [Float] = []
        for piece in pieces where piece.count > 1 {
            // Loud stretches between the first and the last change of side (the ends cut theirs).
            var start = piece.lowerBound, changes = 0
            for k in (piece.lowerBound + 1)..<piece.upperBound
            where (levels[k] > threshold) != (levels[k - 1] > threshold) {
                if changes > 0 && levels[k - 1] > threshold { stretches.append(Float(k - start) * frameSeconds) }
                changes += 1
                start = k
            }
        }
        return LoudSegment(score: score, thresholdDecibels: threshold, stretchSeconds: stretches.sorted())
    }
}
