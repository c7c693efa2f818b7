import AudioEngine
import DSP
/// Cicadas on a hot summer day.
///
/// A cast of cicadas (see `Cicada`) in the trees around, each swelling into
/// its buzz, holding it and dying away on its own schedule, so the chorus
/// rises and ebbs in waves without ever settling into a pattern. Under them,
/// the air of a summer afternoon — leaves, far traffic, the land's hum — at
/// the level a real cicada recording carries it (−20 dB of its energy in each
/// octave 250 Hz–1 kHz; without it the buzz hung on silence). Intensity = how many sing and how
/// eagerly: 0 = a lone cicada now and then; 1 = a whole grove at midday.
package final class Cicadas: LayerSource {
    private var insects: [Cicada]
    private var air: (NoiseBand, NoiseBand)
    /// The grove beyond: so many far cicadas that they blend into a band of hiss.
    private var grove: (NoiseBand, NoiseBand)
    private var groveSwell: SlowRandomWalk
    /// The abdomen's resonance has skirts; the air and distance take off the rest.
    private var bands = (Biquad(.highPass, frequency: 3_000), Biquad(.highPass, frequency: 3_000),
        Biquad(.lowPass, frequency: 10_000), Biquad(.lowPass, frequency: 10_000))
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 0.15

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        let count = 9
        insects = (0..<count).map { index in
            let distance = min(1, 0.15 + 0.85 * Float(index) / Float(count - 1) * placer.uniform(0.7...1.1))
            return Cicada(seed: seeds.childSeed(), distance: distance, pan: placer.bipolar() * 0.9)
        }
        air = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: 3_000),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: 3_000)
        )
        grove = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 4_500, highHertz: 7_500),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 4_500, highHertz: 7_500)
        )
        groveSwell = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 5, glideSeconds: 2)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let count = Float(insects.count)
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let singing = 1 + (count - 1) * smoothedIntensity
            var left: Float = 0
            var right: Float = 0
            for i in insects.indices {
                let s = insects[i].next(isSinging: Float(i) < singing, eagerness: smoothedIntensity)
                left += s.left
                right += s.right
            }
            let beyond = 0.012 * smoothedIntensity * smoothedIntensity * (0.3 + groveSwell.next())
            left = bands.2.process(bands.0.process(left)) + grove.0.next() * beyond + air.0.next() * 0.25
            right = bands.3.process(bands.1.process(right)) + grove.1.next() * beyond + air.1.next() * 0.25
            left = dcBlockers.0.process(left) * Cicadas.outputGain
            right = dcBlockers.1.process(right) * Cicadas.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Cicadas {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "cicadas", variants: ["summer"], family: .nature,
        summary: "cicadas buzzing in the trees on a hot day, swelling and dying away; intensity: one → a grove",
        loudness: SoundLoudness(low: -25.2, middle: -21.4, high: -19.8),
        makeSynthesizer: { _, seed in Cicadas(seed: seed) })
}
