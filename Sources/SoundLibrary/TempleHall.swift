import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inside a large temple: a low murmur of chanting voices rising and falling
/// with the breath, a great bell or a gong struck now and then far across
/// the hall, and the long, dark reverberation of stone that holds it all.
///
/// The chant is many voices heard from afar, so no single pitch survives:
/// it is noise through the formants of dark vowels ("o", "u", "a"), whose
/// level follows syllables (2–4 a second, never on a beat) inside phrases
/// of 4–10 s with a pause for breath between, over a wide low hum of the
/// hall. A bell is a handful of inharmonic bronze partials (hum, prime,
/// tierce, quint, nominal) with decays of many seconds; a gong is a denser,
/// lower cluster that swells after the strike. Intensity is the service:
/// an empty hall with a bell now and then at 0, full chanting and more
/// frequent bells at 1.
package final class TempleHall: LayerSource {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.0
    /// Bronze bell partials relative to the prime (minor-third bell tuning).
    private static let bellRatios: [Float] = [0.5, 1, 1.19, 1.5, 2, 2.51, 2.66, 3.01]
    private static let bellDecays: [Float] = [14, 9, 7, 5, 4, 2.5, 2.2, 1.6]
    private static let gongRatios: [Float] = [1, 1.52, 1.83, 2.21, 2.63, 3.17, 3.7, 4.4]

    private let ringsBells: Bool
    private var random: Random
    private var voices = (PinkNoise(seed: 1), PinkNoise(seed: 2))
    private var formants = (Biquad(), Biquad(), Biquad(), Biquad())
    private var formantTargets: (Float, Float) = (450, 900)
    private var formantFrequencies: (Float, Float) = (450, 900)
    private var hum: BrownNoise
    private var humLowPass = Biquad(.lowPass, frequency: 180, q: 0.7)
    private var syllableFramesLeft = 0
    private var syllableLevel: Float = 0
    private var syllableTarget: Float = 0
    private var phraseFramesLeft = 0
    private var breathFramesLeft = 0
    private var phraseLevel: Float = 0
    private var framesUntilControl = 0

    private var partials: [DampedMode]
    private var framesUntilStrike: Int
    private var gongSwell: Float = 0
    private var strikeNoise = Biquad(.lowPass, frequency: 1_200, q: 0.7)
    private var strikeBurst = 0
    private var strikePan: (left: Float, right: Float) = (0.7, 0.7)

    private let hall = SmallRoomReverb(size: 1.6, decay: 0.88, damping: 0.6)
    private var hallAbsorption = Biquad(.lowPass, frequency: 3_500, q: 0.6)
    private var air = (PinkNoise(seed: 3), PinkNoise(seed: 4))
    private var airLowPass = (Biquad(.lowPass, frequency: 400, q: 0.6), Biquad(.lowPass, frequency: 430, q: 0.6))
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var service: Float = -1

    /// `ringsBells` false leaves out bells and gongs (tests listen to the chant alone).
    package init(seed: UInt64, ringsBells: Bool = true) {
        self.ringsBells = ringsBells
        random = Random(seed: seed)
        voices = (PinkNoise(seed: random.childSeed()), PinkNoise(seed: random.childSeed()))
        air = (PinkNoise(seed: random.childSeed()), PinkNoise(seed: random.childSeed()))
        hum = BrownNoise(seed: random.childSeed(), cornerHertz: 10)
        partials = [DampedMode](repeating: DampedMode(), count: Self.bellRatios.count)
        framesUntilStrike = Int(random.uniform(3...20) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if service < 0 { service = target }
        service += (target - service) * min(1, Float(frameCount) / (2 * Self.sampleRate))
        let chantGain = service * 0.09
        let humGain = (0.2 + 0.8 * service) * 0.12
        let strikeRate = 0.02 + 0.04 * service
        let airGain: Float = 0.012

        for frame in 0..<frameCount {
            if framesUntilControl == 0 {
                framesUntilControl = 64
                advanceChant()
            }
            framesUntilControl -= 1
            syllableLevel += (syllableTarget - syllableLevel) * 0.0015
            let chantLevel = syllableLevel * phraseLevel * chantGain
            let voiceLeft = voices.0.next()
            let voiceRight = voices.1.next()
            let chantLeft = (formants.0.process(voiceLeft) + 0.5 * formants.1.process(voiceLeft)) * chantLevel
            let chantRight = (formants.2.process(voiceRight) + 0.5 * formants.3.process(voiceRight)) * chantLevel
            let low = humLowPass.process(hum.next()) * humGain * (0.5 + 0.5 * phraseLevel)

            var send = (chantLeft + chantRight) * 0.8 + low * 0.3
            var bell: Float = 0
            if ringsBells {
                framesUntilStrike -= 1
                if framesUntilStrike <= 0 {
                    strike()
                    framesUntilStrike = Int(
                        (8 + random.exponentialInterval(ratePerSecond: strikeRate)) * Self.sampleRate)
                }
                bell = nextBellSample()
                send += bell * 1.5
            }
            let wet = hall.process(hallAbsorption.process(send))
            let airLeft = airLowPass.0.process(air.0.next()) * airGain
            let airRight = airLowPass.1.process(air.1.next()) * airGain
            let left = chantLeft * 0.35 + low + airLeft + bell * strikePan.left * 0.3 + wet.left
            let right = chantRight * 0.35 + low + airRight + bell * strikePan.right * 0.3 + wet.right
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right) * Self.outputGain)
        }
    }

    /// Syllables within phrases, phrases between breaths, vowels changing each syllable.
    private func advanceChant() {
        syllableFramesLeft -= 64
        if syllableFramesLeft <= 0 {
            syllableFramesLeft = Int(random.uniform(0.25...0.5) * Self.sampleRate)
            syllableTarget = random.uniform(0.5...1)
            // Dark vowels: "o", "u", "a", "e" as a low chorus sings them.
            switch random.below(4) {
            case 0: formantTargets = (450, 800)
            case 1: formantTargets = (320, 750)
            case 2: formantTargets = (650, 1_050)
            default: formantTargets = (480, 1_500)
            }
        }
        if breathFramesLeft > 0 {
            breathFramesLeft -= 64
            phraseLevel *= 0.995
            if breathFramesLeft <= 0 { phraseFramesLeft = Int(random.uniform(4...10) * Self.sampleRate) }
        } else {
            phraseFramesLeft -= 64
            phraseLevel += (1 - phraseLevel) * 0.01
            if phraseFramesLeft <= 0 { breathFramesLeft = Int(random.uniform(1...2.5) * Self.sampleRate) }
        }
        formantFrequencies.0 += (formantTargets.0 - formantFrequencies.0) * 0.05
        formantFrequencies.1 += (formantTargets.1 - formantFrequencies.1) * 0.05
        // Each side's crowd sings a shade apart, so the image is wide.
        formants.0.set(.bandPass, frequency: formantFrequencies.0, q: 3)
        formants.1.set(.bandPass, frequency: formantFrequencies.1, q: 4)
        formants.2.set(.bandPass, frequency: formantFrequencies.0 * 1.04, q: 3)
        formants.3.set(.bandPass, frequency: formantFrequencies.1 * 1.03, q: 4)
    }

    /// A bell (two strikes in three) or a gong, struck somewhere across the hall.
    private func strike() {
        let isGong = random.unit() < 0.33
        let prime = isGong ? random.uniform(90...160) : random.uniform(180...330)
        let ratios = isGong ? Self.gongRatios : Self.bellRatios
        for index in 0..<partials.count {
            let decay = isGong ? random.uniform(3...8) : Self.bellDecays[index] * random.uniform(0.8...1.2)
            partials[index].tune(
                frequency: prime * ratios[index] * random.uniform(0.995...1.005), decaySeconds: decay,
                amplitude: 1 / (1 + 0.4 * Float(index)))
        }
        gongSwell = isGong ? 0.3 : 1
        strikeBurst = isGong ? 2_400 : 300
        let pan = StereoPan.gains(random.uniform(-0.7...0.7))
        strikePan = (pan.left, pan.right)
    }

    @inline(__always)
    private func nextBellSample() -> Float {
        var excitation: Float = 0
        if strikeBurst > 0 {
            // A mallet's soft thud, longer for a gong's padded beater.
            excitation = strikeNoise.process(random.bipolar()) * 0.004
            strikeBurst -= 1
        }
        var sum: Float = 0
        for index in 0..<partials.count { sum += partials[index].process(excitation) }
        // A gong blooms after the strike: its higher modes take a moment to build.
        gongSwell += (1 - gongSwell) * 0.00003
        return sum * gongSwell
    }
}

extension TempleHall {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "temple", variants: ["hall"],
        family: .places,
        summary:
            "inside a large temple: a low chanting murmur, distant bells and gongs, long stone reverberation; intensity: from an empty hall to a full service",
        loudness: SoundLoudness(low: -33.8, middle: -26.8, high: -22.5)
    ) { _, seed in
        TempleHall(seed: seed)
    }
}
