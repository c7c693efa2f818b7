import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An electric fan: a desk fan close by, or a ceiling fan turning slowly overhead.
///
/// Most of a fan is air: broadband noise whose brightness and level follow the
/// blade speed. Under it the blades leave their mark — a desk fan's five
/// blades a soft tone at the blade-passing frequency (75–125 Hz) that wavers
/// as the air does, a ceiling fan's three wide blades a slow whoosh, a swell
/// of the low-mid air band every time a blade passes (4–6 times a second) —
/// and the motor a faint hum. Intensity is the speed setting.
package final class Fan: LayerSource {
    package enum Kind: String, CaseIterable {
        case desk, ceiling
    }

    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static func outputGain(_ kind: Kind) -> Float { kind == .desk ? 1.0 : 1.0 }
    private static let rate = Float(AudioFormat.sampleRate)

    private let kind: Kind
    private var airLeft: PinkNoise, airRight: PinkNoise
    private var airHighPass = (Biquad(), Biquad())
    private var airLowPass = (Biquad(), Biquad())
    private var whooshBand = (Biquad(), Biquad())
    private var turbulence: SlowRandomWalk
    private var bladePhase: Float = 0
    private var humPhase: Float = 0
    private var speed: Float = -1

    package init(kind: Kind, seed: UInt64) {
        self.kind = kind
        var seeds = Random(seed: seed)
        airLeft = PinkNoise(seed: seeds.childSeed())
        airRight = PinkNoise(seed: seeds.childSeed())
        turbulence = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.4, glideSeconds: 0.15)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if speed < 0 { speed = target }
        // A fan takes a couple of seconds to change speed.
        speed += (target - speed) * min(1, Float(frameCount) / (2 * Self.rate))
        let isDesk = kind == .desk
        let bladesPerSecond = isDesk ? 5 * (15 + 10 * speed) : 3 * (1.3 + 0.7 * speed)
        let brightness = isDesk ? 2_500 + 5_500 * speed : 900 + 1_100 * speed
        airHighPass.0.set(.highPass, frequency: isDesk ? 90 : 50)
        airHighPass.1.set(.highPass, frequency: isDesk ? 90 : 50)
        airLowPass.0.set(.lowPass, frequency: brightness, q: 0.6)
        airLowPass.1.set(.lowPass, frequency: brightness, q: 0.6)
        whooshBand.0.set(.bandPass, frequency: isDesk ? 1_200 : 420, q: 0.8)
        whooshBand.1.set(.bandPass, frequency: isDesk ? 1_200 : 420, q: 0.8)
        let airGain: Float = (isDesk ? 0.06 : 0.05) * (0.5 + 0.8 * speed)
        let bladeStep = bladesPerSecond / Self.rate
        let humStep: Float = 100 / Self.rate
        let gain = Self.outputGain(kind)
        for frame in 0..<frameCount {
            let wobble = turbulence.next()
            bladePhase += bladeStep
            if bladePhase >= 1 { bladePhase -= 1 }
            humPhase += humStep
            if humPhase >= 1 { humPhase -= 1 }
            let rawLeft = airLeft.next()
            let rawRight = airRight.next()
            var left = airLowPass.0.process(airHighPass.0.process(rawLeft)) * airGain
            var right = airLowPass.1.process(airHighPass.1.process(rawRight)) * airGain
            // Each passing blade pushes a swell of air; the ceiling fan's is the sound itself.
            let swell = 0.5 - 0.5 * cosf(2 * Float.pi * bladePhase)
            let whooshDepth: Float = isDesk ? 0.25 : 1.4
            left += whooshBand.0.process(rawLeft) * airGain * whooshDepth * swell * swell
            right += whooshBand.1.process(rawRight) * airGain * whooshDepth * swell * swell
            if isDesk {
                // The blade tone, wavering with the air, and its second harmonic.
                let tone = sinf(2 * Float.pi * bladePhase) + 0.35 * sinf(4 * Float.pi * bladePhase)
                let toneGain = 0.004 * (0.4 + 0.6 * wobble) * (0.5 + speed)
                left += tone * toneGain
                right += tone * toneGain * 0.9
            }
            let hum = sinf(2 * Float.pi * humPhase) * 0.0006
            output[2 * frame] = SoftCeiling.apply((left + hum) * gain)
            output[2 * frame + 1] = SoftCeiling.apply((right + hum) * gain)
        }
    }
}

extension Fan {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "fan", variants: Fan.Kind.allCases.map(\.rawValue), family: .things,
        summary: "an electric fan, a desk fan close by or a ceiling fan overhead; intensity: the speed setting",
        loudness: SoundLoudness(low: -25.1, middle: -20.1, high: -16.9),
        variantLoudness: ["ceiling": SoundLoudness(low: -26.2, middle: -21.7, high: -18.6)],
        makeSynthesizer: { variant, seed in Fan(kind: Fan.Kind(rawValue: variant) ?? .desk, seed: seed) })
}
