import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A front-loading washing machine in the next room: the `wash` cycle, its
/// drum turning one way for several seconds, resting, turning back, with
/// the laundry lifting and falling through the water each turn; or the
/// `spin` cycle, the drum at speed, a steady rushing roar that throbs with
/// the load's imbalance.
///
/// In the wash the drum turns about once a second and each turn drops the
/// laundry back into the water: a splash of band-passed noise with bubbles
/// (`BubbleBank`) as the water closes, never at quite the same moment of
/// the turn; the motor hums under it, and a zip or button knocks the glass
/// now and then. In the spin, air and water rush through the drum's holes
/// (broadband noise whose brightness follows the speed), the imbalance
/// swells it once per revolution, and the cabinet rattles when it peaks.
/// Intensity: in the wash, the load (more water and laundry, bigger
/// splashes); in the spin, the speed (400 to 1400 rpm).
package final class WashingMachine: LayerSource {
    package enum Cycle: String, CaseIterable {
        case wash, spin
    }

    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.0

    private let cycle: Cycle
    private var random: Random
    private var motor: BrownNoise
    private var motorBand = Biquad(.bandPass, frequency: 160, q: 1.2)
    private var noiseLeft: PinkNoise
    private var noiseRight: PinkNoise
    private var rushBand = (Biquad(), Biquad())
    private var dcBlock = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private let room = SmallRoomReverb(size: 0.5, decay: 0.4, damping: 0.6)
    private var load: Float = -1

    // Wash: turning, resting, turning back.
    private var isTurning = true
    private var phaseFramesLeft: Int
    private var drumPhase: Float = 0
    private var splashAt: Float = 0.6
    private var splashEnvelope: Float = 0
    private var splashBand = Biquad()
    private let bubbles = BubbleBank(capacity: 32, silenceThreshold: 3e-4)
    private var knock = DampedMode()
    private var motorLevel: Float = 0
    private var waterLowPass = Biquad(.lowPass, frequency: 700, q: 0.6)
    /// The machine's door and the wall between: the highs of the splashes barely reach you.
    private var through = Biquad(.lowPass, frequency: 5_000, q: 0.6)

    // Spin: the drum's speed and its imbalance.
    private var revolutionsPerSecond: Float = 0
    private var imbalance: SlowRandomWalk
    private var rattle = Biquad(.bandPass, frequency: 1_800, q: 4)

    package init(cycle: Cycle, seed: UInt64) {
        self.cycle = cycle
        random = Random(seed: seed)
        motor = BrownNoise(seed: random.childSeed(), cornerHertz: 20)
        noiseLeft = PinkNoise(seed: random.childSeed())
        noiseRight = PinkNoise(seed: random.childSeed())
        imbalance = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 2, glideSeconds: 0.7)
        phaseFramesLeft = Int(random.uniform(4...10) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if load < 0 {
            load = target
            revolutionsPerSecond = 400 / 60 + 1_000 / 60 * target
        }
        // A drum changes speed over seconds.
        load += (target - load) * min(1, Float(frameCount) / (2 * Self.sampleRate))
        switch cycle {
        case .wash: renderWash(into: output, frameCount: frameCount)
        case .spin: renderSpin(into: output, frameCount: frameCount)
        }
    }

    private func renderWash(into output: UnsafeMutablePointer<Float>, frameCount: Int) {
        let turnsPerSecond: Float = 0.85
        let splashGain = (0.4 + 0.6 * load) * 0.12
        splashBand.set(.bandPass, frequency: 500 + 400 * load, q: 0.7)
        for frame in 0..<frameCount {
            phaseFramesLeft -= 1
            if phaseFramesLeft <= 0 {
                isTurning.toggle()
                phaseFramesLeft = Int((isTurning ? random.uniform(8...13) : random.uniform(2...4)) * Self.sampleRate)
            }
            motorLevel += ((isTurning ? 1 : 0) - motorLevel) * 0.0002
            var excite: Float = 0
            if isTurning {
                let previous = drumPhase
                drumPhase += turnsPerSecond / Self.sampleRate
                if drumPhase >= 1 { drumPhase -= 1 }
                // The laundry falls back somewhere past the top of each turn.
                if previous < splashAt && drumPhase >= splashAt {
                    splashEnvelope = random.uniform(0.5...1)
                    splashAt = random.uniform(0.45...0.8)
                    if random.unit() < 0.08 { excite = 0.3 }
                    for _ in 0..<(1 + random.below(4)) {
                        bubbles.triggerBubble(
                            radiusMetres: random.uniform(0.002...0.006), gain: 0.04 * (0.5 + load),
                            pan: random.uniform(-0.5...0.5))
                    }
                }
            }
            let white = random.bipolar()
            let splash = splashBand.process(white) * splashEnvelope * splashGain
            splashEnvelope *= 0.99985
            let hum = motorBand.process(motor.next()) * motorLevel * 0.05
            if excite > 0 { knock.tune(frequency: random.uniform(1_400...2_400), decaySeconds: 0.05, amplitude: 0.4) }
            let clack = knock.process(excite)
            // Even at rest the water settles and gurgles now and then.
            if !isTurning, random.unit() < 0.00003 {
                bubbles.triggerBubble(
                    radiusMetres: random.uniform(0.002...0.005), gain: 0.02, pan: random.uniform(-0.5...0.5))
            }
            let gurgle = bubbles.nextFrame()
            // The water swirling round with the drum, strongest as it is carried up.
            let swirl =
                waterLowPass.process(noiseLeft.next()) * (0.3 + 0.7 * motorLevel)
                * (0.75 + 0.25 * FastSine.value(atCycle: drumPhase)) * (0.02 + 0.02 * load)
            let dry = through.process(splash + hum + clack + swirl)
            let wet = room.process(dry + gurgle.left)
            output[2 * frame] = SoftCeiling.apply(
                dcBlock.0.process(dry + gurgle.left + wet.left * 0.4) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(
                dcBlock.1.process(dry * 0.95 + gurgle.right + wet.right * 0.4) * Self.outputGain)
        }
    }

    private func renderSpin(into output: UnsafeMutablePointer<Float>, frameCount: Int) {
        let targetRevolutions = 400 / 60 + 1_000 / 60 * load
        revolutionsPerSecond += (targetRevolutions - revolutionsPerSecond) * min(1, Float(frameCount) / Self.sampleRate)
        let speedShare = (revolutionsPerSecond - 400 / 60) / (1_000 / 60)
        rushBand.0.set(.bandPass, frequency: 500 + 1_500 * speedShare, q: 0.5)
        rushBand.1.set(.bandPass, frequency: 520 + 1_500 * speedShare, q: 0.5)
        let rushGain = (0.4 + 0.6 * speedShare) * 0.09
        motorBand.set(.bandPass, frequency: 120 + 80 * speedShare, q: 1.2)
        for frame in 0..<frameCount {
            drumPhase += revolutionsPerSecond / Self.sampleRate
            if drumPhase >= 1 { drumPhase -= 1 }
            // The load's imbalance swells the roar once a turn, more or less as the clothes shift.
            let wobble = imbalance.next()
            let throb = 1 + (0.15 + 0.35 * wobble) * FastSine.value(atCycle: drumPhase)
            let left = rushBand.0.process(noiseLeft.next()) * rushGain * throb
            let right = rushBand.1.process(noiseRight.next()) * rushGain * throb
            let hum = motorBand.process(motor.next()) * (0.5 + 0.5 * speedShare) * 0.08 * throb
            // At the top of a strong wobble the cabinet panels buzz.
            let buzz = rattle.process(random.bipolar()) * max(throb - 1.35, 0) * 0.2
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left + hum + buzz) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right + hum + buzz * 0.8) * Self.outputGain)
        }
    }
}

extension WashingMachine {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "washing-machine", variants: WashingMachine.Cycle.allCases.map(\.rawValue),
        family: .things,
        summary:
            "a washing machine: the wash, turning and splashing, or the spin's throbbing roar; intensity: the load or the speed",
        loudness: SoundLoudness(low: -27.5, middle: -23.8, high: -21.4),
        variantLoudness: ["spin": SoundLoudness(low: -25.4, middle: -21.0, high: -17.9)]
    ) { variant, seed in
        WashingMachine(cycle: WashingMachine.Cycle(rawValue: variant) ?? .wash, seed: seed)
    }
}
