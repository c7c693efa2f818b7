/// Where each corpus position stands in its slow rises and falls: the level
/// over the last quarter second, how it moved over the last second, and how
/// that second stands against the last four (issue 13: swells).
///
/// A jump that matches only the last three frames (≈ 64 ms) lands at the
/// right level but anywhere in a swell: rising where the walk was falling,
/// near a crest where it was halfway up. Forced jumps come every few frames
/// in a short corpus (the anti-repetition memory and revisit window), so a
/// 4–8 s swell was cut into bursts of a second. Jump candidates are chosen
/// by this contour as well (`JumpTableBuilder`), so a landing carries the
/// swell on where the walk had it, and joins between parts of a corpus at
/// different levels (a built-in sound's intensity segments) land where the
/// level meets.
struct LevelContour {
    /// Per position: level (dB) over the last 12 frames, its change against
    /// the last 47, and that against the last 188.
    let level: [Float]
    let rise: [Float]
    let swell: [Float]
    /// Spread of each component over the corpus (floored: a steady texture's
    /// flicker is not a contour worth keeping).
    let levelSpread: Float
    let riseSpread: Float
    let swellSpread: Float

    /// Smallest spread a component is measured in, dB.
    static let spreadFloor: Float = 2

    /// The contour of a corpus whose frames are `decibels` loud.
    init(decibels: [Float]) {
        let n = decibels.count
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + Double(max(decibels[i], -100)) }
        func mean(endingAt p: Int, frames: Int) -> Float {
            let lo = max(0, p + 1 - frames)
            return Float((prefix[p + 1] - prefix[lo]) / Double(p + 1 - lo))
        }
        var level = [Float](repeating: 0, count: n)
        var rise = [Float](repeating: 0, count: n)
        var swell = [Float](repeating: 0, count: n)
        for p in 0..<n {
            let quarter = mean(endingAt: p, frames: 12)
            let second = mean(endingAt: p, frames: 47)
            level[p] = quarter
            rise[p] = quarter - second
            swell[p] = second - mean(endingAt: p, frames: 188)
        }
        self.level = level
        self.rise = rise
        self.swell = swell
        levelSpread = max(Self.spreadFloor, Self.standardDeviation(level))
        riseSpread = max(Self.spreadFloor, Self.standardDeviation(rise))
        swellSpread = max(Self.spreadFloor, Self.standardDeviation(swell))
    }

    /// How far apart positions `p` and `q` stand in their contours, in
    /// squared spreads summed over the three components.
    @inline(__always)
    func distance(_ p: Int, _ q: Int) -> Float {
        let a = (level[p] - level[q]) / levelSpread
        let b = (rise[p] - rise[q]) / riseSpread
        let c = (swell[p] - swell[q]) / swellSpread
        return a * a + b * b + c * c
    }

    private static func standardDeviation(_ values: [Float]) -> Float {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
        return variance.squareRoot()
    }
}
