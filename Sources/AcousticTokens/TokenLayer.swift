import AudioEngine
import DSP
/// A layer that plays a trained model: a token model extends the token
/// stream and a decoder turns it into audio, one 1024-frame hop at a time.
///
/// Runs on a generation worker. `render` never allocates: the hop buffer is
/// made once, and the model and decoder work in place.
public final class TokenLayer: LayerSource {
    public let model: AcousticModel
    public let tokenModel: TokenModel
    public let decoder: Decoder
    private let hop: UnsafeMutablePointer<Float>
    private var hopRead = Framing.hopFrames

    /// A layer playing `model`. A seed makes the output reproducible; nil makes every run differ.
    public init(
        model: AcousticModel, seed: UInt64? = nil, settings: TokenModelSettings = TokenModelSettings(),
        decoderSettings: DecoderSettings = DecoderSettings()
    ) {
        self.model = model
        var seeds = seed.map { Random(seed: $0) } ?? Random()
        tokenModel = TokenModel(model: model, settings: settings, seed: seeds.childSeed())
        var decoding = decoderSettings
        // A swell's level must not step at every jump (`DecoderSettings.driftGlideSeconds`).
        if tokenModel.swellContour.swells && decoding.driftGlideSeconds == 0 { decoding.driftGlideSeconds = 2 }
        // ... nor change from frame to frame more than the corpus does (`DecoderSettings.holdsPhaseAlongPath`).
        if tokenModel.swellContour.swells { decoding.holdsPhaseAlongPath = true }
        decoder = Decoder(model: model, settings: decoding, seed: seeds.childSeed())
        hop = .allocate(capacity: 2 * Framing.hopFrames)
        hop.initialize(repeating: 0, count: 2 * Framing.hopFrames)
    }

    deinit { hop.deallocate() }

    /// Set by `beginFreshTake`: the next hop played is wholly the new take's.
    private var startsFreshTake = false

    /// The first hop the decoder gives after this would be half the last grain
    /// rendered (at the old intensity) fading out under the first new one:
    /// 21 ms more of the old sound after the mixer has crossed. So the fresh
    /// take decodes one grain unheard, and its first hop is two new grains.
    public func beginFreshTake() {
        startsFreshTake = true
    }

    /// The walk's next step, told first the gain drift its grain will be decoded at (`LoudRuns`).
    @inline(__always)
    private func nextStep(_ intensity: Float) -> TokenStep {
        tokenModel.decoderDriftDecibels = decoder.currentDriftDecibels
        return tokenModel.next(intensity: intensity)
    }

    public func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        if startsFreshTake {
            startsFreshTake = false
            decoder.decode(nextStep(intensity), into: hop)
            hopRead = Framing.hopFrames
        }
        var written = 0
        while written < frameCount {
            // Whole hops go straight into the output: workers render blocks of one hop, so
            // the hop buffer is only for a block that ends inside a hop.
            if hopRead == Framing.hopFrames && frameCount - written >= Framing.hopFrames {
                decoder.decode(nextStep(intensity), into: output + 2 * written)
                written += Framing.hopFrames
                continue
            }
            if hopRead == Framing.hopFrames {
                decoder.decode(nextStep(intensity), into: hop)
                hopRead = 0
            }
            let count = min(frameCount - written, Framing.hopFrames - hopRead)
            (output + 2 * written).update(from: hop + 2 * hopRead, count: 2 * count)
            hopRead += count
            written += count
        }
    }
}
