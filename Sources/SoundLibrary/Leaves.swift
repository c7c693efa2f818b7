import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Leaves rustling: a canopy stirring overhead, or dry autumn leaves blown
/// across the ground.
///
/// A rustle is thousands of tiny contacts — leaf on leaf, leaf on twig —
/// each a click of noise a few milliseconds long, coloured by the leaf: soft
/// and green in the trees, crisp and papery when dry. How many click at once
/// follows the breeze, so the rustle comes in waves as gusts pass. Dry
/// leaves also tumble: a leaf caught by a gust skitters along the ground in
/// a quick run of scrapes. Intensity = the breeze: 0 = the odd stir, 1 =
/// a gusty day with everything moving.
package final class Leaves: LayerSource {
    package enum Kind: String, CaseIterable {
        case trees, autumn
    }

    /// One colour of rustle: a band of noise per channel, gated by its own grain envelope.
    private struct Grain {
        var left: NoiseBand
        var right: NoiseBand
        var envelope: Float = 0
        var pan = (left: Float(0.7), right: Float(0.7))
    }

    private let kind: Kind
    private var grains: [Grain]
    private let grainDecay: Float
    private var random: Random
    private var grainClock: PoissonClock
    private var tumbleClock: PoissonClock
    private var breeze: SlowRandomWalk
    private var flurry: SlowRandomWalk
    private var air: (NoiseBand, NoiseBand)
    private var tumbleClicksLeft = 0
    private var tumbleCountdown = 0
    private var tumblePan: Float = 0
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 11

    package init(kind: Kind, seed: UInt64) {
        self.kind = kind
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        // Green leaves are soft and lower; dry ones crisp, up to the top of hearing.
        let bands: [(Float, Float)] =
            kind == .trees
            ? [(500, 1_500), (1_200, 3_500), (2_500, 6_000), (4_000, 9_000)]
            : [(900, 2_500), (2_000, 5_000), (4_000, 9_000), (7_000, 15_000)]
        grains = bands.map { band in
            Grain(
                left: NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: band.0, highHertz: band.1),
                right: NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: band.0, highHertz: band.1))
        }
        grainDecay = expf(-1 / ((kind == .trees ? 0.004 : 0.0015) * Self.sampleRate))
        grainClock = PoissonClock(seed: seeds.childSeed())
        tumbleClock = PoissonClock(seed: seeds.childSeed())
        breeze = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 0.9)
        flurry = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.3, glideSeconds: 0.08)
        air = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 900),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 900)
        )
    }

    private func click(level: Float, pan: Float) {
        let band = random.below(grains.count)
        grains[band].envelope = max(grains[band].envelope, level)
        grains[band].pan = StereoPan.gains(pan)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let isAutumn = kind == .autumn
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let strength = smoothedIntensity
            // The breeze: a slow swell and quick flurries, stronger and gustier with intensity.
            let gust = breeze.next()
            let wind = min(1, (0.15 + 0.85 * strength) * (0.25 + 1.1 * gust * gust) * (0.8 + 0.4 * flurry.next()))
            let rate = 40 + 2_500 * wind * wind
            if grainClock.tick(ratePerSecond: rate) {
                click(level: 0.3 + 0.7 * random.unit(), pan: 0.95 * random.bipolar())
            }
            if isAutumn {
                // A gust catches a leaf and it skitters: a quick run of scrapes in one place.
                if tumbleClicksLeft == 0, tumbleClock.tick(ratePerSecond: 0.1 + 1.5 * wind) {
                    tumbleClicksLeft = 6 + random.below(20)
                    tumblePan = 0.9 * random.bipolar()
                }
                if tumbleClicksLeft > 0 {
                    tumbleCountdown -= 1
                    if tumbleCountdown <= 0 {
                        tumbleClicksLeft -= 1
                        click(level: 1.2 + 0.8 * random.unit(), pan: tumblePan)
                        tumblePan = min(1, max(-1, tumblePan + 0.04 * random.bipolar()))
                        tumbleCountdown = Int((0.01 + 0.05 * random.unit()) * Self.sampleRate)
                    }
                }
            }
            var left: Float = 0
            var right: Float = 0
            for g in grains.indices {
                let e = grains[g].envelope
                left += grains[g].left.next() * e * grains[g].pan.left
                right += grains[g].right.next() * e * grains[g].pan.right
                grains[g].envelope = e * grainDecay
            }
            let breath = 0.01 * wind
            left = left * 0.05 + air.0.next() * breath
            right = right * 0.05 + air.1.next() * breath
            left = dcBlockers.0.process(left) * Leaves.outputGain
            right = dcBlockers.1.process(right) * Leaves.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Leaves {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "leaves", variants: Leaves.Kind.allCases.map(\.rawValue), family: .nature,
        summary: "leaves rustling, green in the trees or dry autumn leaves skittering; intensity: a stir → a gusty day",
        loudness: SoundLoudness(low: -29.1, middle: -23.5, high: -20.6),
        variantLoudness: ["autumn": SoundLoudness(low: -30.3, middle: -24.6, high: -21.5)],
        makeSynthesizer: { variant, seed in Leaves(kind: Leaves.Kind(rawValue: variant) ?? .trees, seed: seed) })
}
