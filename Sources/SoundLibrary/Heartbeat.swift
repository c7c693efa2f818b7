import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A heartbeat heard with an ear on a chest: "lub" (the first heart sound,
/// the valves between atria and ventricles closing) and a shorter, higher
/// "dub" (the second, the outflow valves) a third of a beat later.
///
/// Each sound is a short low-passed burst ringing a few low modes of the
/// chest (40–130 Hz), heard through tissue that passes little above 400 Hz.
/// The beat is never a metronome: intervals vary a few percent from beat to
/// beat and swing slowly with breathing (sinus arrhythmia, about one breath in
/// four seconds). Intensity is the rate, 52 beats a minute at rest to 88, and
/// a little more force.
package final class Heartbeat: LayerSource {
    /// Calibrated so intensity 0.5 measures −24 LUFS before the soft ceiling
    /// (a trim after it would push the thumps' peaks past it).
    private static let outputGain: Float = 0.59
    private static let rate = Float(AudioFormat.sampleRate)

    private var random: Random
    private var lub = [DampedMode](repeating: DampedMode(), count: 3)
    private var dub = [DampedMode](repeating: DampedMode(), count: 3)
    private var burstLowPass = Biquad(.lowPass, frequency: 180)
    private var tissue = (Biquad(.lowPass, frequency: 420, q: 0.6), Biquad(.lowPass, frequency: 420, q: 0.6))
    private var rumbleHighPass = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private var floorLeft: BrownNoise, floorRight: BrownNoise
    private var framesToLub: Int
    private var framesToDub = Int.max
    private var lubAge = Int.max, dubAge = Int.max
    private var strength: Float = 1
    private var breathPhase: Float
    private var smoothedIntensity: Float = -1

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        floorLeft = BrownNoise(seed: seeds.childSeed())
        floorRight = BrownNoise(seed: seeds.childSeed())
        breathPhase = random.unit()
        framesToLub = Int(0.3 * Self.rate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        for frame in 0..<frameCount {
            if frame % 64 == 0 { smoothedIntensity += (target - smoothedIntensity) * 0.01 }
            if framesToLub == 0 { startBeat() }
            if framesToDub == 0 { startDub() }
            framesToLub -= 1
            framesToDub -= 1
            let lubBurst = burst(age: &lubAge, lengthSeconds: 0.05) * strength
            let dubBurst = burst(age: &dubAge, lengthSeconds: 0.02) * strength * 0.72
            var body: Float = 0
            let lubIn = burstLowPass.process(lubBurst)
            for index in 0..<3 { body += lub[index].process(lubIn) }
            for index in 0..<3 { body += dub[index].process(dubBurst) }
            let floorGain: Float = 0.0025
            let left = tissue.0.process(body + floorLeft.next() * floorGain)
            let right = tissue.1.process(body * 0.94 + floorRight.next() * floorGain)
            output[2 * frame] = SoftCeiling.apply(rumbleHighPass.0.process(left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(rumbleHighPass.1.process(right) * Self.outputGain)
        }
    }

    private func startBeat() {
        let beatsPerMinute = 52 + 36 * smoothedIntensity
        // Sinus arrhythmia: the heart speeds up as one breathes in, about ±4 %.
        breathPhase += 60 / beatsPerMinute / 4
        if breathPhase > 1 { breathPhase -= 1 }
        let swing = 1 + 0.04 * sinf(2 * Float.pi * breathPhase)
        let period = 60 / beatsPerMinute / swing * (1 + 0.025 * random.gaussian())
        framesToLub = max(1, Int(period * Self.rate))
        // Systole shortens less than the whole beat as the rate rises.
        framesToDub = Int((0.30 + 0.08 * (period - 0.85)) * Self.rate)
        strength = (0.85 + 0.3 * smoothedIntensity) * (1 + 0.08 * random.bipolar())
        let pitch = 1 + 0.05 * random.bipolar()
        let frequencies: [Float] = [42, 68, 118]
        let decays: [Float] = [0.17, 0.11, 0.06]
        let amplitudes: [Float] = [1, 0.6, 0.25]
        for index in 0..<3 {
            lub[index].tune(
                frequency: frequencies[index] * pitch, decaySeconds: decays[index], amplitude: amplitudes[index])
        }
        lubAge = 0
    }

    private func startDub() {
        framesToDub = Int.max
        let pitch = 1 + 0.05 * random.bipolar()
        let frequencies: [Float] = [58, 96, 150]
        let decays: [Float] = [0.08, 0.06, 0.035]
        let amplitudes: [Float] = [0.9, 0.55, 0.3]
        for index in 0..<3 {
            dub[index].tune(
                frequency: frequencies[index] * pitch, decaySeconds: decays[index], amplitude: amplitudes[index])
        }
        dubAge = 0
    }

    /// A noise burst with a raised-cosine envelope, `lengthSeconds` long.
    @inline(__always)
    private func burst(age: inout Int, lengthSeconds: Float) -> Float {
        let length = Int(lengthSeconds * Self.rate)
        guard age < length else { return 0 }
        let envelope = 0.5 - 0.5 * cosf(2 * Float.pi * Float(age) / Float(length))
        age += 1
        return random.bipolar() * envelope * 0.08
    }
}

extension Heartbeat {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "heartbeat", variants: ["resting"], family: .things,
        summary: "a heartbeat heard close, lub-dub, never quite regular; intensity: 52 → 88 beats a minute",
        loudness: SoundLoudness(low: -25.1, middle: -23.8, high: -22.8)
    ) { _, seed in
        Heartbeat(seed: seed)
    }
}
