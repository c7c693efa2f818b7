import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A trained layer: the corpus audio, its codebook and token sequence, and
/// the precomputed tables the token model samples from. Immutable and
/// shareable; playing it needs a `TokenModel` (the sequence state) and a
/// `Decoder` (the audio state) per layer.
public final class AcousticModel: Sendable {
    /// Jump candidates kept per corpus position.
    public static let candidatesPerPosition = 32
    /// Intensity buckets the jump candidates are spread over, so that every
    /// position can reach every part of the corpus's loudness range.
    static let scoreBuckets = 6

    /// The audio grains are cut from.
    public let corpus: Corpus
    /// Tokens, grains and codeword scores.
    public let codebook: Codebook
    /// Loudness/density score of each frame: power-mean level over ±0.25 s, dB.
    public let frameScores: [Float]
    /// Frames inside an event (a crack, a page turn, a bird call): louder than
    /// the local background by 6 dB or more. The model rarely jumps there.
    public let isEvent: [Bool]
    /// For each position p, up to `candidatesPerPosition` positions q whose
    /// recent context resembles p's, so the corpus can continue from q + 1
    /// after p, and how far each context is (in memory, or read from the
    /// model file as the walk needs it).
    public let jumpTable: JumpTable
    /// `jumpTable`'s targets, all of them; −1 pads unused slots.
    public var jumpTargets: [Int32] { jumpTable.targets }
    /// Context distance of each entry in `jumpTargets`.
    public var jumpDistances: [Float] { jumpTable.distances }
    /// Typical context distance of a good jump: the scale of the jump weights.
    public let contextScale: Float
    /// Score range the intensity control spans (5th and 95th percentile of frame scores).
    public var scoreRange: ClosedRange<Float> { scoreQuantiles[0]...scoreQuantiles[scoreQuantiles.count - 1] }
    /// Frame-score percentiles 5, 14, 23, … 95: intensity tilts choices by
    /// where a codeword's score ranks among them, so the control is spread
    /// evenly over the material whatever its loudness distribution.
    public let scoreQuantiles: [Float]

    /// Each frame's place in the corpus's beat: frames (fractional) since the
    /// last onset, −1 where the corpus keeps no steady beat (`BeatAnalysis`).
    /// The token model jumps only between frames of the same phase.
    public let beatPhases: [Float]

    /// What the frame scores are: a field of the model file, never inferred
    /// from the scores themselves (a steady learned corpus could meet any
    /// convention by accident).
    public enum Scoring: UInt32, Sendable {
        /// Measured loudness (dB): intensity tilts the walk by loudness rank.
        case loudness = 0
        /// The intensity a synthesizer rendered each frame at: intensity aims the walk.
        case renderedIntensity = 1
    }

    /// How `frameScores` were made.
    public let scoring: Scoring

    /// Each frame's own level (dB, unsmoothed), whatever the scores are: kept
    /// for a walk that follows the level's slow contour (swells; issue 13).
    public let frameLevels: [Float]

    /// What is heard when the walk plays each frame, in the envelope issue 13
    /// counts events in: the level (dB) of the frame's first hop of samples
    /// (the hop its grain and the one before it make together) of the mono
    /// mix, band-passed to 100 Hz–8 kHz. `frameLevels` is a whole window's
    /// level over the full band: on wind.ogg, whose gusts are mostly rumble
    /// under 100 Hz and flicker by the hop, its longest run over the midpoint
    /// is 1.5 s where this one's is 0.8 s, as the measure finds
    /// (`LoudRuns`).
    public let hopBandLevels: [Float]
    /// The corpus's loud stretches measured exactly as issue 13 counts events
    /// (20 ms frames of the same band, over the level halfway between their
    /// 10th and 90th percentile; the first and last stretch, cut by the
    /// corpus's ends, left out): that level, dB, and the longest stretch,
    /// seconds (0: none). Hops straddle the 20 ms frames' dips: fireplace.ogg's
    /// longest run of loud hops is 0.49 s where the measure's is 0.34 s.
    public let loudThresholdDecibels: Float
    public let longestLoudSeconds: Float

    /// Frames (tokens) in the corpus.
    public var frameCount: Int { codebook.tokens.count }

    public convenience init(
        corpus: Corpus, codebook: Codebook, frameScores: [Float], isEvent: [Bool], jumpTargets: [Int32],
        jumpDistances: [Float], contextScale: Float, scoreQuantiles: [Float], beatPhases: [Float], scoring: Scoring,
        frameLevels: [Float], hopBandLevels: [Float], loudThresholdDecibels: Float, longestLoudSeconds: Float
    ) {
        self.init(
            corpus: corpus, codebook: codebook, frameScores: frameScores, isEvent: isEvent,
            jumpTable: JumpTable(targets: jumpTargets, distances: jumpDistances), contextScale: contextScale,
            scoreQuantiles: scoreQuantiles, beatPhases: beatPhases, scoring: scoring, frameLevels: frameLevels,
            hopBandLevels: hopBandLevels, loudThresholdDecibels: loudThresholdDecibels,
            longestLoudSeconds: longestLoudSeconds)
    }

