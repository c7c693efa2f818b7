import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much a decoder varies the grains it plays.
public struct DecoderSettings: Sendable, Equatable {
    /// Standard deviation of the slow random gain drift, in dB (0: none).
    public var gainVariationDecibels: Float = 1
    /// Largest stereo balance shift, −1…1 scale (0: none).
    public var panVariation: Float = 0.15
    /// Resynthesise noise-like codewords with random phase.
    public var randomPhase = true
    /// Time constant (seconds) over which gain and balance glide to the
    /// drift's new heading; 0: they step to it at the jump. A swell needs the
    /// glide: stepping at every jump (every few hops) was a flutter of
    /// 0.3 dB steps, 5 dB of slow modulation over the source's at 0.5–1 Hz
    /// (issue 13). Elsewhere a step under the jump's own crossfade is not
    /// heard, and `TokenLayer` asks for the glide only where the corpus swells.
    public var driftGlideSeconds: Float = 0
    /// Noise-like grains take a smooth random phase rotation (a random
    /// all-pass that disperses by ≈ 1 ms, `Decoder.drawRotation`) and keep it
    /// along a continuing corpus path, a new one drawn at every jump, so
    /// consecutive grains stay as alike as the corpus's own overlapping
    /// frames are and join as the corpus does (Hann halves). Off, each noise
    /// grain gets independent random phases per bin, spread over its whole
    /// window: consecutive frames are then independent draws, 1.5× the
    /// corpus's frame-to-frame spectral change (issue 13: swell fixture,
    /// 220 joins a minute over its 95th percentile against the corpus's 140;
    /// held, 146–153). `TokenLayer` holds phase where the corpus swells: a
    /// swell is all noise, and its joins must stay within the corpus's
    /// change. Elsewhere (rain's drops, birds' calls) independent phases
    /// still spread each grain's level across its window, which the holes
    /// and level tests of those sounds were tuned against.
    public var holdsPhaseAlongPath = false

    public init() {}

    /// No variation at all: decoding a corpus's own token sequence in order
    /// then returns the corpus sample for sample.
    public static let exact: DecoderSettings = {
        var settings = DecoderSettings()
        settings.gainVariationDecibels = 0
        settings.panVariation = 0
        settings.randomPhase = false
        return settings
    }()
}

/// Turns tokens back into audio: each token becomes one 2048-sample grain
/// from the codeword's members, overlap-added at a 1024-sample hop.
///
/// Joins are where clicks and level dips come from, so each join is windowed
/// for what it is. A grain that continues the previous one in the corpus is
/// coherent with it: the pair is faded with Hann halves (sqrt-Hann analysis ×
/// sqrt-Hann synthesis), whose amplitudes sum to one, so a corpus path is
/// reproduced exactly. Any other join is between unrelated signals: it is
/// faded with sqrt-Hann halves, whose powers sum to one (equal-power), so
/// the level holds across the seam. Noise-like codewords are resynthesised
/// from their magnitude spectrum with fresh random phases (the inter-channel
/// phase is kept, so the stereo image is too): the same codeword never
/// yields the same samples twice.
///
/// Not thread-safe; `decode` never allocates. One instance per playing layer.
public final class Decoder {
    public let model: AcousticModel
    public let settings: DecoderSettings
    private var random: Random
    private let window = Framing.windowFrames
    private let hop = Framing.hopFrames
    /// One complex transform carries both channels (left real, right imaginary).
    private let fft: ComplexFFT
    /// A stretch of the corpus's 16-bit samples: `cachedFrameCount` frames
    /// from frame `cachedStartFrame` (−1: nothing yet). Consecutive grains
    /// overlap by half, and the walk mostly continues the corpus path, so a
    /// continuing grain keeps what it shares with the previous one and reads
    /// only what is new (for a file-backed corpus, one small `pread`).
    private let cache: UnsafeMutablePointer<Int16>
    private var cachedStartFrame = -1
    private var cachedFrameCount = 0
    /// Frames the cache holds: one grain and two hops more, so a read
    /// serves up to three grains of a continuing path.
    private static let cacheFrames = Framing.windowFrames + 2 * Framing.hopFrames
    /// Current and previous grains, interleaved stereo, unwindowed unless `…Windowed`.
    private var grain: UnsafeMutablePointer<Float>
    private var previous: UnsafeMutablePointer<Float>
    private var previousWindowed = false
    private var previousPosition = -2
    private var previousGains: (left: Float, right: Float) = (1, 1)
    /// Where the drift is heading (moved at each jump) and where it is (glides there, one hop at a time).
    private var driftDecibels: Float = 0
    private var driftPan: Float = 0
    private var gainDecibels: Float = 0
    /// The slow gain drift the next continuing grain plays at, dB (`LoudRuns` counts what is heard).
    public var currentDriftDecibels: Float { gainDecibels }
    private var pan: Float = 0
    private var started = false
    /// The phase rotation (a `phasors` index per bin, and the DC/Nyquist
    /// signs) the current run of noise-like grains plays with.
    private let rotation: UnsafeMutablePointer<UInt16>
    private var rotationSigns: UInt32 = 0

