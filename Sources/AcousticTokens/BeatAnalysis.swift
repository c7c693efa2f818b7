/// Finds the beat of a rhythmic corpus (a clock's ticks, a train's rail
/// clacks) so the token model can jump without breaking it.
///
/// Why: the quiet frames between ticks look alike, so a context-matched jump
/// inside them lands at another distance from the next tick and the interval
/// heard stretches or shrinks. Knowing each frame's phase (time since its
/// cycle began) lets the model take only jumps that keep it.
///
/// Onsets are rises of the frame level (dB flux), overall or in the 1–6 kHz
/// band. A region is rhythmic when the autocorrelation of that onset curve
/// over ±5.5 s has a clear peak; the period is found per region, so a corpus
/// whose tempo follows intensity (the train) is handled region by region.
/// Each cycle is anchored on one onset, so a cycle of several onsets (a
/// train's two bogies, each a clack pair) has one phase per place in it.
/// Onset times are refined below a frame by parabolic interpolation, so
/// fractional periods (1 s = 46.875 frames) keep their phase.
enum BeatAnalysis {
    /// Frames per analysis window (≈11 s) and between windows.
    static let window = 512
    static let windowHop = 128
    /// Shortest and longest beat period considered, in frames (≈0.17 s … 4 s).
    static let minimumLag = 8
    static let maximumLag = 188
    /// Normalised autocorrelation a period must reach for a region to count as rhythmic.
    static let strength: Float = 0.3

    /// Phase of every frame: frames (fractional) since its cycle's first
    /// onset, or −1 where the corpus keeps no steady beat.
    ///
    /// Onsets are rises of the overall level or of `bandDecibels` (the level
    /// of 1–6 kHz), whichever rises more: a train's clack hardly lifts the
    /// level of its roar, but it stands far above it in the rattle band.
    static func phases(loudnessDecibels level: [Float], bandDecibels band: [Float]? = nil) -> [Float] {
        let n = level.count
        var phases = [Float](repeating: -1, count: n)
        guard n >= 4 * minimumLag else { return phases }
        var onset = [Float](repeating: 0, count: n)
        for q in 1..<n {
            onset[q] = max(0, level[q] - level[q - 1])
            if let band { onset[q] = max(onset[q], band[q] - band[q - 1]) }
        }
        // Per window: its period (0: not rhythmic) and the onset threshold.
        let length = min(window, n)
        var starts: [Int] = Array(stride(from: 0, through: n - length, by: windowHop))
        if starts.last! != n - length { starts.append(n - length) }
        var periods = [Float](repeating: 0, count: starts.count)
        var thresholds = [Float](repeating: .infinity, count: starts.count)
        let maxLag = min(maximumLag, length / 3)
        var centred = [Float](repeating: 0, count: length)
        var correlation = [Float](repeating: 0, count: maxLag + 2)
        for (w, start) in starts.enumerated() {
            var mean: Float = 0
            for i in 0..<length { mean += onset[start + i] }
            mean /= Float(length)
            for i in 0..<length { centred[i] = onset[start + i] - mean }
            for lag in 0...(maxLag + 1) {
                var sum: Float = 0
                for i in 0..<(length - lag) { sum += centred[i] * centred[i + lag] }
                correlation[lag] = sum
            }
            guard correlation[0] > 0 else { continue }
            var best = -1
            for lag in minimumLag...maxLag
            where correlation[lag] >= correlation[lag - 1] && correlation[lag] >= correlation[lag + 1] {
                if best < 0 || correlation[lag] > correlation[best] { best = lag }
            }
            guard best > 0, correlation[best] / correlation[0] >= strength else { continue }
            periods[w] = Float(best) + parabolicOffset(correlation[best - 1], correlation[best], correlation[best + 1])
            // The onsets are the window's top length/period values; half their median separates them from noise.
            let sorted = onset[start..<(start + length)].sorted(by: >)
            let beats = max(1, Int(Float(length) / periods[w]))
            thresholds[w] = 0.5 * sorted[min(length - 1, beats / 2)]
        }
        // Each frame follows the window whose centre is nearest.
        func windowIndex(_ q: Int) -> Int {
            min(starts.count - 1, max(0, Int((Float(q - length / 2) / Float(windowHop)).rounded())))
        }
        // One anchor per cycle: a beat may hold several onsets (a train's
        // near and far bogie, each a clack pair), and a phase that restarted
        // at each would make different places in the cycle look alike. The
        // chain follows the onsets that come one cycle after the last anchor.
        var chain: [Float] = []
        var cycle: Float = 0
        func close() {
            // Phases only inside confirmed cycles (anchor to anchor); the frame
            // at the last anchor marks where the last cycle ends.
            guard chain.count >= 2 else { return }
            for k in 0..<(chain.count - 1) {
                let from = Int(chain[k].rounded(.up)), to = min(n, Int(chain[k + 1].rounded(.up)))
                for q in from..<max(from, to) { phases[q] = max(0, Float(q) - chain[k]) }
            }
            let last = Int(chain[chain.count - 1].rounded(.up))
            if last < n { phases[last] = max(0, Float(last) - chain[chain.count - 1]) }
        }
        for q in 0..<n {
            let w = windowIndex(q)
            let period = periods[w]
            guard period > 0 else {
                close()
                chain = []
                continue
            }
            let o = onset[q]
            let isPeak = o >= thresholds[w] && (max(0, q - 2)...min(n - 1, q + 2)).allSatisfy { $0 == q || onset[$0] < o || ($0 > q && onset[$0] <= o) }
            guard isPeak else { continue }
            let before = q > 0 ? onset[q - 1] : 0, after = q + 1 < n ? onset[q + 1] : 0
            let t = Float(q) + parabolicOffset(before, o, after)
            guard let previous = chain.last else {
                chain = [t]
                cycle = period
                continue
            }
            let gap = t - previous
            if gap < (1 - cycleTolerance) * cycle { continue }  // another onset within the cycle
            if gap <= (1 + cycleTolerance) * cycle {
                chain.append(t)
                cycle = gap
                continue
            }
            // The beat was lost (a missed onset, a change of tempo): start again here.
            close()
            chain = [t]
            cycle = period
        }
        close()
        return isPeriodic(phases) ? phases : [Float](repeating: -1, count: n)
    }