    public init(
        corpus: Corpus, codebook: Codebook, frameScores: [Float], isEvent: [Bool], jumpTable: JumpTable,
        contextScale: Float, scoreQuantiles: [Float], beatPhases: [Float], scoring: Scoring, frameLevels: [Float],
        hopBandLevels: [Float], loudThresholdDecibels: Float, longestLoudSeconds: Float
    ) {
        precondition(beatPhases.count == codebook.tokens.count)
        precondition(frameLevels.count == codebook.tokens.count)
        precondition(hopBandLevels.count == codebook.tokens.count)
        precondition(jumpTable.positionCount == codebook.tokens.count)
        precondition(scoreQuantiles.count >= 2 && scoreQuantiles.first! < scoreQuantiles.last!)
        self.corpus = corpus
        self.codebook = codebook
        self.frameScores = frameScores
        self.isEvent = isEvent
        self.jumpTable = jumpTable
        self.contextScale = contextScale
        self.scoreQuantiles = scoreQuantiles
        self.beatPhases = beatPhases
        self.scoring = scoring
        self.frameLevels = frameLevels
        self.hopBandLevels = hopBandLevels
        self.loudThresholdDecibels = loudThresholdDecibels
        self.longestLoudSeconds = longestLoudSeconds
    }

    /// Where `score` lies among the corpus's frame scores, 0 (quietest 5%) …
    /// 1 (loudest 5%), interpolated between the stored percentiles.
    public func scoreRank(_ score: Float) -> Float {
        let q = scoreQuantiles
        if score <= q[0] { return 0 }
        if score >= q[q.count - 1] { return 1 }
        var i = 0
        while i < q.count - 2 && score > q[i + 1] { i += 1 }
        let width = q[i + 1] - q[i]
        let within = width > 0 ? (score - q[i]) / width : 0
        return (Float(i) + within) / Float(q.count - 1)
    }

    /// Score quantiles of a model whose frame scores are the intensities its
    /// corpus was rendered at (0…1): rank and score are then the same number.
    static let renderedIntensityQuantiles: [Float] = (0...10).map { Float($0) / 10 }

    /// True when frame scores are the intensities a synthesizer rendered the
    /// corpus at, not measured loudness: the token model then aims at frames
    /// rendered near the requested intensity (`TokenModel`).
    public var isScoredByRenderedIntensity: Bool { scoring == .renderedIntensity }

    /// Learns `corpus`: features, codebook, scores, event marks, jump table and beat.
    /// Deterministic: the same corpus always gives the same model.
    ///
    /// `renderedIntensities` (one per frame, 0…1), when the corpus was rendered
    /// by a synthesizer, become the frame scores in place of loudness: what
    /// intensity means to a synthesizer is its own business (a brighter pink
    /// noise is quieter, not louder, in the mono mix), so the only faithful
    /// label is the intensity the frame was made at.
    public static func train(_ corpus: Corpus, renderedIntensities: [Float]? = nil) -> AcousticModel {
        let features = Features(corpus: corpus)
        let n = features.frameCount
        precondition(n >= 16, "a corpus needs at least 16 frames (≈0.4 s)")
        precondition(renderedIntensities.map { $0.count == n } ?? true, "one rendered intensity per frame")
        let scores =
            renderedIntensities.map { $0.map { min(1, max(0, $0)) } }
            ?? smoothedScores(features.loudnessDecibels, radius: 12)
        let codebook = Codebook.train(features: features, frameScores: scores)
        let events = eventMarks(features.loudnessDecibels)
        let sorted = scores.sorted()
        var quantiles = (0...10).map { sorted[min(n - 1, n * (5 + 9 * $0) / 100)] }
        if renderedIntensities != nil {
            quantiles = renderedIntensityQuantiles
        } else if quantiles[10] - quantiles[0] < 1 {
            // A steady corpus: spread a 1 dB range so intensity still has a direction.
            let middle = quantiles[5]
            quantiles = (0...10).map { middle - 0.5 + Float($0) / 10 }
        }
        let table = JumpTableBuilder(
            codebook: codebook, scoreRange: quantiles[0]...quantiles[10], decibels: features.loudnessDecibels
        ).build()
        let band = bandLevels(corpus.monoMix(), frames: n)
        return AcousticModel(
            corpus: corpus, codebook: codebook, frameScores: scores, isEvent: events, jumpTargets: table.targets,
            jumpDistances: table.distances, contextScale: table.scale, scoreQuantiles: quantiles,
            beatPhases: BeatAnalysis.phases(
                loudnessDecibels: features.loudnessDecibels, bandDecibels: bandDecibels(features, from: 1_000, to: 6_000)),
            scoring: renderedIntensities == nil ? .loudness : .renderedIntensity, frameLevels: features.loudnessDecibels,
            hopBandLevels: band.hops, loudThresholdDecibels: band.threshold, longestLoudSeconds: band.longestLoudSeconds)
    }

