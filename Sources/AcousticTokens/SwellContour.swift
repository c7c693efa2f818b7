import DSP

/// A corpus's slow rise and fall of level, which the walk follows as one
/// continuous contour (issue 13: swells).
///
/// Measured first (swell fixture, 10 min at 0.5, before this): the output's
/// slow modulation was 17/15 dB over the source's at 0.5–1/1–2 Hz, and the
/// sequence of corpus frame levels the walk chose was just as far off
/// (+18.5/+16.4 dB) — the decoder's gain drift changed nothing (±0.3 dB). It
/// is the walk: it jumps every six frames or so (its anti-repetition rules
/// in a short corpus), and every landing, contour-matched or not, steps the
/// level a little (median 0.45 dB, 90th percentile 1.6 dB, 99th 13 dB) and
/// can turn a rise into a fall. Those steps are the 0.5–2 Hz flutter; no
/// weighting of landings removes them while jumps stay that frequent, and
/// carrying the level across each join (a gain that relaxes back, tried)
/// only halves it.
///
/// So level over seconds is not left to the landings. Two walks run:
/// - a slow playhead (`SwellWalk`) moves through this contour one frame per
///   frame, as the corpus did, and after 4–10 s (`TokenModel.swellHoldSeconds`)
///   rejoins, in a trough (the quietest quarter of the slow level, where a
///   mismatch of a dB is a small step of sound), at the place among 256
///   random ones whose level and slope meet its own best: a real swell of
///   the source, rejoined where it is continuous. (Rejoining anywhere,
///   weighing 48 places, left +8/+5 dB at 0.5–1/1–2 Hz: the steps at crests.)
/// - the fine walk chooses grains as before (context, contour, durations,
///   novelty), and each grain plays at the gain that moves its own slow
///   level onto the playhead's: `smooth[playhead] − smooth[grain]`.
/// The output's level over seconds is then the playhead's, a contour the
/// source made, and its fast detail is the grains' own. (The decoder's own
/// slow gain drift stepped at every jump too; on a swell it now glides:
/// `DecoderSettings.driftGlideSeconds`.)
/// Swell fixture after: within 2.2 dB of the source in every band.
///
/// Only where the corpus measurably swells: its slow level (`smooth`, a
/// centred 0.28 s mean of frame dB) spreads by `minimumSpread` dB or more,
/// and it moves slowly: over half a second it changes by at most
/// `maximumSteepness` of its spread (standard deviations; a sinusoidal swell
/// of period T gives 2·sin(π·0.5/T): 0.52 at 6 s, 0.77 at 4 s). A song or a
/// crackle has its level made by events that start and stop within a frame
/// (≈ 1 and more), which `SlowStructure` keeps; a contour imposed on them
/// would mute a call that fell in the playhead's pause. A steady texture
/// does not spread. And it must rise and fall again and again: the slow level
/// crosses its median (by half a spread either way) `minimumCrossingsPerMinute`
/// times a minute or more. A corpus whose level only climbs or steps (light
/// rain turning heavy) is not a swell: the playhead would impose its whole
/// staircase on every intensity, boosting light rain to heavy rain's level. Not for a built-in sound (`IntensityAim` sets its level
/// over seconds; its corpus's segments at different intensities are not a swell).
struct SwellContour: Sendable {
    /// Per position: the centred slow level (dB), and its change over the
    /// surrounding `radius · 2` frames (dB).
    let smooth: [Float]
    let slope: [Float]
    /// Spread of `smooth` and of `slope` over the corpus (floored at 1 dB).
    let spread: Float
    let slopeSpread: Float
    /// The slow level a quarter of the corpus lies under: the troughs, where the playhead rejoins.
    let trough: Float
    /// Whether the corpus swells (see the type's comment), and how steeply its slow level moves.
    let swells: Bool
    let steepness: Float
    let crossingsPerMinute: Float

    /// Frames either side of a position in its slow level (≈ 0.14 s).
    static let radius = 6
    /// Smallest spread of the slow level that counts as swelling, dB.
    static let minimumSpread: Float = 3
    /// Largest change over `steepnessLag` frames (≈ 0.5 s), in spreads, of a swelling corpus.
    static let maximumSteepness: Float = 0.8
    static let steepnessLag = 24
    /// Fewest crossings of the median a minute of a swelling corpus (a 10 s swell: 12).
    static let minimumCrossingsPerMinute: Float = 6
    /// How far under the corpus's median a frame's level counts (silence is not −100 dB of swell).
    static let floorBelowMedian: Float = 40

    init(decibels: [Float]) {
        let n = decibels.count
        let median = n == 0 ? 0 : decibels.sorted()[n / 2]
        let floor = median - Self.floorBelowMedian
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + Double(max(decibels[i], floor)) }
        func mean(_ lo: Int, _ hi: Int) -> Float {
            let a = max(0, lo), b = min(n - 1, hi)
            return b < a ? 0 : Float((prefix[b + 1] - prefix[a]) / Double(b + 1 - a))
        }
        let r = Self.radius
        let level = (0..<n).map { mean($0 - r, $0 + r) }
        smooth = level
        slope = (0..<n).map { mean($0, $0 + 2 * r) - mean($0 - 2 * r, $0) }
        spread = max(1, Self.deviation(level))
        slopeSpread = max(1, Self.deviation(slope))
        trough = n == 0 ? 0 : level.sorted()[n / 4]
        let lag = Self.steepnessLag
        let changes = n > lag ? (0..<(n - lag)).map { level[$0 + lag] - level[$0] } : []
        let deviation = Self.deviation(level)
        steepness = deviation > 0 ? Self.deviation(changes) / deviation : 0
        var crossings = 0
        var above: Bool? = nil
        let middle = n == 0 ? 0 : level.sorted()[n / 2]
        for x in level where abs(x - middle) >= deviation / 2 {
            if let was = above, was != (x > middle) { crossings += 1 }
            above = x > middle
        }
        let minutes = Float(n) * Float(Framing.hopFrames) / Float(AudioFormat.sampleRate) / 60
        crossingsPerMinute = minutes > 0 ? Float(crossings) / minutes : 0
        swells =
            deviation >= Self.minimumSpread && steepness <= Self.maximumSteepness
            && crossingsPerMinute >= Self.minimumCrossingsPerMinute
    }

    /// How far apart `p` and `q` stand in level and slope, squared spreads.
    @inline(__always)
    func distance(_ p: Int, _ q: Int) -> Float {
        let a = (smooth[p] - smooth[q]) / spread
        let b = (slope[p] - slope[q]) / slopeSpread
        return a * a + b * b
    }

    static func deviation(_ values: [Float]) -> Float {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Float(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)).squareRoot()
    }
}

/// The slow playhead over a `SwellContour` (see there): where in the
/// corpus's contour the walk's level is, how long until it rejoins, and
/// when it last passed each place (`TokenModel.rejoinSwell`).
struct SwellWalk {
    var position = -1
    var framesLeft = 0
    /// Step at which the playhead last stood at each corpus position
    /// (empty where the corpus does not swell: nothing to remember).
    var lastCovered: [Int]

    init(count: Int) { lastCovered = [Int](repeating: Int.min / 2, count: count) }
}
