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
/// jump there was a dark stripe, 15–25 dB under the layer (issue 20). Two
/// neighbours differ by one step of the synthesizer's own range, so a join
/// between them is a step a listener takes for the rain changing, not a hole.
struct IntensityAim {
    /// The distinct intensities the corpus was rendered at, ascending.
    let levels: [Float]
    /// The bracketing levels of the current request and their log-weights
    /// (−∞: not played); equal levels when the request is one of them.
    private(set) var low: Float = 0
    private(set) var high: Float = 0
    private var lowLogWeight: Float = 0
    private var highLogWeight: Float = 0
    private var aimed: Float = -1

    /// The aim over frames labelled `scores` (each a rendered intensity).
    init(scores: [Float]) {
        levels = Array(Set(scores)).sorted()
        precondition(!levels.isEmpty, "a corpus has frames")
    }

    /// Aims at `intensity` (0…1); cheap when it has not changed.
    mutating func aim(at intensity: Float) {
        guard intensity != aimed else { return }
        aimed = intensity
        var i = 0
        while i + 1 < levels.count && levels[i + 1] <= intensity { i += 1 }
        low = levels[i]
        high = i + 1 < levels.count && intensity > low ? levels[i + 1] : low
        if high == low || intensity <= low {
            high = low
            lowLogWeight = 0
            highLogWeight = 0
            return
        }
        let share = (intensity - low) / (high - low)
        lowLogWeight = share >= 1 ? -.infinity : logf(1 - share)
        highLogWeight = share <= 0 ? -.infinity : logf(share)
    }

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
