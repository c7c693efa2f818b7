import AudioEngine
import DSP
/// Birdsong: a dawn chorus or birds in a forest.
///
/// A cast of singers, each with a species-like song of its own (a pure
/// whistle, a trill, a warble, a series of chips, a two-note call; see
/// `Songbird`), sits at its own distance and place across the stereo field.
/// Each sings its song with small variations, then pauses. Dawn has more
/// singers, shorter pauses and a drier, nearer sound; the forest fewer,
/// farther birds in a reverberant wood. Under the song lies the place's own
/// ambience — leaves, a breath of wind, the far hum of the land — which every
/// real bird recording has: 1–2 % of its energy in each octave 125 Hz–1 kHz.
/// Intensity = density: how many singers take part and how eagerly they sing.
package final class Birds: LayerSource {
    /// The setting of the chorus.
    package enum Setting: String, CaseIterable {
        case dawn, forest
    }

    private var singers: [Songbird]
    private let room: SmallRoomReverb
    private let wetLevel: Float
    private var airWhite: WhiteNoise
    private var airPink = KelletPinkNoise()
    /// Leaves and air reach ≈2 kHz: with the songs at 3.5–7 kHz, the place is what a real
    /// recording's 2 kHz octave holds (−24…−2 dB of its energy, Sounds/birds).
    private var airFilters = (Biquad(.lowPass, frequency: 2200), Biquad(.highPass, frequency: 60))
    private var rumbleFilter = Biquad(.lowPass, frequency: 220)
    /// The faint broadband hiss of leaves and air up to ≈12 kHz.
    private var hissFilter = Biquad(.lowPass, frequency: 12_000)
    /// The breeze in the leaves rises and falls over seconds.
    private var breeze: SlowRandomWalk
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private let outputGain: Float

    package init(setting: Setting, seed: UInt64) {
        var seeds = Random(seed: seed)
        var picker = Random(seed: seeds.childSeed())
        let count = setting == .dawn ? 12 : 7
        // Deal the song patterns round the cast, so every chorus is a mix of species.
        let patterns = Songbird.Pattern.allCases
        let firstPattern = picker.below(patterns.count)
        singers = (0..<count).map { index in
            // Spread singers across the field; the forest's sit farther away.
            let distance = setting == .dawn ? 0.2 + 0.6 * picker.unit() : 0.4 + 0.6 * picker.unit()
            let pan = -0.9 + 1.8 * (Float(index) + picker.unit()) / Float(count)
            return Songbird(
                seed: seeds.childSeed(), pattern: patterns[(firstPattern + index) % patterns.count], rank: index,
                distance: distance, pan: pan)
        }
        // Shuffle ranks so the first to join at low density are not always the leftmost.
        for i in singers.indices.reversed() where i > 0 {
            singers.swapAt(i, picker.below(i + 1))
        }
        for i in singers.indices { singers[i].rank = i }
        room = setting == .dawn
            ? SmallRoomReverb(size: 1.2, decay: 0.45, damping: 0.6)
            : SmallRoomReverb(size: 1.6, decay: 0.75, damping: 0.55)
        wetLevel = setting == .dawn ? 0.35 : 0.7
        airWhite = WhiteNoise(seed: seeds.childSeed())
        breeze = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 4, glideSeconds: 1.5)
        outputGain = setting == .dawn ? 0.66 : 0.85
    }

    deinit {
        for singer in singers { singer.deallocate() }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let count = Float(singers.count)
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let density = smoothedIntensity
            // At 0 two birds sing now and then; at 1 the whole cast, eagerly.
            let taking = 2 + (count - 2) * density
            var left: Float = 0
            var right: Float = 0
            for i in singers.indices {
                let s = singers[i].next(isInvited: Float(singers[i].rank) < taking, eagerness: density)
                left += s.left
                right += s.right
            }
            let wet = room.process((left + right) * 0.5)
            left += wet.left * wetLevel
            right += wet.right * wetLevel
            // The place's ambience under the song: leaves and air, the land's low hum, a hiss.
            let white = airWhite.next()
            let pink = airPink.process(white)
            // It rises with the chorus (a busier morning is a livelier wood), so it keeps
            // 1–2 % of the energy under a full cast as under a few birds.
            let place = 0.8 + 0.9 * density
            let air = (airFilters.1.process(airFilters.0.process(pink)) * 0.05 * (0.6 + 0.4 * breeze.next())
                + rumbleFilter.process(pink) * 0.04 + hissFilter.process(white) * 0.025) * place
            left += air
            right += air
            left = dcBlockers.0.process(left) * outputGain
            right = dcBlockers.1.process(right) * outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Birds {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "birds", variants: Birds.Setting.allCases.map(\.rawValue),
        family: .nature,
        summary: "a dawn chorus or birds in a forest; intensity: a few → many",
        loudness: SoundLoudness(low: -22.0, middle: -18.4, high: -15.7),
        variantLoudness: ["forest": SoundLoudness(low: -15.7, middle: -15.7, high: -15.2)],
        makeSynthesizer: { variant, seed in Birds(setting: Birds.Setting(rawValue: variant) ?? .dawn, seed: seed) })
}
