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
    private static let metalDecays: [Float] = [0.05, 0.035, 0.03, 0.025, 0.02]
    private static let metalLevels: [Float] = [1, 0.3, 0.25, 0.12, 0.08]
    /// How far each metal mode wanders from beat to beat. The lowest keeps the
    /// tick above the tock; the others move enough that no partial recurs at one
    /// frequency, which a spectrum over seconds would show as a held whistle that
    /// a real movement does not make.
    private static let metalJitter: [Float] = [0.01, 0.08, 0.09, 0.1, 0.1]
    private static let caseFrequencies: [Float] = [330, 520, 800]
    private static let caseDecays: [Float] = [0.05, 0.04, 0.03]
    /// Faint clicks of the gear train and the room between beats, per second: a
    /// recorded clock is never silent between its ticks.
    private static let clatterPerSecond: Float = 5
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
    /// Frames into the current clatter click, and its strength.
    private var clatterAge = Int.max
    private var clatterStrength: Float = 0
    private var excitationLowPass = Biquad(.lowPass, frequency: 2_500)
    private var brightness = Biquad(.lowPass, frequency: 9_000)
    /// The strike's own noise carries the top octaves, as in a recorded tick: ringing
    /// modes up there recur beat after beat and add up to a held whistle.
    private var clickShelf = Biquad(.highShelf(gainDecibels: 14), frequency: 5_000)
    private var floorHighPass = Biquad(.highPass, frequency: 300)
    private var floorLowPass = Biquad(.lowPass, frequency: 9_000)
    private var clatterBand = Biquad(.bandPass, frequency: 2_000, q: 0.7)
    private var dcBlockLeft = Biquad(.highPass, frequency: 150)
    private var dcBlockRight = Biquad(.highPass, frequency: 150)
    private let room = SmallRoomReverb(size: 0.5, decay: 0.55, damping: 0.5)
    private var closeness: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        // The first beat lands a quarter second in, so a render starts on the room.
        framesUntilBeat = Self.periodFrames / 4
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if closeness < 0 { closeness = target }
        closeness += (target - closeness) * 0.2
        brightness.set(.lowPass, frequency: 6_800 + 9_000 * closeness * closeness, q: 0.6)
        floorLowPass.set(.lowPass, frequency: 4_000 + 8_000 * closeness, q: 0.7)
        // A far tick is mostly its short room tail, so it is lifted more to keep
        // the sound's loudness at each distance what it has been.
        let levelGain = Self.outputGain * powf(10, (8.9 - 6.9 * closeness) / 20)
        let dryGain = (0.35 + 0.9 * closeness) * levelGain
        let wetGain = (0.5 - 0.25 * closeness) * levelGain
        // The room's hush and the movement's clatter sit 30–45 dB under a tick, as
        // in a recording of a clock indoors; the nearer the clock, the further its
        // tick stands out of the room.
        let floorGain = powf(10, (-30 - 15 * closeness) / 20) * dryGain
        let clatterChance = Self.clatterPerSecond / Float(AudioFormat.sampleRate)

        for frame in 0..<frameCount {
            if framesUntilBeat == 0 { startBeat() }
            framesUntilBeat -= 1
            if clatterAge == Int.max, random.unit() < clatterChance {
                clatterAge = 0
                clatterStrength = random.uniform(0.06...0.09)
            }
            let excitation = nextExcitation()
            var metal: Float = 0
            for index in 0..<5 { metal += metalModes[index].process(excitation) }
            let lowExcitation = excitationLowPass.process(excitation)
            var wood: Float = 0
            for index in 0..<3 { wood += caseModes[index].process(lowExcitation) }
            let dry = brightness.process(metal * 0.45 + wood * 0.4 + clickShelf.process(excitation) * 1.1)
            let wet = room.process(dry)
            let clatter = clatterBand.process(nextClatter())
            let floor = (floorLowPass.process(floorHighPass.process(random.bipolar())) + clatter) * floorGain
            let floorRight = random.bipolar() * floorGain * 0.15
            output[frame * 2] = SoftCeiling.apply(
                dcBlockLeft.process(dry * dryGain + wet.left * wetGain + floor + floorRight))
            output[frame * 2 + 1] = SoftCeiling.apply(
                dcBlockRight.process(dry * dryGain * 0.92 + wet.right * wetGain + floor - floorRight))
        }
    }

    private func startBeat() {
        framesUntilBeat = Self.periodFrames
        let pitch: Float = isTick ? 1 : 0.93
        for index in 0..<5 {
            let jitter = 1 + random.bipolar() * Self.metalJitter[index]
            metalModes[index].tune(
                frequency: Self.metalFrequencies[index] * pitch * jitter,
                decaySeconds: Self.metalDecays[index] * (isTick ? 1 : 1.1),
                // Random polarity per mode keeps the partials from all peaking together.
                amplitude: Self.metalLevels[index] * (isTick ? 1 : 0.85) * (random.unit() < 0.5 ? -1 : 1))
        }
        for index in 0..<3 {
            caseModes[index].tune(
                frequency: Self.caseFrequencies[index] * (isTick ? 1 : 0.96) * (1 + random.bipolar() * 0.06),
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

    /// The strike: a 3 ms burst at the onset, then two smaller impacts.
    @inline(__always)
    private func nextExcitation() -> Float {
        guard beatAge < 1_200 else { return 0 }
        let age = beatAge
        beatAge += 1
        var value: Float = 0
        if age < 144 {
            let fade = 1 - Float(age) / 144
            value += (age == 0 ? 1 : random.bipolar() * 0.45 * fade * fade) * beatStrength
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

    /// One faint rattle of the movement: 20 ms of noise, rounded at both ends,
    /// standing some 10 dB out of the room: heard, and never mistaken for a tick.
    @inline(__always)
    private func nextClatter() -> Float {
        guard clatterAge < 960 else {
            clatterAge = Int.max
            return 0
        }
        let shape = sinf(Float.pi * Float(clatterAge) / 960)
        clatterAge += 1
        return random.bipolar() * clatterStrength * 60 * shape
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
