import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cat purring on your lap.
///
/// A purr is the larynx opening and closing about 25 times a second, on the
/// breath in and on the breath out: each closure releases a little puff of
/// breathy noise, coloured by the chest and throat: real purrs (Sounds/cat-purr)
/// hold most of their energy at 125–500 Hz and fall 20–30 dB by 2 kHz, with a
/// faint air of breath and fur at 3–11 kHz.
/// Breaths alternate — in for about 1.3 s, a little faster and softer, out
/// for about 1.7 s, a little slower and fuller — dipping deep at each turn (the
/// real purrs' level spreads 13 dB).
/// Intensity is how close and content the cat is: a quiet rumble across the
/// room, or a loud motor against your ear.
package final class CatPurr: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 8.5
    private static let rate = Float(AudioFormat.sampleRate)

    private var random: Random
    private var throat = (
        Biquad(.peak(gainDecibels: 9), frequency: 250, q: 1.2), Biquad(.peak(gainDecibels: 8), frequency: 130, q: 1.2)
    )
    private var breathBand = (Biquad(.highPass, frequency: 60), Biquad(.lowPass, frequency: 700))
    private var furAir = (Biquad(.highPass, frequency: 3_000), Biquad(.lowPass, frequency: 11_000))
    private var closeness = Biquad(.lowPass, frequency: 2_000)
    private var pulsePhase: Float = 0
    private var breathFrames = 0
    private var breathLength = 1
    private var isInhale = true
    private var pulseEnvelope: Float = 0
    private var smoothedIntensity: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        startBreath()
    }

    private func startBreath() {
        isInhale.toggle()
        let seconds = (isInhale ? 1.3 : 1.7) * random.uniform(0.85...1.15)
        breathLength = Int(seconds * Self.rate)
        breathFrames = 0
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        smoothedIntensity += (target - smoothedIntensity) * 0.05
        closeness.set(.lowPass, frequency: 700 + 700 * smoothedIntensity, q: 0.6)
        let level = 0.6 + 0.6 * smoothedIntensity
        for frame in 0..<frameCount {
            if breathFrames >= breathLength { startBreath() }
            let position = Float(breathFrames) / Float(breathLength)
            breathFrames += 1
            // Swell and fade within the breath, dipping (never stopping) at each turn.
            let breath = 0.03 + 0.97 * sinf(Float.pi * position)
            let pulsesPerSecond: Float = isInhale ? 27 : 23.5
            pulsePhase += pulsesPerSecond * (1 + 0.02 * random.bipolar()) / Self.rate
            if pulsePhase >= 1 {
                pulsePhase -= 1
                pulseEnvelope = random.uniform(0.75...1)
            }
            // Each glottal cycle: a puff of breath that swells and falls back, never quite to nothing.
            let cycle = 0.5 + 0.5 * cosf(2 * Float.pi * pulsePhase)
            let puff = pulseEnvelope * (0.15 + 0.85 * cycle * cycle)
            let noise = random.bipolar() * puff * breath * (isInhale ? 0.7 : 1)
            let shaped = throat.1.process(throat.0.process(breathBand.1.process(breathBand.0.process(noise))))
            let air = furAir.1.process(furAir.0.process(random.bipolar())) * 0.012 * breath
            let sample = (closeness.process(shaped) + air) * 0.09 * level * Self.outputGain
            output[2 * frame] = SoftCeiling.apply(sample)
            output[2 * frame + 1] = SoftCeiling.apply(sample * 0.96)
        }
    }
}

extension CatPurr {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "cat-purr", variants: ["lap"], family: .things,
        summary: "a cat purring, breath in and breath out; intensity: across the room → against your ear",
        loudness: SoundLoudness(low: -28.3, middle: -25.3, high: -23.1)
    ) { _, seed in
        CatPurr(seed: seed)
    }
}
