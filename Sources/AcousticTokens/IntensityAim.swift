#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a built-in sound's walk may play at a requested intensity.
///
/// A built-in corpus is the synthesizer rendered at a few intensities, one
/// segment each (`Corpus(rendering:…)`), and every frame is labelled with
/// the intensity it was rendered at. The walk plays only the segments that
/// bracket the request: at 0.2 only what was rendered at 0.2, at 0.3 the 0.2
/// and 0.4 material in equal shares, at 0.25 three parts 0.2 to one part 0.4.
///
/// It used to weigh every segment by a bell around the request, and a bell
/// wide enough to blend neighbours also reached two segments away: rain at
/// 0.2 played the near-silent drizzle of 0 a fifth of the time, and every
/// jump there was a dark stripe, 15–25 dB under the layer (issue 20).
///
/// A blend of two neighbours still alternates between two levels (rain at
/// 0.4 and 0.6 lie 6 dB apart), and the quiet moments of the quieter one
/// fell 15 dB under the louder one's: holes again. So each segment's frames
/// play at the level the request lies at, interpolated in dB between the
/// two segments' bed levels: at 0.5, the 0.4 rain 3 dB up and the 0.6
/// rain 3 dB down. The texture blends; the level is the one between. The bed
/// is the 25th-percentile frame level, which a rare loud event (a thunder
/// roll filling half a segment) does not move.
struct IntensityAim {
    /// The distinct intensities the corpus was rendered at, ascending.
    let levels: [Float]
    /// Bed level (dB, 25th percentile) of each level's frames.
    let bedDecibels: [Float]
    /// The bracketing levels of the current request and their log-weights
    /// (−∞: not played); equal levels when the request is one of them.
    private(set) var low: Float = 0
    private(set) var high: Float = 0
    private var lowLogWeight: Float = 0
    private var highLogWeight: Float = 0
    /// Gain (dB) that brings each bracketing level's frames to the request's level.
    private var lowGain: Float = 0
    private var highGain: Float = 0
    private var aimed: Float = -1

    /// The aim over frames labelled `scores` (each a rendered intensity) whose levels are `decibels`.
    init(scores: [Float], decibels: [Float]) {
        precondition(!scores.isEmpty && scores.count == decibels.count, "one level per frame")
        levels = Array(Set(scores)).sorted()
        bedDecibels = levels.map { level in
            let own = scores.indices.filter { scores[$0] == level }.map { decibels[$0] }.sorted()
            return own[own.count / 4]
        }
    }

    /// Aims at `intensity` (0…1); cheap when it has not changed.
    mutating func aim(at intensity: Float) {
        guard intensity != aimed else { return }
        aimed = intensity
        var i = 0
        while i + 1 < levels.count && levels[i + 1] <= intensity { i += 1 }
        low = levels[i]
        high = i + 1 < levels.count && intensity > low ? levels[i + 1] : low
        lowGain = 0
        highGain = 0
        if high == low || intensity <= low {
            high = low
            lowLogWeight = 0
            highLogWeight = 0
            return
        }
        let share = (intensity - low) / (high - low)
        lowLogWeight = share >= 1 ? -.infinity : logf(1 - share)
        highLogWeight = share <= 0 ? -.infinity : logf(share)
        let lowDecibels = bedDecibels[i], highDecibels = bedDecibels[i + 1]
        let target = lowDecibels + share * (highDecibels - lowDecibels)
        lowGain = target - lowDecibels
        highGain = target - highDecibels
    }

    /// Gain (dB) a frame rendered at `score` plays at for the current request.
    @inline(__always)
    func gainDecibels(_ score: Float) -> Float { score == low ? lowGain : score == high ? highGain : 0 }

    /// Whether a frame rendered at `score` is played at the current aim.
    @inline(__always)
    func allows(_ score: Float) -> Bool {
        (score == low && lowLogWeight > -.infinity) || (score == high && highLogWeight > -.infinity)
    }

    /// Log-weight of landing on a frame rendered at `score` (only for allowed ones).
    @inline(__always)
    func logWeight(_ score: Float) -> Float { score == low ? lowLogWeight : highLogWeight }

    /// Whether a frame at `score` is the lesser share of a blend (under a quarter):
    /// the walk leaves it sooner.
    @inline(__always)
    func isMinority(_ score: Float) -> Bool { logWeight(score) < logf(0.25) }
}