    /// A decoder for `model`, seeded (nil: different variation every run).
    public init(model: AcousticModel, settings: DecoderSettings = DecoderSettings(), seed: UInt64? = nil) {
        self.model = model
        self.settings = settings
        let glideHops = settings.driftGlideSeconds * Float(AudioFormat.sampleRate) / Float(Framing.hopFrames)
        glide = glideHops > 0 ? 1 - expf(-1 / glideHops) : 1
        random = seed.map { Random(seed: $0) } ?? Random()
        fft = ComplexFFT(size: Framing.windowFrames)
        cache = .allocate(capacity: 2 * Self.cacheFrames)
        cache.initialize(repeating: 0, count: 2 * Self.cacheFrames)
        grain = .allocate(capacity: 2 * Framing.windowFrames)
        grain.initialize(repeating: 0, count: 2 * Framing.windowFrames)
        previous = .allocate(capacity: 2 * Framing.windowFrames)
        previous.initialize(repeating: 0, count: 2 * Framing.windowFrames)
        rotation = .allocate(capacity: Framing.windowFrames / 2)
        rotation.initialize(repeating: 0, count: Framing.windowFrames / 2)
    }

    deinit {
        cache.deallocate()
        grain.deallocate()
        previous.deallocate()
        rotation.deallocate()
    }

    /// Decodes one token and writes the next `hopFrames` finished stereo
    /// frames into `output`: the second half of the previous grain
    /// overlap-added with the first half of this one.
    public func decode(_ step: TokenStep, into output: UnsafeMutablePointer<Float>) {
        let position = grainPosition(for: step)
        // Holding phase, every grain takes the path's rotation: a rotated noise
        // grain beside an unrotated tonal one of the same path is neither
        // coherent nor independent (wind learned from a recording: 409 joins
        // a minute against 268 with the noise grains alone rotated).
        let noise =
            settings.randomPhase && (settings.holdsPhaseAlongPath || model.codebook.isNoiseLike[Int(step.token)])
        let continues = position == previousPosition + 1
        if !continues { driftVariation() }
        glideVariation()
        var gains = currentGains()
        // A dip is played under the loud level; the drift may lower it, never lift it (`LoudRuns`).
        let lift = step.isDip ? max(0, gainDecibels) : 0
        if step.gainDecibels != 0 || lift > 0 {
            let aimed = powf(10, (step.gainDecibels - lift) / 20)
            gains = (gains.left * aimed, gains.right * aimed)
        }
        // A noise grain continuing a noise grain keeps its run's rotation.
        let holds = noise && settings.holdsPhaseAlongPath && continues && previousWindowed
        if noise {
            if settings.holdsPhaseAlongPath {
                resynthesizeWithHeldRotation(at: position, drawsRotation: !holds)
            } else {
                resynthesizeWithRandomPhase(at: position)
            }
        } else {
            copyGrain(at: position)
        }
        // Pick the two fade curves once per grain (a grain already windowed
        // fades with ones); the loop is then plain multiply-adds, which vectorise.
        let coherent = continues && !noise && !previousWindowed
        let fadeOut: UnsafePointer<Float>, fadeIn: UnsafePointer<Float>
        if coherent {
            fadeOut = Self.hann + hop
            fadeIn = Self.hann
        } else if holds {
            // Two noise grains of one path under one rotation are as coherent
            // as the corpus: their sqrt-Hann envelopes times these make Hann halves.
            fadeOut = Self.sqrtHann + hop
            fadeIn = Self.sqrtHann
        } else {
            fadeOut = previousWindowed ? Self.ones : Self.sqrtHann + hop
            fadeIn = noise ? Self.ones : Self.sqrtHann
        }
        let old = previous + 2 * hop, new = grain
        let oldLeft = started ? previousGains.left : 0, oldRight = started ? previousGains.right : 0
        let newLeft = gains.left, newRight = gains.right
        for i in 0..<hop {
            let outWeight = fadeOut[i], inWeight = fadeIn[i]
            output[2 &* i] = old[2 &* i] * (outWeight * oldLeft) + new[2 &* i] * (inWeight * newLeft)
            output[2 &* i &+ 1] = old[2 &* i &+ 1] * (outWeight * oldRight) + new[2 &* i &+ 1] * (inWeight * newRight)
        }
        swap(&grain, &previous)
        previousWindowed = noise
        previousPosition = position
        previousGains = gains
        started = true
    }

