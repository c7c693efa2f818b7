import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Riding in a train carriage on jointed track: the low roar of wheels and
/// body, and the clack-clack of each bogie's two axles crossing every rail
/// joint, rhythm and loudness set by the speed.
///
/// The geometry is a real one: 25 m rails, axles 2.5 m apart in a bogie,
/// bogies 17 m apart. The carriage's travelled distance is integrated sample
/// by sample and each axle clacks when it passes a multiple of the rail
/// length, so the pair spacing (2.5 m / v) and the joint period (25 m / v)
/// always agree with the speed, even while it changes. The bogie under the
/// listener is loud and close; the far one is softer and darker. The body
/// sways slowly, swinging the roar's level and stereo image. Intensity is
/// speed: about 30 km/h at 0 to 120 km/h at 1.
package final class TrainCarriage: LayerSource {
    private static let railLength: Float = 25
    /// Axle positions behind the carriage's reference point, in metres, and how loud each is.
    private static let axleOffsets: [Float] = [0, 2.5, 17, 19.5]
    private static let axleGains: [Float] = [1, 0.9, 0.42, 0.38]
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 1.4
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// One wheel striking a rail joint: a short thump ringing the bogie and floor.
    private struct Clack {
        var envelope: Float = 0
        var strength: Float = 0
        var age = 0
        var darkness: Float = 0
        var modes = (DampedMode(), DampedMode(), DampedMode())
        var lowPass = Biquad(.lowPass, frequency: 2_000)
    }

    private var random: Random
    private var distance: Float = 0
    private var jointIndices: [Int]
    private var clacks: [Clack]
    private var speed: Float = -1
    private var brown: Float = 0
    private var roarLowLeft = Biquad(.lowPass, frequency: 110, q: 0.8)
    private var roarLowRight = Biquad(.lowPass, frequency: 120, q: 0.8)
    private var rollingBand = Biquad(.bandPass, frequency: 400, q: 0.8)
    private var rollingBandRight = Biquad(.bandPass, frequency: 430, q: 0.8)
    private var bodyResonance = Biquad(.bandPass, frequency: 55, q: 3)
    private var airHiss = Biquad(.bandPass, frequency: 2_500, q: 0.5)
    private var pinkLeft = KelletPinkNoise()
    private var pinkRight = KelletPinkNoise()
    private var swayPhase: Float = 0
    private var swayRate: Float = 0.45
    private var sway: Float = 0
    private var swayWobble: Float = 0
    private var framesUntilControl = 0
    private var dcBlockLeft = Biquad(.highPass, frequency: 20)
    private var dcBlockRight = Biquad(.highPass, frequency: 20)

    package init(seed: UInt64) {
        random = Random(seed: seed)
        // Start partway along a rail so the first clack does not land on sample zero.
        distance = random.uniform(3...20)
        jointIndices = Self.axleOffsets.map { _ in 0 }
        clacks = [Clack](repeating: Clack(), count: Self.axleOffsets.count)
        for axle in 0..<Self.axleOffsets.count {
            jointIndices[axle] = Int(floorf((distance - Self.axleOffsets[axle]) / Self.railLength))
            let far = axle >= 2
            clacks[axle].darkness = far ? 1 : 0
            clacks[axle].lowPass.set(.lowPass, frequency: far ? 900 : 2_400, q: 0.7)
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        let targetSpeed = 8 + 25 * target  // m/s: ≈ 30 to 120 km/h
        if speed < 0 { speed = targetSpeed }
        // A train changes speed over seconds, not at once.
        let blockSeconds = Float(frameCount) / Self.sampleRate
        speed += (targetSpeed - speed) * min(blockSeconds / 2, 1)
        let speedShare = (speed - 8) / 25
        let metresPerFrame = speed / Self.sampleRate
        let roarGain = (0.5 + 0.5 * speedShare) * 0.16 * Self.outputGain
        let rollingGain = (0.25 + 0.75 * speedShare * speedShare) * 0.35 * Self.outputGain
        let hissGain = (0.2 + 0.8 * speedShare) * 0.01 * Self.outputGain
        let clackGain = (0.6 + 0.4 * speedShare) * 1.0 * Self.outputGain
        rollingBand.set(.bandPass, frequency: 300 + 400 * speedShare, q: 0.6)
        rollingBandRight.set(.bandPass, frequency: 320 + 400 * speedShare, q: 0.6)

        for frame in 0..<frameCount {
            distance += metresPerFrame
            for axle in 0..<Self.axleOffsets.count {
                let joint = Int(floorf((distance - Self.axleOffsets[axle]) / Self.railLength))
                if joint != jointIndices[axle] {
                    jointIndices[axle] = joint
                    strike(axle, speedShare: speedShare)
                }
            }
            if distance > 10_000 {
                // Keep Float precision: shift distance and joints back by whole rails.
                distance -= 10_000
                for axle in 0..<Self.axleOffsets.count { jointIndices[axle] -= 400 }
            }

            if framesUntilControl == 0 {
                framesUntilControl = 256
                swayWobble += (random.bipolar() * 0.3 - swayWobble) * 0.05
            }
            framesUntilControl -= 1
            swayPhase += swayRate * (1 + swayWobble) / Self.sampleRate
            if swayPhase >= 1 { swayPhase -= 1 }
            sway = sinf(2 * Float.pi * swayPhase)

            brown = brown * 0.998 + random.bipolar() * 0.03
            let whiteLeft = random.bipolar()
            let whiteRight = random.bipolar()
            let left = pinkLeft.process(whiteLeft)
            let right = pinkRight.process(whiteRight)
            let body = bodyResonance.process(brown) * 1.5
            let roarLeft = (roarLowLeft.process(brown + left * 0.1) + body) * roarGain * (1 + 0.12 * sway)
            let roarRight = (roarLowRight.process(brown + right * 0.1) + body) * roarGain * (1 - 0.12 * sway)
            let rollLeft = rollingBand.process(left) * rollingGain * (1 + 0.08 * sway)
            let rollRight = rollingBandRight.process(right) * rollingGain * (1 - 0.08 * sway)
            let hiss = airHiss.process(whiteLeft + whiteRight) * hissGain

            var clackSum: Float = 0
            for axle in 0..<Self.axleOffsets.count where clacks[axle].envelope > 1e-4 || clacks[axle].strength > 0 {
                clackSum += nextClackSample(axle)
            }
            clackSum *= clackGain
            output[frame * 2] = SoftCeiling.apply(dcBlockLeft.process(roarLeft + rollLeft + hiss + clackSum))
            output[frame * 2 + 1] = SoftCeiling.apply(
                dcBlockRight.process(roarRight + rollRight + hiss * 0.9 + clackSum * 0.95))
        }
    }

    private func strike(_ axle: Int, speedShare: Float) {
        var clack = clacks[axle]
        clack.envelope = 1
        clack.age = 0
        clack.strength = Self.axleGains[axle] * random.uniform(0.8...1.05)
        let far = clack.darkness > 0
        clack.modes.0.tune(frequency: random.uniform(70...95), decaySeconds: 0.18, amplitude: 1)
        clack.modes.1.tune(frequency: random.uniform(210...260), decaySeconds: 0.09, amplitude: -0.7)
        clack.modes.2.tune(
            frequency: random.uniform(1_100...1_500), decaySeconds: 0.03 + 0.02 * speedShare,
            amplitude: far ? 0.1 : 0.35)
        clacks[axle] = clack
    }

    /// The impact: a 2 ms pulse rings the bogie's and floor's modes with a
    /// steady weight every time, and a rattling noise burst of about 14 ms time
    /// constant gives the clack its edge.
    @inline(__always)
    private func nextClackSample(_ axle: Int) -> Float {
        var rattle: Float = 0
        var thump: Float = 0
        if clacks[axle].envelope > 1e-4 {
            rattle = random.bipolar() * clacks[axle].envelope * clacks[axle].strength
            if clacks[axle].age < 96 {
                thump = sinf(Float.pi * Float(clacks[axle].age) / 96) * clacks[axle].strength / 96
            }
            clacks[axle].age += 1
            clacks[axle].envelope *= 0.9985
        } else {
            clacks[axle].envelope = 0
            clacks[axle].strength = 0
        }
        let ring =
            clacks[axle].modes.0.process(thump) * 0.8 + clacks[axle].modes.1.process(thump)
            + clacks[axle].modes.2.process(thump + rattle * 0.05)
        return clacks[axle].lowPass.process(ring * 0.5 + rattle * 0.9)
    }
}

extension TrainCarriage {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "train", variants: ["carriage"],
        family: .places,
        summary: "inside a train carriage: low roar and the clack-clack of rail joints",
        loudness: SoundLoudness(low: -26.5, middle: -22.1, high: -17.2)
    ) { _, seed in
        TrainCarriage(seed: seed)
    }
}