    /// `hopBandLevels` (the first `frames` hops) and the loud stretches of a
    /// corpus whose mono mix is `mono`, in 100 Hz–8 kHz (two high-passes and
    /// two low-passes, as issue 13's measure filters).
    static func bandLevels(_ mono: [Float], frames: Int) -> (hops: [Float], threshold: Float, longestLoudSeconds: Float) {
        var high = (Biquad(.highPass, frequency: 100), Biquad(.highPass, frequency: 100))
        var low = (Biquad(.lowPass, frequency: 8_000), Biquad(.lowPass, frequency: 8_000))
        let hop = Framing.hopFrames
        let measureFrame = AudioFormat.sampleRate / 50
        var hops = [Float](repeating: -100, count: frames)
        var measured: [Float] = []
        measured.reserveCapacity(mono.count / measureFrame)
        var hopSum: Double = 0, frameSum: Double = 0
        for i in 0..<mono.count {
            let y = low.1.process(low.0.process(high.1.process(high.0.process(mono[i]))))
            let power = Double(y) * Double(y)
            hopSum += power
            frameSum += power
            if (i + 1) % hop == 0 {
                if i / hop < frames { hops[i / hop] = Float(10 * log10(hopSum / Double(hop) + 1e-20)) }
                hopSum = 0
            }
            if (i + 1) % measureFrame == 0 {
                measured.append(Float(10 * log10(frameSum / Double(measureFrame) + 1e-20)))
                frameSum = 0
            }
        }
        let sorted = measured.sorted()
        let count = sorted.count
        let threshold = count == 0 ? 0 : 0.5 * (sorted[count / 10] + sorted[count * 9 / 10])
        // Loud stretches between the first and the last change of side (the ends cut theirs).
        var longest = 0, start = 0, changes = 0
        for k in 1..<max(1, count) where (measured[k] > threshold) != (measured[k - 1] > threshold) {
            if changes > 0 && measured[k - 1] > threshold { longest = max(longest, k - start) }
            changes += 1
            start = k
        }
        return (hops, threshold, Float(longest) / 50)
    }

    /// Level of each frame in the ERB bands lying within `low`…`high` Hz, in
    /// dB: where clicks and clacks stand above a broadband roar.
    static func bandDecibels(_ features: Features, from low: Double, to high: Double) -> [Float] {
        let binHz = Double(AudioFormat.sampleRate) / Double(Framing.windowFrames)
        let edges = Features.bandEdges
        let bands = (0..<Features.bandCount).filter {
            Double(edges[$0]) * binHz >= low && Double(edges[$0 + 1]) * binHz <= high
        }
        return (0..<features.frameCount).map { frame in
            var power: Float = 1e-10
            // Band energies are stored as mean power per bin, in decibels / 10.
            for b in bands {
                power += powf(10, features.vectors[frame * Features.dimension + b]) * Float(edges[b + 1] - edges[b])
            }
            return 10 * log10f(power)
        }
    }

    /// Power mean of the level over ±`radius` frames, in dB: how loud and
    /// dense the sound is around each frame, not just within it (the gaps
    /// between drops of heavy rain still belong to heavy rain).
    static func smoothedScores(_ decibels: [Float], radius: Int) -> [Float] {
        let n = decibels.count
        let power = decibels.map { Double(powf(10, $0 / 10)) }
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + power[i] }
        return (0..<n).map { i in
            let lo = max(0, i - radius), hi = min(n, i + radius + 1)
            let mean = (prefix[hi] - prefix[lo]) / Double(hi - lo)
            return Float(10 * log10(max(mean, 1e-10)))
        }
    }

    /// Frames 6 dB or more above the 20th-percentile level of the ±2 s around them.
    static func eventMarks(_ decibels: [Float]) -> [Bool] {
        let n = decibels.count
        let radius = 94
        var marks = [Bool](repeating: false, count: n)
        var window: [Float] = []
        window.reserveCapacity(2 * radius + 1)
        var i = 0
        while i < n {
            // The background changes slowly: recompute it every 8 frames.
            window.removeAll(keepingCapacity: true)
            for j in max(0, i - radius)..<min(n, i + radius + 1) { window.append(decibels[j]) }
            window.sort()
            let background = window[window.count / 5]
            for j in i..<min(n, i + 8) { marks[j] = decibels[j] > background + 6 }
            i += 8
        }
        return marks
    }
}

extension AcousticModel: Equatable {
    /// Two models are equal when every trained table is (cache round trips must be exact).
    public static func == (a: AcousticModel, b: AcousticModel) -> Bool {
        a.corpus == b.corpus && a.codebook == b.codebook && a.frameScores == b.frameScores && a.isEvent == b.isEvent
            && a.jumpTable == b.jumpTable && a.contextScale == b.contextScale
            && a.scoreQuantiles == b.scoreQuantiles && a.beatPhases == b.beatPhases && a.scoring == b.scoring
            && a.frameLevels == b.frameLevels && a.hopBandLevels == b.hopBandLevels
            && a.loudThresholdDecibels == b.loudThresholdDecibels && a.longestLoudSeconds == b.longestLoudSeconds
    }
}