    /// `Framing.sqrtHann` and `Framing.hann` as raw pointers, made once for
    /// the whole process and never written after: the per-sample loops then
    /// index memory directly (hence `nonisolated(unsafe)`: read-only tables).
    nonisolated(unsafe) private static let sqrtHann: UnsafePointer<Float> = table(Framing.sqrtHann)
    nonisolated(unsafe) private static let hann: UnsafePointer<Float> = table(Framing.hann)
    nonisolated(unsafe) private static let ones: UnsafePointer<Float> = table(
        [Float](repeating: 1, count: Framing.windowFrames))

    /// Unit phasors (cos, sin) at `phaseSteps` evenly spaced angles. Random
    /// phases drawn from this table cost a load instead of `cosf` and `sinf`
    /// per bin; 1024 steps (0.35°) are far finer than any ear can tell in a
    /// phase that is random anyway.
    private static let phaseSteps = 1024
    nonisolated(unsafe) private static let phasors: UnsafePointer<Float> = table(
        (0..<phaseSteps).flatMap { step -> [Float] in
            let angle = 2 * Double.pi * Double(step) / Double(phaseSteps)
            return [Float(cos(angle)), Float(sin(angle))]
        })

    private static func table(_ values: [Float]) -> UnsafePointer<Float> {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: values.count)
        pointer.initialize(from: values, count: values.count)
        return UnsafePointer(pointer)
    }

    /// The model's grain when it belongs to the token; otherwise the member
    /// that continues the previous grain, else a random member.
    private func grainPosition(for step: TokenStep) -> Int {
        let tokens = model.codebook.tokens
        let last = Framing.frameCount(sampleFrames: model.corpus.frameCount) - 1
        if step.position >= 0 && step.position <= last && tokens[step.position] == step.token { return step.position }
        let following = previousPosition + 1
        if following >= 0 && following <= last && tokens[following] == step.token { return following }
        let members = model.codebook.members[Int(step.token)]
        guard !members.isEmpty else { return max(0, min(last, step.position)) }
        return Int(members[random.below(members.count)])
    }

    /// Moves the heading of gain and balance a little at each jump, pulled
    /// back to centre, so the drift is slow (seconds).
    private func driftVariation() {
        let sigma = settings.gainVariationDecibels
        if sigma > 0 {
            driftDecibels = min(2 * sigma, max(-2 * sigma, driftDecibels * 0.9 + random.gaussian() * 0.3 * sigma))
        }
        let width = settings.panVariation
        if width > 0 {
            driftPan = min(width, max(-width, driftPan * 0.9 + random.bipolar() * 0.3 * width))
        }
    }

    /// Share of the way to the drift's heading covered per hop
    /// (`DecoderSettings.driftGlideSeconds`; 1: at once).
    private let glide: Float

    private func glideVariation() {
        gainDecibels += (driftDecibels - gainDecibels) * glide
        pan += (driftPan - pan) * glide
    }

    private func currentGains() -> (left: Float, right: Float) {
        let gain = powf(10, gainDecibels / 20)
        // Constant-power balance: (1, 1) at centre.
        let angle = Float.pi / 4 * (1 + pan)
        return (gain * Float(2).squareRoot() * cosf(angle), gain * Float(2).squareRoot() * sinf(angle))
    }

    /// The 16-bit interleaved samples of the grain at `position`, from the
    /// cache, reading from the corpus only the frames the cache lacks.
    private func samples(at position: Int) -> UnsafePointer<Int16> {
        let start = position * hop
        let cachedEnd = cachedStartFrame + cachedFrameCount
        if cachedStartFrame >= 0 && start >= cachedStartFrame && start + window <= cachedEnd {
            return UnsafePointer(cache + 2 * (start - cachedStartFrame))
        }
        let end = min(start + Self.cacheFrames, model.corpus.frameCount)
        // Keep what the cache already holds from `start` on (the previous grain's second half).
        let kept = cachedStartFrame >= 0 && start >= cachedStartFrame && start < cachedEnd ? cachedEnd - start : 0
        if kept > 0 { memmove(cache, cache + 2 * (start - cachedStartFrame), 2 * kept * MemoryLayout<Int16>.stride) }
        model.corpus.read(from: 2 * (start + kept), count: 2 * (end - start - kept), into: cache + 2 * kept)
        cachedStartFrame = start
        cachedFrameCount = end - start
        return UnsafePointer(cache)
    }

    private func copyGrain(at position: Int) {
        let grain = self.grain, source = samples(at: position), count = 2 * window
        let scale: Float = 1 / 32768
        for i in 0..<count { grain[i] = Float(source[i]) * scale }
    }

    /// Rotates bin `k` of an `n`-point spectrum by the unit `phasor` (cos θ, sin θ)
    /// and its mirror bin n − k by the conjugate.
    @inline(__always)
    private static func rotate(_ buffer: UnsafeMutablePointer<Float>, bin k: Int, of n: Int, by phasor: UnsafePointer<Float>) {
        let c = phasor[0], s = phasor[1]
        let upper = buffer + 2 &* k, lower = buffer + 2 &* (n &- k)
        let re = upper[0], im = upper[1]
        upper[0] = re * c - im * s
        upper[1] = re * s + im * c
        let mirrorRe = lower[0], mirrorIm = lower[1]
        lower[0] = mirrorRe * c + mirrorIm * s
        lower[1] = mirrorIm * c - mirrorRe * s
    }

    /// `rotate(_:bin:of:by:)` for bins k … k + 3 (with phasors `p0` … `p3`) and
    /// their mirrors, one bin per vector lane: the same products and sums per
    /// bin, so the same samples, with a third fewer instructions for the whole
    /// resynthesis (a bin at a time, this loop was a third of a noise-like layer's).
    @inline(__always)
    private static func rotate(
        _ buffer: UnsafeMutablePointer<Float>, bins k: Int, of n: Int, by p0: UnsafePointer<Float>,
        _ p1: UnsafePointer<Float>, _ p2: UnsafePointer<Float>, _ p3: UnsafePointer<Float>
    ) {
        let c = SIMD4(p0[0], p1[0], p2[0], p3[0]), s = SIMD4(p0[1], p1[1], p2[1], p3[1])
        // Mirrors lie in memory from bin n − k − 3 up to n − k: their phasors in that order.
        let mirrorC = SIMD4(p3[0], p2[0], p1[0], p0[0]), mirrorS = SIMD4(p3[1], p2[1], p1[1], p0[1])
        let upper = UnsafeMutableRawPointer(buffer + 2 &* k)
        let lower = UnsafeMutableRawPointer(buffer + 2 &* (n &- k &- 3))
        var bins = upper.loadUnaligned(as: SIMD8<Float>.self)
        var mirrors = lower.loadUnaligned(as: SIMD8<Float>.self)
        let re = bins.evenHalf, im = bins.oddHalf
        let mirrorRe = mirrors.evenHalf, mirrorIm = mirrors.oddHalf
        bins.evenHalf = re * c - im * s
        bins.oddHalf = re * s + im * c
        mirrors.evenHalf = mirrorRe * mirrorC + mirrorIm * mirrorS
        mirrors.oddHalf = mirrorIm * mirrorC - mirrorRe * mirrorS
        upper.storeBytes(of: bins, as: SIMD8<Float>.self)
        lower.storeBytes(of: mirrors, as: SIMD8<Float>.self)
    }

    /// Random-phase resynthesis of the grain at `position`, windowed with
    /// sqrt-Hann for equal-power joins on both sides. Both channels get the
    /// same phase rotation per bin, which keeps their magnitudes and their
    /// phase difference (the stereo image) and discards only the waveform.
    ///
    /// Both channels go through one complex transform, z = L + iR. For real
    /// L and R, Z[k] = L[k] + i·R[k] and Z[N−k] = conj(L[k]) + i·conj(R[k]), so
    /// rotating L[k] and R[k] by e^{iθ} (and their mirror bins by e^{−iθ},
    /// which keeps both signals real) is Z[k]·e^{iθ} and Z[N−k]·e^{−iθ}: the
    /// inverse transform then holds the new left channel in its real part and
    /// the new right one in its imaginary part.
    private func resynthesizeWithRandomPhase(at position: Int) {
        let n = window
        let input = fft.input, buffer = fft.output, grain = self.grain
        let sqrtHann = Self.sqrtHann, phasors = Self.phasors
        transformWindowedGrain(at: position)
        // The generator in a local for the loop: as a stored property of this class
        // every draw went through memory.
        var random = self.random
        defer { self.random = random }
        // DC and Nyquist are real in both channels: their only phases are ±1.
        let signs = random.nextUInt32()
        let dcSign: Float = signs & 1 == 0 ? 1 : -1, nyquistSign: Float = signs & 2 == 0 ? 1 : -1
        buffer[0] *= dcSign
        buffer[1] *= dcSign
        buffer[n] *= nyquistSign
        buffer[n &+ 1] *= nyquistSign
        // One draw gives two bins their phases (16 bits each): bins k and k + 1 from
        // k = 1 on, and the last one, n/2 − 1, a draw of its own. Four bins at a time
        // while four are left, then two, then one.
        let mask = Int(Self.phaseSteps - 1)
        var k = 1
        while k &+ 3 < n / 2 {
            let first = Int(random.nextUInt32()), second = Int(random.nextUInt32())
            Self.rotate(
                buffer, bins: k, of: n, by: phasors + 2 &* (first & mask), phasors + 2 &* ((first >> 16) & mask),
                phasors + 2 &* (second & mask), phasors + 2 &* ((second >> 16) & mask))
            k &+= 4
        }
        while k &+ 1 < n / 2 {
            let bits = Int(random.nextUInt32())
            Self.rotate(buffer, bin: k, of: n, by: phasors + 2 &* (bits & mask))
            Self.rotate(buffer, bin: k &+ 1, of: n, by: phasors + 2 &* ((bits >> 16) & mask))
            k &+= 2
        }
        if k < n / 2 { Self.rotate(buffer, bin: k, of: n, by: phasors + 2 &* (Int(random.nextUInt32()) & mask)) }
        fft.inverse()
        // Random phases spread the windowed frame's energy (half the
        // signal's, the mean of Hann) over the whole frame: √2 restores it.
        let gain = Float(2).squareRoot() / Float(n)
        for i in 0..<n {
            let w = sqrtHann[i] * gain
            grain[2 &* i] = input[2 &* i] * w
            grain[2 &* i &+ 1] = input[2 &* i &+ 1] * w
        }
    }

    /// The grain at `position` under its sqrt-Hann analysis window, both channels
    /// as one complex signal (left real, right imaginary), into `fft.output`.
    @inline(__always)
    private func transformWindowedGrain(at position: Int) {
        let input = fft.input, sqrtHann = Self.sqrtHann
        let source = samples(at: position)
        let scale: Float = 1 / 32768
        for i in 0..<window {
            let w = sqrtHann[i] * scale
            input[2 &* i] = Float(source[2 &* i]) * w
            input[2 &* i &+ 1] = Float(source[2 &* i &+ 1]) * w
        }
        fft.forward()
    }

    /// Resynthesis of the grain at `position` under the run's smooth
    /// rotation (drawn anew when `drawsRotation`), as
    /// `resynthesizeWithRandomPhase` but keeping the grain where it is in
    /// its window: it leaves with its analysis window's sqrt-Hann envelope,
    /// and joins a grain of the same rotation with sqrt-Hann fades.
    private func resynthesizeWithHeldRotation(at position: Int, drawsRotation: Bool) {
        let n = window
        let input = fft.input, buffer = fft.output, grain = self.grain
        let phasors = Self.phasors
        transformWindowedGrain(at: position)
        // DC and Nyquist are real in both channels: their only phases are ±1.
        let rotation = self.rotation
        if drawsRotation { drawRotation() }
        let signs = rotationSigns
        let dcSign: Float = signs & 1 == 0 ? 1 : -1, nyquistSign: Float = signs & 2 == 0 ? 1 : -1
        buffer[0] *= dcSign
        buffer[1] *= dcSign
        buffer[n] *= nyquistSign
        buffer[n &+ 1] *= nyquistSign
        var k = 1
        while k < n / 2 {
            let index = Int(rotation[k])
            let c = phasors[2 &* index], s = phasors[2 &* index &+ 1]
            let upper = 2 &* k, lower = 2 &* (n &- k)
            let re = buffer[upper], im = buffer[upper &+ 1]
            buffer[upper] = re * c - im * s
            buffer[upper &+ 1] = re * s + im * c
            let mirrorRe = buffer[lower], mirrorIm = buffer[lower &+ 1]
            buffer[lower] = mirrorRe * c + mirrorIm * s
            buffer[lower &+ 1] = mirrorIm * c - mirrorRe * s
            k &+= 1
        }
        fft.inverse()
        // The rotation disperses by at most a millisecond or so: the grain
        // keeps its analysis window's sqrt-Hann envelope and its energy.
        let gain = 1 / Float(n)
        for i in 0..<(2 * n) { grain[i] = input[i] * gain }
    }

    /// Bins between the rotation's random control phases.
    static let rotationSpacing = 32

    /// Draws a new rotation: a random phase every `rotationSpacing` bins,
    /// interpolated between, so the phase is smooth across frequency. Its
    /// group delay is then at most `window / rotationSpacing` samples
    /// (1.3 ms): a random all-pass that gives the waveform a new shape
    /// without smearing the grain in time. (Independent phases per bin
    /// spread each grain over its whole window and made consecutive grains
    /// unrelated: 1.5× the corpus's frame-to-frame spectral change, issue 13.)
    private func drawRotation() {
        rotationSigns = random.nextUInt32()
        let steps = Self.phaseSteps, spacing = Self.rotationSpacing, bins = window / 2
        var from = Int(random.nextUInt32() & UInt32(steps - 1))
        var k = 0
        while k < bins {
            let to = Int(random.nextUInt32() & UInt32(steps - 1))
            for j in 0..<min(spacing, bins - k) {
                let phase = from + ((to - from) * j) / spacing
                rotation[k + j] = UInt16((phase + steps) & (steps - 1))
            }
            from = to
            k += spacing
        }
    }
}
