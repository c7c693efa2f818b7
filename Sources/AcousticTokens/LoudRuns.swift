import DSP

/// How long a corpus ever stays loud, in the terms issue 13 counts events
/// in, and the cap the walk keeps on its own loud stretches: no event held
/// longer than the source ever holds one.
///
/// `SlowStructure` keeps events and pauses as the model marks them (6 dB
/// over the local background: a call, a crack), matching their lengths by
/// age and hazard. A listener, and the measure, also hears a
/// texture's loud stretches: hops over the level halfway between the
/// corpus's 10th and 90th percentile, in the 100 Hz–8 kHz band. Wind has no
/// marked events at all (its longest is 3 frames), and its gusts are
/// such stretches: in wind.ogg they flicker under that level at least every
/// 0.8 s. The walk rebuilds a gust from grains of many places, each played
/// at the swell's gain (`SwellContour`): half a dB more level over a gust's
/// seconds, or a grain choice that happens to skip the dips, and the gust
/// is one loud stretch of 2–4 s. Matching the contour statistically cannot
/// forbid that: over two minutes a walk has eight times the source's
/// stretches, and the longest of many draws outgrows the longest of few.
///
/// So the cap is a rule of the walk, as `SlowStructure`'s is: the walk
/// counts how long what it plays has been heard loud (each frame's
/// `AcousticModel.hopBandLevels` plus the gain it plays at), and once that
/// is as long as the corpus's longest loud stretch (measured as the issue
/// measures it, `AcousticModel.longestLoudSeconds`) the next `dipFrames`
/// must be heard `dipDecibels` under the level — by continuing where the
/// corpus dips, else by a landing that does (`TokenModel.dipsUnderLoudLevel`),
/// else by the quietest landing found, played up to `largestCutDecibels`
/// lower.
///
/// Outside a beat (a beat keeps its own structure, as with `SlowStructure`),
/// for every model. A built-in sound's corpus holds segments at several
/// intensities, whose loud levels and longest stretches differ, and its aim
/// sets which it plays: each segment is held to its own (`LoudSegment`).
/// Uncapped, built-in owls and seagulls through tokens held a loud stretch
/// 1.58× and 1.64× their synthesizer's longest (issue 13's bar: 1.5×).
struct LoudRuns: Sendable {
    /// Level (dB) over which a hop of each corpus position is loud: halfway
    /// between the 10th and 90th percentile of its part's 20 ms levels, as
    /// the measure cuts (`LoudSegment.thresholdDecibels`).
    let threshold: [Float]
    /// Each position's part of the corpus (`AcousticModel.loudSegments`).
    let part: [Int32]
    /// The longest loud stretch the walk may play in each part, in hops:
    /// the part's longest in the measure, whole hops under it
    /// (`Int.max`: the part is not capped).
    let longest: [Int]
    /// Whether the walk keeps the cap anywhere.
    let caps: Bool

    /// How far under `threshold` the grains that end a loud stretch must be
    /// heard, for what the decoder makes of them: a noise grain's
    /// resynthesis spreads its window's level. The decoder's own slow gain
    /// drift (up to 2 dB) lifted dips 1.9 dB over what was played, so a dip
    /// is decoded without any lift (`TokenStep.isDip`); with a margin of
    /// 3 dB against the drift instead, fireplace.ogg (whose quiet hops lie
    /// within 4 dB of its loud ones) found no quiet stretch for most dips.
    static let dipDecibels: Float = 1.5
    /// Grains a dip plays from quiet stretches: the first shares its hop
    /// with the loud grain's crossfade, the next two leave two clean quiet
    /// hops, so a 20 ms frame of the measure falls wholly in the dip.
    static let dipFrames = 3
    /// Most a dip's grain is played under its own gain when it is not
    /// quiet enough by itself (no quiet stretch was found: fireplace.ogg,
    /// whose quiet hops lie within 4 dB of its loud ones): a dip, not a hole.
    static let largestCutDecibels: Float = 6
    /// Loud stretches never longer than this many hops (≈ 0.17 s) are a
    /// texture's flicker (rain's drops), not something held: no cap, which
    /// would make the walk dip after every few hops.
    static let shortestCapped = 8

    init(model: AcousticModel) {
        let hopSeconds = Float(Framing.hopFrames) / Float(AudioFormat.sampleRate)
        let n = model.frameCount
        var parts = model.loudSegments
        if parts.isEmpty {
            parts = [
                LoudSegment(
                    score: 0, thresholdDecibels: model.loudThresholdDecibels,
                    stretchSeconds: model.longestLoudSeconds > 0 ? [model.longestLoudSeconds] : [])
            ]
        }
        // A recording is one part; a built-in sound's frames lie in the part of their rendered intensity.
        let byScore = model.isScoredByRenderedIntensity && parts.count > 1
        var index: [Float: Int32] = [:]
        for (i, segment) in parts.enumerated() { index[segment.score] = Int32(i) }
        part = (0..<n).map { byScore ? index[model.frameScores[$0], default: 0] : 0 }
        threshold = part.map { parts[Int($0)].thresholdDecibels }
        var frames = [Int](repeating: 0, count: parts.count)
        for p in part { frames[Int(p)] += 1 }
        longest = parts.indices.map { i in
            let hops = Int(parts[i].longestSeconds / hopSeconds)
            return hops >= Self.shortestCapped && hops < frames[i] ? hops : Int.max
        }
        caps = longest.contains { $0 < Int.max }
    }

    /// The longest loud stretch the walk may play at corpus position `q`, hops.
    @inline(__always)
    func longest(at q: Int) -> Int { longest[Int(part[q])] }
}
