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
    /// A second, lower-pitched species far off: the real grove
    /// (Sounds/cicadas/cicadas-dobroide.ogg) holds as much at 2 kHz (−6.0 dB)
    /// as at 8 kHz, and hardly moves (its level spreads 2.2 dB): the near
    /// singers swell and fade over a wash that never stops.
    private var lowGrove: (NoiseBand, NoiseBand)
    private var groveSwell: SlowRandomWalk
    private static let singerLevel: Float = 0.2
    private static let groveLevel: Float = 0.5
    private static let lowGroveLevel: Float = 0.8
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
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 240, highHertz: 1_000),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 240, highHertz: 1_000)
        )
        grove = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 4_500, highHertz: 7_500),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 4_500, highHertz: 7_500)
        )
        lowGrove = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 1_800, highHertz: 3_200),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 1_800, highHertz: 3_200)
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
            let airLevel = 0.15 * (0.45 + 0.55 * smoothedIntensity)
            let beyond = min(1, 2.5 * smoothedIntensity) * (0.8 + 0.4 * groveSwell.next())
            let far = (grove.0.next() * Cicadas.groveLevel + lowGrove.0.next() * Cicadas.lowGroveLevel, grove.1.next() * Cicadas.groveLevel + lowGrove.1.next() * Cicadas.lowGroveLevel)
            left = bands.2.process(bands.0.process(left)) * Cicadas.singerLevel + far.0 * beyond + air.0.next() * airLevel
            right = bands.3.process(bands.1.process(right)) * Cicadas.singerLevel + far.1 * beyond + air.1.next() * airLevel
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
        loudness: SoundLoudness(low: -37.9, middle: -29.3, high: -28.9),
        makeSynthesizer: { _, seed in Cicadas(seed: seed) })
}
