import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A wall clock: tick, tock, exactly one second apart.
///
/// Each beat is the escapement striking — a sharp broadband impulse and two
/// smaller follow-up impacts a few milliseconds later (the pallet landing and
/// the wheel recoiling) — ringing a few inharmonic metal modes and the lower
/// modes of the wooden case, heard through the room. The tock is pitched a
/// little lower than the tick and strikes a little softer, as in a real
/// movement. The beat period is an integer number of samples, so onsets never
/// drift. Intensity is closeness: near is bright and dry, far is darker,
/// quieter and more reverberant.
package final class WallClock: LayerSource {
    private static let periodFrames = AudioFormat.sampleRate
    private static let metalFrequencies: [Float] = [2_150, 3_370, 4_910, 6_780, 9_120]
    private static let metalDecays: [Float] = [0.10, 0.08, 0.06, 0.045, 0.03]
    private static let caseFrequencies: [Float] = [395, 730, 1_180]
    private static let caseDecays: [Float] = [0.09, 0.06, 0.04]
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 0.48

    private var random: Random
    private var framesUntilBeat: Int
    private var isTick = true
    private var metalModes = [DampedMode](repeating: DampedMode(), count: 5)
    private var caseModes = [DampedMode](repeating: DampedMode(), count: 3)
    /// Frames into the current beat, driving its excitation bursts.
    private var beatAge = Int.max
    private var beatStrength: Float = 1
    private var subImpactFrames = (0, 0)
    private var excitationLowPass = Biquad(.lowPass, frequency: 2_500)
    private var brightness = Biquad(.lowPass, frequency: 9_000)
    private var dcBlockLeft = Biquad(.highPass, frequency: 20)
    private var dcBlockRight = Biquad(.highPass, frequency: 20)
    private let room = SmallRoomReverb(size: 0.5, decay: 0.55, damping: 0.5)
    private var closeness: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        // The first beat lands a quarter second in, so a render starts on silence.
        framesUntilBeat = Self.periodFrames / 4
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if closeness < 0 { closeness = target }
        closeness += (target - closeness) * 0.2
        brightness.set(.lowPass, frequency: 2_200 + 9_000 * closeness * closeness, q: 0.6)
        let dryGain = (0.35 + 0.9 * closeness) * Self.outputGain
        let wetGain = (2.0 - 1.2 * closeness) * Self.outputGain
        // A faint room floor, so the silence between beats is a room and not digital zero.
        let floorGain: Float = 0.00035

        for frame in 0..<frameCount {
            if framesUntilBeat == 0 { startBeat() }
            framesUntilBeat -= 1
            let excitation = nextExcitation()
            var metal: Float = 0
            for index in 0..<5 { metal += metalModes[index].process(excitation) }
            let lowExcitation = excitationLowPass.process(excitation)
            var wood: Float = 0
            for index in 0..<3 { wood += caseModes[index].process(lowExcitation) }
            let dry = brightness.process(metal * 0.5 + wood * 0.45 + excitation * 0.1)
            let wet = room.process(dry)
            let floorLeft = random.bipolar() * floorGain
            let floorRight = random.bipolar() * floorGain
            output[frame * 2] = SoftCeiling.apply(
                dcBlockLeft.process(dry * dryGain + wet.left * wetGain + floorLeft))
            output[frame * 2 + 1] = SoftCeiling.apply(
                dcBlockRight.process(dry * dryGain * 0.92 + wet.right * wetGain + floorRight))
        }
    }

    private func startBeat() {
        framesUntilBeat = Self.periodFrames
        let pitch: Float = isTick ? 1 : 0.93
        let jitter = 1 + random.bipolar() * 0.004
        for index in 0..<5 {
            metalModes[index].tune(
                frequency: Self.metalFrequencies[index] * pitch * jitter,
                decaySeconds: Self.metalDecays[index] * (isTick ? 1 : 1.1),
                // Random polarity per mode keeps the partials from all peaking together.
                amplitude: (isTick ? 1 : 0.85) * (random.unit() < 0.5 ? -1 : 1))
        }
        for index in 0..<3 {
            caseModes[index].tune(
                frequency: Self.caseFrequencies[index] * (isTick ? 1 : 0.96) * jitter,
                decaySeconds: Self.caseDecays[index],
                amplitude: random.unit() < 0.5 ? -1 : 1)
        }
        beatStrength = (isTick ? 1 : 0.88) * (1 + random.bipolar() * 0.06)
        subImpactFrames = (
            Int(Float(AudioFormat.sampleRate) * random.uniform(0.0035...0.0050)),
            Int(Float(AudioFormat.sampleRate) * random.uniform(0.0110...0.0150))
        )
        beatAge = 0
        isTick.toggle()
    }

    /// The strike: a 0.4 ms burst at the onset, then two smaller impacts.
    @inline(__always)
    private func nextExcitation() -> Float {
        guard beatAge < 1_200 else { return 0 }
        let age = beatAge
        beatAge += 1
        var value: Float = 0
        if age < 10 {
            value += (age == 0 ? 1 : random.bipolar() * 0.3) * beatStrength * (1 - Float(age) / 10)
        }
        let first = age - subImpactFrames.0
        if first >= 0 && first < 16 {
            value += random.bipolar() * beatStrength * 0.35 * (1 - Float(first) / 16)
        }
        let second = age - subImpactFrames.1
        if second >= 0 && second < 24 {
            value += random.bipolar() * beatStrength * 0.22 * (1 - Float(second) / 24)
        }
        return value
    }
}

extension WallClock {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "clock", variants: ["wall"],
        family: .things,
        summary: "a wall clock ticking once a second, tick and tock",
        loudness: SoundLoudness(low: -21.3, middle: -20.6, high: -19.4)
    ) { _, seed in
        WallClock(seed: seed)
    }
}