    /// Share of each half of the corpus that confirmed cycles must cover.
    static let periodicCoverage = 0.2

    /// The criterion for beat locking: the corpus is measurably periodic when
    /// confirmed cycles (onset to onset, one period apart, each window's onset
    /// autocorrelation peaking at the period with at least `strength`) cover
    /// at least a fifth of each half of it. A clock's ticks cover ≈98% of each
    /// half, a train's clacks 39% and 77% (its tempo follows intensity), a
    /// heartbeat 30% and 55%; birds, crickets, page turns and typing at most
    /// 10% of one half and nothing of the other: a few bouts that happen to
    /// repeat for a few seconds. Locking those to a beat they do not keep
    /// splices them on a false cycle (and costs the walk its speed), so they
    /// get no phases at all. Requiring both halves keeps a corpus whose
    /// periodicity is one passing stretch from counting.
    static func isPeriodic(_ phases: [Float]) -> Bool {
        let half = phases.count / 2
        guard half > 0 else { return false }
        let first = phases[..<half].reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        let second = phases[half...].reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        return Double(first) >= periodicCoverage * Double(half)
            && Double(second) >= periodicCoverage * Double(phases.count - half)
    }

    /// How much one cycle may differ from the one before it (or from the
    /// region's period, for the first) and still continue the beat: less than
    /// the gap between a train's paired clacks (a tenth of its cycle).
    static let cycleTolerance: Float = 0.05

    /// Where the vertex of the parabola through three equally spaced values
    /// lies relative to the middle one (−0.5 … 0.5).
    static func parabolicOffset(_ a: Float, _ b: Float, _ c: Float) -> Float {
        let denominator = a - 2 * b + c
        guard denominator < 0 else { return 0 }
        return min(0.5, max(-0.5, 0.5 * (a - c) / denominator))
    }
}

extension BeatAnalysis {
    /// Phases and cycle lengths from the model's phases (for `TokenModel`): a cycle runs from one
    /// phase reset to the next. A cycle whose end is unknown (the last of a
    /// beat) has no length and counts as outside the beat.
    static func cycles(of beatPhases: [Float]) -> (phases: [Float], cycles: [Float]) {
        var phases = beatPhases
        var cycles = [Float](repeating: 0, count: phases.count)
        var start = 0
        while start < phases.count {
            guard phases[start] >= 0 else {
                start += 1
                continue
            }
            var end = start + 1
            while end < phases.count && phases[end] > phases[end - 1] { end += 1 }
            // [start, end) is one cycle; it is closed when the next frame starts another.
            if end < phases.count && phases[end] >= 0 {
                let length = (Float(end) - phases[end]) - (Float(start) - phases[start])
                for q in start..<end { cycles[q] = length }
            } else {
                for q in start..<end { phases[q] = -1 }
            }
            start = end
        }
        return (phases, cycles)
    }
}
