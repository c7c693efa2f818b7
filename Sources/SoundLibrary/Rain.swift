import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rain on a window, a roof or leaves.
///
/// Every drop is an impact (a burst of filtered noise, shaped by the surface)
/// and sometimes a Minnaert bubble (a ringing, upward-chirping sine) where
/// water gathers; drops fall at a Poisson rate, and a wash of countless fine
/// drops fills the gaps. Intensity: 0 = light drizzle (≈30 separate drops a
/// second); from ≈0.2 up a steady, full wash with a soft roar under 1 kHz and the
/// drops ticking in it, as every real rain recording in Sounds/rain/ is;
/// 1 = torrential (≈3000 drops/s, larger drops, a loud wash).
package final class Rain: LayerSource {
    /// What the rain falls on.
    package enum Surface: String, CaseIterable {
        case window, roof, leaves, tent, car, umbrella
    }

    /// How a surface colours the drops.
    private struct Traits {
        var impactDecaySeconds: Float
        var impactAttackSeconds: Float
        var impactHighPass: Float
        var impactLowPass: Float
        var impactGain: Float
        var bubbleChance: Float
        var bubbleRadiusRange: ClosedRange<Float>
        var bubbleGain: Float
        var washHighPass: Float
        var washLowPass: Float
        var washGain: Float
        /// The soft roar of rain falling all around, under 1 kHz, relative to the wash:
        /// real rain always has this body, even heard from behind glass.
        var roarGain: Float
        var runnelsPerSecond: Float
        var outputGain: Float
    }

    private static func traits(of surface: Surface) -> Traits {
        switch surface {
        case .window:
            // Glass: bright, very short ticks, small clear bubbles where water
            // gathers on the pane, runnels trickling down.
            return Traits(
                impactDecaySeconds: 0.0007, impactAttackSeconds: 0, impactHighPass: 1800, impactLowPass: 12_000,
                impactGain: 1.0, bubbleChance: 0.3, bubbleRadiusRange: 0.0003...0.0012, bubbleGain: 0.22,
                washHighPass: 900, washLowPass: 9000, washGain: 0.6, roarGain: 0.4, runnelsPerSecond: 0.8, outputGain: 1.58)
        case .roof:
            // A roof: heavier, duller thuds, a resonant body, gurgling gutters.
            return Traits(
                impactDecaySeconds: 0.004, impactAttackSeconds: 0, impactHighPass: 300, impactLowPass: 3500,
                impactGain: 0.7, bubbleChance: 0.03, bubbleRadiusRange: 0.0008...0.003, bubbleGain: 0.18,
                washHighPass: 300, washLowPass: 6000, washGain: 0.8, roarGain: 0, runnelsPerSecond: 0.1, outputGain: 1.63)
        case .leaves:
            // Leaves: soft broadband patter, almost no standing water.
            return Traits(
                impactDecaySeconds: 0.0025, impactAttackSeconds: 0.0006, impactHighPass: 400, impactLowPass: 7000,
                impactGain: 1.3, bubbleChance: 0.04, bubbleRadiusRange: 0.0006...0.002, bubbleGain: 0.12,
                washHighPass: 300, washLowPass: 8000, washGain: 0.9, roarGain: 0.25, runnelsPerSecond: 0, outputGain: 1.31)
        case .tent:
            // Taut nylon overhead: soft, close "pocks" with a drum-like body, no standing water.
            return Traits(
                impactDecaySeconds: 0.003, impactAttackSeconds: 0.0003, impactHighPass: 150, impactLowPass: 4500,
                impactGain: 1.0, bubbleChance: 0, bubbleRadiusRange: 0.001...0.002, bubbleGain: 0,
                washHighPass: 300, washLowPass: 5000, washGain: 0.6, roarGain: 0.1, runnelsPerSecond: 0, outputGain: 1.05)
        case .car:
            // Inside a car: drumming on sheet metal, the glass's ticks, the world outside muffled.
            return Traits(
                impactDecaySeconds: 0.005, impactAttackSeconds: 0, impactHighPass: 300, impactLowPass: 3000,
                impactGain: 1.0, bubbleChance: 0.05, bubbleRadiusRange: 0.0006...0.0015, bubbleGain: 0.1,
                washHighPass: 300, washLowPass: 3500, washGain: 0.7, roarGain: 0, runnelsPerSecond: 0.4, outputGain: 1.09)
        case .umbrella:
            // Fabric just overhead: crisp pattering, and the street's rain all around.
            return Traits(
                impactDecaySeconds: 0.0015, impactAttackSeconds: 0, impactHighPass: 500, impactLowPass: 9000,
                impactGain: 1.3, bubbleChance: 0.08, bubbleRadiusRange: 0.0006...0.002, bubbleGain: 0.15,
                washHighPass: 400, washLowPass: 9000, washGain: 0.9, roarGain: 0.1, runnelsPerSecond: 0, outputGain: 0.74)
        }
    }

    private let surface: Surface
    private let traits: Traits
    private var random: Random
    private var noiseLeft: WhiteNoise
    private var noiseRight: WhiteNoise
    private var washWhiteLeft: WhiteNoise
    private var washWhiteRight: WhiteNoise
    private var washPinkLeft = KelletPinkNoise()
    private var washPinkRight = KelletPinkNoise()
    private var washWander: SlowRandomWalk
    private let bubbles = BubbleBank(capacity: 96)

    private var impactFilters: [Biquad]  // L high, L low, R high, R low
    private var washFilters: [Biquad]
    private var roarFilters: [Biquad]  // L high, L low, R high, R low
    private var bodyFilters: [Biquad]  // roof resonances, per channel
    private var dcBlockers: [Biquad]
    private var limiter = PeakLimiter()

    private var impactLeft: Float = 0
    private var impactRight: Float = 0
    private var impactSmoothLeft: Float = 0
    private var impactSmoothRight: Float = 0
    private let impactDecay: Float
    private let impactAttack: Float

    private var samplesToNextDrop = 0
    private var samplesToNextRunnel = 0
    private var runnelDropsLeft = 0
    private var runnelCountdown = 0
    private var runnelPan: Float = 0
    private var runnelRadius: Float = 0.0006

    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    package init(surface: Surface, seed: UInt64) {
        self.surface = surface
        traits = Rain.traits(of: surface)
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        noiseLeft = WhiteNoise(seed: seeds.childSeed())
        noiseRight = WhiteNoise(seed: seeds.childSeed())
        washWhiteLeft = WhiteNoise(seed: seeds.childSeed())
        washWhiteRight = WhiteNoise(seed: seeds.childSeed())
        washWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1.5)
        let t = traits
        impactFilters = [
            Biquad(.highPass, frequency: t.impactHighPass), Biquad(.lowPass, frequency: t.impactLowPass),
            Biquad(.highPass, frequency: t.impactHighPass), Biquad(.lowPass, frequency: t.impactLowPass),
        ]
        washFilters = [
            Biquad(.highPass, frequency: t.washHighPass), Biquad(.lowPass, frequency: t.washLowPass),
            Biquad(.highPass, frequency: t.washHighPass), Biquad(.lowPass, frequency: t.washLowPass),
        ]
        roarFilters = [
            Biquad(.highPass, frequency: 250), Biquad(.lowPass, frequency: 800),
            Biquad(.highPass, frequency: 250), Biquad(.lowPass, frequency: 800),
        ]
        switch surface {
        case .roof:
            bodyFilters = [
                Biquad(.peak(gainDecibels: 5), frequency: 430, q: 3), Biquad(),
                Biquad(.peak(gainDecibels: 5), frequency: 410, q: 3), Biquad(),
            ]
        case .window:
            bodyFilters = [
                Biquad(.peak(gainDecibels: 3), frequency: 3200, q: 0.8), Biquad(.peak(gainDecibels: 2), frequency: 6100, q: 1),
                Biquad(.peak(gainDecibels: 3), frequency: 3300, q: 0.8), Biquad(.peak(gainDecibels: 2), frequency: 5900, q: 1),
            ]
        case .leaves:
            bodyFilters = [Biquad(), Biquad(), Biquad(), Biquad()]
        case .tent:
            bodyFilters = [
                Biquad(.peak(gainDecibels: 4), frequency: 300, q: 1.8), Biquad(.peak(gainDecibels: 3), frequency: 700, q: 2),
                Biquad(.peak(gainDecibels: 4), frequency: 315, q: 1.8), Biquad(.peak(gainDecibels: 3), frequency: 680, q: 2),
            ]
        case .car:
            bodyFilters = [
                Biquad(.peak(gainDecibels: 2), frequency: 180, q: 2.5), Biquad(.peak(gainDecibels: 4), frequency: 1_100, q: 3),
                Biquad(.peak(gainDecibels: 2), frequency: 190, q: 2.5), Biquad(.peak(gainDecibels: 4), frequency: 1_050, q: 3),
            ]
        case .umbrella:
            bodyFilters = [
                Biquad(.peak(gainDecibels: 5), frequency: 900, q: 1.5), Biquad(.peak(gainDecibels: 3), frequency: 2_500, q: 1.2),
                Biquad(.peak(gainDecibels: 5), frequency: 950, q: 1.5), Biquad(.peak(gainDecibels: 3), frequency: 2_400, q: 1.2),
            ]
        }
        dcBlockers = [Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25)]
        impactDecay = expf(-1 / (t.impactDecaySeconds * Rain.sampleRate))
        impactAttack = t.impactAttackSeconds > 0 ? 1 - expf(-1 / (t.impactAttackSeconds * Rain.sampleRate)) : 1
    }

    /// Drops per second at `intensity`: 30 (drizzle) … 3000 (torrent).
    package static func dropsPerSecond(at intensity: Float) -> Float { 30 * powf(100, intensity) }

    private func scheduleDrop(intensity: Float) {
        let rate = Rain.dropsPerSecond(at: intensity)
        samplesToNextDrop = Int(random.exponentialInterval(ratePerSecond: rate) * Rain.sampleRate) + 1
    }

    /// One drop: an impact in the surface's colour, perhaps a bubble.
    private func dropFalls(intensity: Float) {
        // Heavier rain has larger drops; small ones dominate always.
        let u = random.unit()
        let largest = 1 + 2 * intensity
        let size = 0.3 + (largest - 0.3) * u * u * u  // relative to 1 mm
        let pan = random.bipolar() * 0.95
        // The wash carries most of the growth in level from drizzle to torrent. Drops vary by about 8 dB in
        // power, not more: in real rain each drop ticks, but none stands out of the wash.
        let distance = 0.6 + 0.4 * random.unit()
        let level = distance
        // Drops sink a little into the wash as it rises (−2.5 dB from light rain up).
        let ramp = min(intensity / 0.2, 1)
        let impact = traits.impactGain * level * size.squareRoot().squareRoot() * 0.22 * (1 - 0.25 * ramp * ramp * (3 - 2 * ramp))
        let angle = (pan + 1) * Float.pi / 4
        impactLeft += impact * cosf(angle)
        impactRight += impact * sinf(angle)
        if random.unit() < traits.bubbleChance {
            let radius = traits.bubbleRadiusRange.lowerBound
                + (traits.bubbleRadiusRange.upperBound - traits.bubbleRadiusRange.lowerBound) * random.unit() * random.unit()
            // Ringing bubbles are quiet under the wash: a real rain's bubbles never sing out of it.
            bubbles.triggerBubble(radiusMetres: radius, gain: 0.35 * traits.bubbleGain * level, pan: pan)
        }
    }

    /// Runnels: water gathering and trickling, a short string of tiny bubbles.
    private func advanceRunnels(intensity: Float) {
        guard traits.runnelsPerSecond > 0 else { return }
        samplesToNextRunnel -= 1
        if samplesToNextRunnel <= 0 {
            runnelDropsLeft = 4 + random.below(14)
            runnelPan = random.bipolar() * 0.8
            runnelRadius = traits.bubbleRadiusRange.lowerBound * (1.2 + random.unit())
            let rate = traits.runnelsPerSecond * (0.3 + intensity)
            samplesToNextRunnel = Int(random.exponentialInterval(ratePerSecond: rate) * Rain.sampleRate) + 1
        }
        guard runnelDropsLeft > 0 else { return }
        runnelCountdown -= 1
        if runnelCountdown <= 0 {
            runnelDropsLeft -= 1
            let radius = runnelRadius * (0.8 + 0.5 * random.unit())
            bubbles.triggerBubble(
                radiusMetres: radius, gain: traits.bubbleGain * 0.2 * (0.5 + random.unit()), pan: runnelPan, chirpScale: 2)
            runnelCountdown = Int((0.015 + 0.05 * random.unit()) * Rain.sampleRate)
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        // The wash rises fast above a drizzle: from light rain up, real rain is a steady full wash.
        let ramp = min(target / 0.2, 1)
        let washBase = traits.washGain * (0.004 + 0.3 * ramp * ramp * (3 - 2 * ramp) * powf(target, 0.8))
        for frame in 0..<frameCount {
            // Intensity glides over ≈0.2 s so a key press never steps the wash.
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let level = smoothedIntensity
            samplesToNextDrop -= 1
            if samplesToNextDrop <= 0 {
                dropFalls(intensity: level)
                scheduleDrop(intensity: level)
            }
            advanceRunnels(intensity: level)

            impactSmoothLeft += (impactLeft - impactSmoothLeft) * impactAttack
            impactSmoothRight += (impactRight - impactSmoothRight) * impactAttack
            var left = noiseLeft.next() * impactSmoothLeft
            var right = noiseRight.next() * impactSmoothRight
            impactLeft *= impactDecay
            impactRight *= impactDecay
            left = impactFilters[1].process(impactFilters[0].process(left))
            right = impactFilters[3].process(impactFilters[2].process(right))

            // A gentle wander (±1.3 dB): real rain's level holds within a few dB.
            let wander = 0.85 + 0.3 * washWander.next()
            let wash = washBase * wander
            let pinkLeft = washPinkLeft.process(washWhiteLeft.next())
            let pinkRight = washPinkRight.process(washWhiteRight.next())
            left += wash * washFilters[1].process(washFilters[0].process(pinkLeft))
            right += wash * washFilters[3].process(washFilters[2].process(pinkRight))
            left += wash * traits.roarGain * roarFilters[1].process(roarFilters[0].process(pinkLeft))
            right += wash * traits.roarGain * roarFilters[3].process(roarFilters[2].process(pinkRight))

            let ring = bubbles.nextFrame()
            left += ring.left
            right += ring.right

            left = bodyFilters[1].process(bodyFilters[0].process(left))
            right = bodyFilters[3].process(bodyFilters[2].process(right))
            left = dcBlockers[0].process(left) * traits.outputGain
            right = dcBlockers[1].process(right) * traits.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Rain {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "rain", variants: Rain.Surface.allCases.map(\.rawValue),
        family: .water,
        summary: "rain on a window, a roof, leaves, a tent, a car roof or an umbrella; intensity: drizzle → torrent",
        loudness: SoundLoudness(low: -31.7, middle: -19.3, high: -12.0),
        variantLoudness: [
            "roof": SoundLoudness(low: -32.1, middle: -18.6, high: -9.9),
            "leaves": SoundLoudness(low: -31.1, middle: -18.3, high: -8.6),
            "tent": SoundLoudness(low: -36.0, middle: -23.4, high: -11.9),
            "car": SoundLoudness(low: -34.9, middle: -22.2, high: -10.1),
            "umbrella": SoundLoudness(low: -34.7, middle: -21.9, high: -13.2),
        ],
        makeSynthesizer: { variant, seed in
            Rain(surface: Rain.Surface(rawValue: variant) ?? .window, seed: seed)
        })
}
