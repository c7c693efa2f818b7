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
/// For a model scored by loudness (a recording), outside a beat (a beat
/// keeps its own structure, as with `SlowStructure`). Not for a built-in
/// sound, whose corpus holds segments at several intensities with loud
/// levels of their own. Tried for issue 13 with each segment's own loud
/// level and stretches kept in the model file, and capped at its segment's
/// longest, a built-in walk's forced dips raised issue 20's holes (TokenHoleTests, seeds 3–5): thunder storm at 0.2 and
/// while moving 36.8 → 46.3 and 31.6 → 54.7 a minute, owls at 0.9
/// 146 → 256, birds at dawn at 0.9 1.1 → 27.4, leaves while moving
/// 73 → 112; dips taken only from jump candidates that join, never more
/// than 10 dB under the last quarter second, still left owls at 0.2
/// 7 → 68 and leaves while moving 73 → 116. A segment's loud level sits in
/// its bed's flicker where its events are rare (thunder at 0.6: 237
/// stretches, the longest 0.7 s), so a dip there cuts the bed, and a
/// dip in a call cuts the call. Through tokens against their synthesizers
/// (structure table, 120 s, seeds 3, 5, 9) owls' longest stretch was
/// 1.10×, 0.86×, 1.15× and seagulls' 1.24×, 1.25×, 0.58× uncapped.
struct LoudRuns: Sendable {
    /// Level (dB) over which a hop is loud: halfway between the 10th and
    /// 90th percentile of the corpus's 20 ms levels, as the measure
    /// cuts (`AcousticModel.loudThresholdDecibels`).
    let threshold: Float
    /// The longest loud stretch the walk may play, in hops: the corpus's
    /// longest in the measure, whole hops under it.
    let longest: Int
    /// Whether the walk keeps the cap (a recording with loud stretches).
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

    init(model: AcousticModel, applies: Bool) {
        threshold = model.loudThresholdDecibels
        let hopSeconds = Float(Framing.hopFrames) / Float(AudioFormat.sampleRate)
        longest = Int(model.longestLoudSeconds / hopSeconds)
        caps = applies && longest >= Self.shortestCapped && longest < model.frameCount
    }
}
