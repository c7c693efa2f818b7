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
    private let fft: RealFFT
    /// Left-channel spectrum kept while the right one is transformed.
    private let savedSpectrum: UnsafeMutablePointer<Float>
    /// Current and previous grains, interleaved stereo, unwindowed unless `…Windowed`.
    private var grain: UnsafeMutablePointer<Float>
    private var previous: UnsafeMutablePointer<Float>
    private var previousWindowed = false
    private var previousPosition = -2
    private var previousGains: (left: Float, right: Float) = (1, 1)
    private var gainDecibels: Float = 0
    private var pan: Float = 0
    private var started = false

    /// A decoder for `model`, seeded (nil: different variation every run).
    public init(model: AcousticModel, settings: DecoderSettings = DecoderSettings(), seed: UInt64? = nil) {
        self.model = model
        self.settings = settings
        random = seed.map { Random(seed: $0) } ?? Random()
        fft = RealFFT(size: Framing.windowFrames)
        savedSpectrum = .allocate(capacity: 2 * fft.binCount)
        grain = .allocate(capacity: 2 * Framing.windowFrames)
        grain.initialize(repeating: 0, count: 2 * Framing.windowFrames)
        previous = .allocate(capacity: 2 * Framing.windowFrames)
        previous.initialize(repeating: 0, count: 2 * Framing.windowFrames)
    }

    deinit {
        savedSpectrum.deallocate()
        grain.deallocate()
        previous.deallocate()
    }

    /// Decodes one token and writes the next `hopFrames` finished stereo
    /// frames into `output`: the second half of the previous grain
    /// overlap-added with the first half of this one.
    public func decode(_ step: TokenStep, into output: UnsafeMutablePointer<Float>) {
        let position = grainPosition(for: step)
        let noise = settings.randomPhase && model.codebook.isNoiseLike[Int(step.token)]
        let continues = position == previousPosition + 1
        if !continues { driftVariation() }
        let gains = currentGains()
        if noise {
            resynthesizeWithRandomPhase(at: position)
        } else {
            copyGrain(at: position)
        }
        let coherent = continues && !noise && !previousWindowed
        let firstGrain = !started
        Framing.hann.withUnsafeBufferPointer { hann in
            Framing.sqrtHann.withUnsafeBufferPointer { sqrtHann in
                for i in 0..<hop {
                    let fadeOut: Float, fadeIn: Float
                    if coherent {
                        fadeOut = hann[hop + i]
                        fadeIn = hann[i]
                    } else {
                        fadeOut = previousWindowed ? 1 : sqrtHann[hop + i]
                        fadeIn = noise ? 1 : sqrtHann[i]
                    }
                    let old = firstGrain ? 0 : 1 as Float
                    output[2 * i] =
                        old * previous[2 * (hop + i)] * fadeOut * previousGains.left + grain[2 * i] * fadeIn * gains.left
                    output[2 * i + 1] =
                        old * previous[2 * (hop + i) + 1] * fadeOut * previousGains.right + grain[2 * i + 1] * fadeIn
                        * gains.right
                }
            }
        }
        swap(&grain, &previous)
        previousWindowed = noise
        previousPosition = position
        previousGains = gains
        started = true
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

    /// Moves gain and balance a little at each jump, pulled back to centre,
    /// so the drift is slow (seconds) and never audible as a step.
    private func driftVariation() {
        let sigma = settings.gainVariationDecibels
        if sigma > 0 {
            gainDecibels = min(2 * sigma, max(-2 * sigma, gainDecibels * 0.9 + random.gaussian() * 0.3 * sigma))
        }
        let width = settings.panVariation
        if width > 0 {
            pan = min(width, max(-width, pan * 0.9 + random.bipolar() * 0.3 * width))
        }
    }

    private func currentGains() -> (left: Float, right: Float) {
        let gain = powf(10, gainDecibels / 20)
        // Constant-power balance: (1, 1) at centre.
        let angle = Float.pi / 4 * (1 + pan)
        return (gain * Float(2).squareRoot() * cosf(angle), gain * Float(2).squareRoot() * sinf(angle))
    }

    private func copyGrain(at position: Int) {
        let start = position * hop * 2
        model.corpus.samples.withUnsafeBufferPointer { samples in
            let scale: Float = 1 / 32768
            for i in 0..<(2 * window) { grain[i] = Float(samples[start + i]) * scale }
        }
    }

    /// Random-phase resynthesis of the grain at `position`, windowed with
    /// sqrt-Hann for equal-power joins on both sides. Both channels get the
    /// same phase rotation per bin, which keeps their magnitudes and their
    /// phase difference (the stereo image) and discards only the waveform.
    private func resynthesizeWithRandomPhase(at position: Int) {
        let start = position * hop * 2
        let bins = fft.binCount
        let samples = fft.samples, spectrum = fft.spectrum
        // Random phases spread the windowed frame's energy (half the
        // signal's, the mean of Hann) over the whole frame: √2 restores it.
        let scale = Float(2).squareRoot() / Float(window)
        Framing.sqrtHann.withUnsafeBufferPointer { sqrtHann in
            model.corpus.samples.withUnsafeBufferPointer { corpus in
                for channel in 0..<2 {
                    for i in 0..<window { samples[i] = Float(corpus[start + 2 * i + channel]) / 32768 * sqrtHann[i] }
                    fft.forward()
                    if channel == 0 { savedSpectrum.update(from: spectrum, count: 2 * bins) }
                }
            }
            // spectrum: right channel; savedSpectrum: left channel.
            for k in 0..<bins {
                let c: Float, s: Float
                if k == 0 || k == bins - 1 {
                    c = random.unit() < 0.5 ? 1 : -1
                    s = 0
                } else {
                    let angle = 2 * Float.pi * random.unit()
                    c = cosf(angle)
                    s = sinf(angle)
                }
                let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                spectrum[2 * k] = re * c - im * s
                spectrum[2 * k + 1] = re * s + im * c
                let savedRe = savedSpectrum[2 * k], savedIm = savedSpectrum[2 * k + 1]
                savedSpectrum[2 * k] = savedRe * c - savedIm * s
                savedSpectrum[2 * k + 1] = savedRe * s + savedIm * c
            }
            fft.inverse()
            for i in 0..<window { grain[2 * i + 1] = samples[i] * scale * sqrtHann[i] }
            spectrum.update(from: savedSpectrum, count: 2 * bins)
            fft.inverse()
            for i in 0..<window { grain[2 * i] = samples[i] * scale * sqrtHann[i] }
        }
    }
}
