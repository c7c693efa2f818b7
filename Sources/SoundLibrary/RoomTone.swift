import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The quiet bed of a room: ventilation air, a low building rumble, a faint
/// trace of mains hum and, now and then, something far off in the building
/// (a door, footsteps, a chair) heard through the walls.
///
/// Real room tone is steady and weighted to the lows: most of its energy is
/// the HVAC's broadband roar below a few hundred hertz, with a soft hiss of
/// moving air above. The `library` variant is a larger, more reverberant hall
/// with softer ventilation; `room` is a smaller, drier space. Intensity is
/// presence and size: low is a small, still, dark room; high is a large space
/// with more air moving and more of the building audible.
package final class RoomTone: LayerSource {
    package enum Variant { case library, room }

    private let variant: Variant
    /// The synthesizer's own level per variant; the definition's loudness figures
    /// level-match it to the other sounds.
    private let outputGain: Float
    private var random: Random
    private var pinkLeft = KelletPinkNoise()
    private var pinkRight = KelletPinkNoise()
    private var pinkCommon = KelletPinkNoise()
    private var brown: Float = 0
    private var rumbleLowPass = Biquad(.lowPass, frequency: 70, q: 0.6)
    private var ventBandLeft = Biquad(.bandPass, frequency: 130, q: 0.6)
    private var ventBandRight = Biquad(.bandPass, frequency: 140, q: 0.6)
    private var ventLowPassLeft = Biquad(.lowPass, frequency: 700)
    private var ventLowPassRight = Biquad(.lowPass, frequency: 700)
    private var airHighPassLeft = Biquad(.highPass, frequency: 400)
    private var airHighPassRight = Biquad(.highPass, frequency: 400)
    private var airLowPassLeft = Biquad(.lowPass, frequency: 5_000)
    private var airLowPassRight = Biquad(.lowPass, frequency: 5_000)
    private var dcBlockLeft = Biquad(.highPass, frequency: 18)
    private var dcBlockRight = Biquad(.highPass, frequency: 18)
    /// Slow wander of the ventilation level, so the bed breathes a little.
    private var ventWander: Float = 0
    private var ventWanderTarget: Float = 0
    private var framesUntilWanderStep = 0
    private var humPhase: Float = 0
    private var fanPhase: Float = 0
    private let fanFrequency: Float

    // Distant events: a thud or a short run of footsteps through a low-passed wall.
    private var framesUntilEvent: Int
    private var eventSteps = 0
    private var eventIsDoor = false
    private var framesUntilStep = 0
    private var stepEnvelope: Float = 0
    private var stepDecay: Float = 0.999
    private var stepGain: Float = 0
    private var thudMode = DampedMode()
    private var wallLowPass = Biquad(.lowPass, frequency: 300, q: 0.7)
    private let room: SmallRoomReverb
    private var presence: Float = -1

    package init(variant: Variant, seed: UInt64) {
        self.variant = variant
        random = Random(seed: seed)
        fanFrequency = random.uniform(92...118)
        framesUntilEvent = Int(random.uniform(3...12) * Float(AudioFormat.sampleRate))
        switch variant {
        case .library:
            room = SmallRoomReverb(size: 1.5, decay: 0.85, damping: 0.45)
            outputGain = 1.55
        case .room:
            room = SmallRoomReverb(size: 0.6, decay: 0.5, damping: 0.6)
            outputGain = 1.37
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if presence < 0 { presence = target }
        presence += (target - presence) * 0.1
        let p = presence
        let isLibrary = variant == .library
        // Larger and more present: more ventilation, more air, brighter air.
        let ventGain: Float = (isLibrary ? 0.75 : 1.0) * (0.5 + 1.0 * p) * 0.22 * outputGain
        let rumbleGain: Float = (0.5 + 0.8 * p) * 0.35 * outputGain
        let airGain: Float = (isLibrary ? 1.1 : 0.9) * (0.3 + 1.1 * p) * 0.022 * outputGain
        let humGain: Float = 0.004 * outputGain
        let fanGain: Float = (0.3 + 0.7 * p) * 0.005 * outputGain
        let eventGain: Float = (isLibrary ? 1.2 : 0.8) * (0.5 + p) * outputGain
        let wetGain: Float = (isLibrary ? 0.9 : 0.45) * (0.6 + 0.8 * p)
        airLowPassLeft.set(.lowPass, frequency: 3_500 + 6_000 * p)
        airLowPassRight.set(.lowPass, frequency: 3_600 + 6_000 * p)
        let eventRatePerSecond: Float = (isLibrary ? 0.05 : 0.08) * (0.4 + 1.6 * p)
        let sampleRate = Float(AudioFormat.sampleRate)
        let humStep = 50 / sampleRate
        let fanStep = fanFrequency / sampleRate

        for frame in 0..<frameCount {
            if framesUntilWanderStep == 0 {
                framesUntilWanderStep = AudioFormat.sampleRate / 4
                ventWanderTarget = min(max(ventWanderTarget + random.bipolar() * 0.08, -0.2), 0.2)
            }
            framesUntilWanderStep -= 1
            ventWander += (ventWanderTarget - ventWander) * 0.00002
            let ventLevel = ventGain * (1 + ventWander)

            let common = pinkCommon.process(random.bipolar())
            let left = pinkLeft.process(random.bipolar())
            let right = pinkRight.process(random.bipolar())
            brown = brown * 0.9985 + random.bipolar() * 0.02
            let rumble = rumbleLowPass.process(brown) * rumbleGain

            let ventLeft =
                ventLowPassLeft.process(ventBandLeft.process(common * 0.7 + left * 0.5)) * ventLevel
            let ventRight =
                ventLowPassRight.process(ventBandRight.process(common * 0.7 + right * 0.5)) * ventLevel
            let airLeft = airLowPassLeft.process(airHighPassLeft.process(left)) * airGain
            let airRight = airLowPassRight.process(airHighPassRight.process(right)) * airGain

            humPhase += humStep
            if humPhase >= 1 { humPhase -= 1 }
            fanPhase += fanStep
            if fanPhase >= 1 { fanPhase -= 1 }
            // Transformer hum lives mostly at twice the mains frequency.
            let humAngle: Float = 2 * Float.pi * humPhase
            let humWave: Float = 0.3 * sinf(humAngle) + sinf(2 * humAngle) + 0.4 * sinf(3 * humAngle)
            let hum = humWave * humGain
            let fanAngle: Float = 2 * Float.pi * fanPhase
            let fanWave: Float = sinf(fanAngle) + 0.35 * sinf(2 * fanAngle)
            let fan = fanWave * fanGain * (1 + ventWander * 2)

            let distant = nextDistantEvent(ratePerSecond: eventRatePerSecond) * eventGain
            let wet = room.process(distant + (airLeft + airRight) * 0.5)
            let bedLeft = rumble + ventLeft + airLeft + hum + fan + distant * 0.5
            let bedRight = rumble + ventRight + airRight + hum + fan * 0.9 + distant * 0.4
            output[frame * 2] = SoftCeiling.apply(dcBlockLeft.process(bedLeft + wet.left * wetGain))
            output[frame * 2 + 1] = SoftCeiling.apply(
                dcBlockRight.process(bedRight + wet.right * wetGain))
        }
    }

    /// A far-off door or a few footsteps, through a wall that passes only the lows.
    @inline(__always)
    private func nextDistantEvent(ratePerSecond: Float) -> Float {
        if framesUntilEvent <= 0 {
            eventIsDoor = random.unit() < 0.5
            eventSteps = eventIsDoor ? 1 : 3 + random.below(6)
            framesUntilStep = 0
            framesUntilEvent =
                Int(
                    random.exponentialInterval(ratePerSecond: ratePerSecond) * Float(AudioFormat.sampleRate))
                + AudioFormat.sampleRate * 4
        }
        framesUntilEvent -= 1
        if eventSteps > 0 {
            if framesUntilStep <= 0 {
                let isDoor = eventIsDoor
                stepEnvelope = 1
                stepDecay = isDoor ? 0.9993 : 0.9985
                stepGain = (isDoor ? 0.05 : 0.018) * random.uniform(0.6...1)
                thudMode.tune(
                    frequency: random.uniform(isDoor ? 55...80 : 80...120), decaySeconds: isDoor ? 0.35 : 0.12
                )
                framesUntilStep = Int(random.uniform(0.48...0.62) * Float(AudioFormat.sampleRate))
                eventSteps -= 1
            }
            framesUntilStep -= 1
        }
        guard stepEnvelope > 1e-4 else { return 0 }
        let burst = random.bipolar() * stepEnvelope
        stepEnvelope *= stepDecay
        return wallLowPass.process(thudMode.process(burst * 0.2) + burst * 0.3) * stepGain
    }
}

extension RoomTone {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "room-tone", variants: ["library", "room"],
        family: .places,
        summary: "the quiet air of a room: ventilation, low rumble, far-off building sounds",
        loudness: SoundLoudness(low: -29.5, middle: -25.0, high: -22.0)
    ) { variant, seed in
        RoomTone(variant: variant == "room" ? .room : .library, seed: seed)
    }
}
