import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Aboard a starship on a long voyage: the engines' deep, slowly beating
/// drone, the rumble of the drive through the hull, the life-support air,
/// and now and then a console's soft chirp or the hull ticking as it cools.
///
/// This is the one place sound that is meant to hold steady tones: film
/// spaceships hum. The drone is a few low partials in detuned pairs, so
/// they beat slowly (every few seconds) and the hum breathes; a band of
/// noise sweeps gently under it like a plasma flow; the whole is heard
/// through the hull, which keeps the lows and the low mids. Intensity is
/// the drive: idling in orbit at 0 (quieter, lower), full burn at 1
/// (louder, higher, more rumble).
package final class SpaceshipHum: LayerSource {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.0
    /// Drone partials relative to the base (a fifth and octaves), each with a detuned twin.
    private static let partialRatios: [Float] = [1, 1.5, 2, 3, 4]
    private static let partialLevels: [Float] = [1, 0.55, 0.5, 0.25, 0.15]

    private var random: Random
    private var phases: [Float]
    private var twinPhases: [Float]
    private var twinDetune: [Float]
    private let baseHertz: Float
    private var pitch: Float = 1
    private var power: Float = -1
    private var breathing: SlowRandomWalk
    private var flowSweep: SlowRandomWalk
    private var flow = (PinkNoise(seed: 1), PinkNoise(seed: 2))
    private var flowBand = (Biquad(), Biquad())
    private var rumble: BrownNoise
    private var rumbleLowPass = Biquad(.lowPass, frequency: 70, q: 0.7)
    private var lifeSupport = (PinkNoise(seed: 3), PinkNoise(seed: 4))
    private var lifeSupportLowPass = (
        Biquad(.lowPass, frequency: 1_800, q: 0.6), Biquad(.lowPass, frequency: 1_900, q: 0.6)
    )
    private var hull = Biquad(.lowPass, frequency: 900, q: 0.6)

    private var framesUntilChirp: Int
    private var chirpFramesLeft = 0
    private var chirpPhase: Float = 0
    private var chirpHertz: Float = 1_200
    private var framesUntilTick: Int
    private var tick = DampedMode()
    private var tickExcitation: Float = 0
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))

    package init(seed: UInt64) {
        random = Random(seed: seed)
        baseHertz = random.uniform(38...46)
        phases = Self.partialRatios.map { _ in 0 }
        twinPhases = Self.partialRatios.map { _ in 0 }
        twinDetune = Self.partialRatios.map { _ in 0 }
        for index in 0..<Self.partialRatios.count {
            phases[index] = random.unit()
            twinPhases[index] = random.unit()
            // A beat every 2–8 seconds.
            twinDetune[index] = random.uniform(0.12...0.5)
        }
        breathing = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 6, glideSeconds: 2)
        flowSweep = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 5, glideSeconds: 2.5)
        flow = (PinkNoise(seed: random.childSeed()), PinkNoise(seed: random.childSeed()))
        lifeSupport = (PinkNoise(seed: random.childSeed()), PinkNoise(seed: random.childSeed()))
        rumble = BrownNoise(seed: random.childSeed(), cornerHertz: 8)
        framesUntilChirp = Int(random.uniform(5...30) * Self.sampleRate)
        framesUntilTick = Int(random.uniform(2...15) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if power < 0 { power = target }
        // The drive spools up and down over a few seconds.
        power += (target - power) * min(1, Float(frameCount) / (3 * Self.sampleRate))
        pitch = 1 + 0.3 * power
        let droneGain = (0.4 + 0.6 * power) * 0.05
        let flowGain = (0.3 + 0.7 * power) * 0.03
        let rumbleGain = (0.2 + 0.8 * power) * 0.12
        let lifeSupportGain: Float = 0.008
        let sweep = flowSweep.next()
        flowBand.0.set(.bandPass, frequency: (180 + 320 * sweep) * pitch, q: 1.5)
        flowBand.1.set(.bandPass, frequency: (200 + 320 * sweep) * pitch, q: 1.5)

        for frame in 0..<frameCount {
            let breath = 0.85 + 0.3 * breathing.next()
            var drone: Float = 0
            for index in 0..<Self.partialRatios.count {
                let hertz = baseHertz * Self.partialRatios[index] * pitch
                phases[index] += hertz / Self.sampleRate
                twinPhases[index] += (hertz + twinDetune[index]) / Self.sampleRate
                if phases[index] >= 1 { phases[index] -= 1 }
                if twinPhases[index] >= 1 { twinPhases[index] -= 1 }
                drone +=
                    (FastSine.value(atCycle: phases[index]) + FastSine.value(atCycle: twinPhases[index]))
                    * Self.partialLevels[index]
            }
            drone = hull.process(drone) * droneGain * breath
            let plasmaLeft = flowBand.0.process(flow.0.next()) * flowGain
            let plasmaRight = flowBand.1.process(flow.1.next()) * flowGain
            let low = rumbleLowPass.process(rumble.next()) * rumbleGain
            let airLeft = lifeSupportLowPass.0.process(lifeSupport.0.next()) * lifeSupportGain
            let airRight = lifeSupportLowPass.1.process(lifeSupport.1.next()) * lifeSupportGain
            let console = nextConsoleSample()
            let left = drone + plasmaLeft + low + airLeft + console.left
            let right = drone * 0.95 + plasmaRight + low + airRight + console.right
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right) * Self.outputGain)
        }
    }

    /// A console's soft two-tone chirp now and then, and the hull ticking.
    @inline(__always)
    private func nextConsoleSample() -> (left: Float, right: Float) {
        framesUntilChirp -= 1
        if framesUntilChirp <= 0 {
            chirpFramesLeft = Int(0.16 * Self.sampleRate)
            chirpHertz = random.uniform(900...1_600)
            framesUntilChirp = Int((6 + random.exponentialInterval(ratePerSecond: 1 / 25)) * Self.sampleRate)
        }
        var chirp: Float = 0
        if chirpFramesLeft > 0 {
            chirpFramesLeft -= 1
            // Two short notes, the second a fourth up.
            let secondNote = chirpFramesLeft < Int(0.08 * Self.sampleRate)
            chirpPhase += chirpHertz * (secondNote ? 1.335 : 1) / Self.sampleRate
            if chirpPhase >= 1 { chirpPhase -= 1 }
            let position = Float(chirpFramesLeft % Int(0.08 * Self.sampleRate)) / (0.08 * Self.sampleRate)
            chirp = FastSine.value(atCycle: chirpPhase) * sinf(Float.pi * position) * 0.006
        }
        framesUntilTick -= 1
        if framesUntilTick <= 0 {
            tick.tune(frequency: random.uniform(600...1_400), decaySeconds: 0.08, amplitude: 1)
            tickExcitation = random.uniform(0.2...1) * 0.02
            framesUntilTick = Int(random.exponentialInterval(ratePerSecond: 0.15) * Self.sampleRate)
        }
        let ticking = tick.process(tickExcitation)
        tickExcitation = 0
        return (chirp * 0.6 + ticking * 0.8, chirp + ticking * 0.5)
    }
}

extension SpaceshipHum {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "spaceship", variants: ["engine"],
        family: .things,
        summary:
            "aboard a starship: the engines' deep beating drone, the drive's rumble, life support, a console's chirp; intensity: the drive",
        loudness: SoundLoudness(low: -30.3, middle: -26.2, high: -23.3)
    ) { _, seed in
        SpaceshipHum(seed: seed)
    }
}
