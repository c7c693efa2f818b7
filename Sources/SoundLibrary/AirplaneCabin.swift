import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sitting in an airliner's cabin at altitude: the deep, steady roar of air
/// rushing past the fuselage, the engines' drone under it, the hiss of the
/// air vents, and now and then a patch of turbulence or the seat-belt chime.
///
/// A cabin's sound is mostly boundary-layer noise: broadband, strongest from
/// about 60 to 500 Hz and falling steeply above 1 kHz, which is why it sounds
/// dark and enveloping. The two engines add a low drone whose partials beat
/// slowly because the engines never turn at quite the same speed. Turbulence
/// is a short swell of the low rumble with the overhead bins rattling. The
/// chime is the two-note "bing-bong" of the cabin's loudspeakers, a few times
/// an hour. Intensity is engine power and the air: a smooth, quiet descent at
/// 0, a climb at full power through light chop at 1 — louder, brighter and
/// bumpier.
package final class AirplaneCabin: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 0.78
    private static let sampleRate = Float(AudioFormat.sampleRate)

    private var random: Random
    private var roarCommon: PinkNoise
    private var roarLeft: PinkNoise
    private var roarRight: PinkNoise
    private var rumble: BrownNoise
    private var roarLowPass = (Biquad(), Biquad(), Biquad(), Biquad())
    private var rumbleLowPass = Biquad(.lowPass, frequency: 90, q: 0.6)
    private var ventBand = (Biquad(), Biquad())
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    /// The air's slow breathing: the roar is never quite steady.
    private var breathing: SlowRandomWalk
    /// How far apart the two engines turn, which sets their beat.
    private var engineMismatch: SlowRandomWalk
    private var enginePhases: (Float, Float) = (0, 0)
    private let engineFrequency: Float
    private var power: Float = -1

    // Turbulence: a swell of the rumble, shaken a few times a second, and rattling bins.
    private var framesUntilBump: Int
    private var bumpEnvelope: Float = 0
    private var bumpTarget: Float = 0
    private var bumpFramesLeft = 0
    private var shake: SlowRandomWalk
    private var rattleModes = (DampedMode(), DampedMode())
    private var rattleBurst = 0
    private var framesUntilRattle = 0

    // The seat-belt chime.
    private var framesUntilChime: Int
    private var chimeNotes = (DampedMode(), DampedMode(), DampedMode(), DampedMode())
    private var framesUntilSecondNote = -1
    private let cabin = SmallRoomReverb(size: 0.4, decay: 0.3, damping: 0.7)

    package init(seed: UInt64) {
        random = Random(seed: seed)
        roarCommon = PinkNoise(seed: random.childSeed())
        roarLeft = PinkNoise(seed: random.childSeed())
        roarRight = PinkNoise(seed: random.childSeed())
        rumble = BrownNoise(seed: random.childSeed(), cornerHertz: 8)
        breathing = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 4, glideSeconds: 1.2)
        engineMismatch = SlowRandomWalk(
            seed: random.childSeed(), meanIntervalSeconds: 20, glideSeconds: 5)
        shake = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 0.15, glideSeconds: 0.05)
        // Under the 88 Hz edge of the lowest band measured, as the real cabin's 80 Hz hum.
        engineFrequency = random.uniform(72...86)
        framesUntilBump = Int(random.uniform(4...25) * Self.sampleRate)
        framesUntilChime = Int(random.uniform(20...200) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if power < 0 { power = target }
        // Thrust changes over seconds.
        power += (target - power) * min(1, Float(frameCount) / (1.5 * Self.sampleRate))
        // The real cabin (Sounds/airplane/jet-cabin.ogg) keeps 500 Hz at −13 dB of its
        // energy and 1 kHz at −23 dB: the roar falls away from a few hundred hertz
        // (a cut-off of 380–900 Hz put 1 kHz at −12…−19 dB).
        let roarCutoff = 260 + 200 * power
        roarLowPass.0.set(.lowPass, frequency: roarCutoff, q: 0.55)
        roarLowPass.1.set(.lowPass, frequency: roarCutoff * 1.05, q: 0.55)
        roarLowPass.2.set(.lowPass, frequency: roarCutoff * 2.2, q: 0.6)
        roarLowPass.3.set(.lowPass, frequency: roarCutoff * 2.3, q: 0.6)
        ventBand.0.set(.bandPass, frequency: 3_200, q: 0.5)
        ventBand.1.set(.bandPass, frequency: 3_500, q: 0.5)
        let roarGain = (0.35 + 0.65 * power) * 0.11
        // The sub-90 Hz rumble is so narrow that its 10 ms level swings through zero
        // (1–2 "events" a second, 6 dB jumps, where the real cabin has none): it is
        // felt more than heard, so keep it well under the roar and the engines' hum.
        let rumbleGain = (0.5 + 0.6 * power) * 0.012
        let ventGain: Float = 0.002 + 0.002 * power
        // The engines' hum is what a real cabin is built on (Sounds/airplane/jet-cabin.ogg
        // holds an 80 Hz tone well over its roar): it steadies the level, where a roar
        // of low noise alone jumps 6 dB from one 10 ms frame to the next.
        let engineGain = (0.4 + 0.6 * power) * 0.3
        let bumpRate = 0.03 + 0.12 * power
        let breathingDepth = 0.1 + 0.12 * power
        let gain = Self.outputGain

        for frame in 0..<frameCount {
            let common = roarCommon.next()
            let left = roarLeft.next()
            let right = roarRight.next()
            let breath = 1 + breathingDepth * (breathing.next() * 2 - 1)
            // Two cascaded low-passes give the roar its steep fall above the cut-off.
            let roarLeftSample = roarLowPass.2.process(roarLowPass.0.process(common * 0.7 + left * 0.7))
            let roarRightSample = roarLowPass.3.process(roarLowPass.1.process(common * 0.7 + right * 0.7))

            let bump = nextBumpLevel(ratePerSecond: bumpRate)
            let shaking = 1 + bump * 0.6 * (shake.next() * 2 - 1)
            let low = rumbleLowPass.process(rumble.next()) * rumbleGain * (1 + bump * 3) * shaking

            let mismatch = 0.002 + 0.01 * engineMismatch.next()
            enginePhases.0 += engineFrequency / Self.sampleRate
            enginePhases.1 += engineFrequency * (1 + mismatch) / Self.sampleRate
            if enginePhases.0 >= 1 { enginePhases.0 -= 1 }
            if enginePhases.1 >= 1 { enginePhases.1 -= 1 }
            // Pure hum: a second partial at 150–190 Hz stood out as a steady line the
            // real cabin does not have. The far engine is the quieter one, so their
            // beat swells the hum a little instead of nulling it (the real cabin's
            // level spreads 1.4 dB).
            let engine =
                (FastSine.value(atCycle: enginePhases.0) + 0.15 * FastSine.value(atCycle: enginePhases.1)) * engineGain

            let rattle = nextRattle(bump: bump)
            let chime = nextChime()
            let wet = cabin.process(chime + rattle)
            // The buffeting air lifts the whole roar, over the engines' hum: the swell is
            // what chop sounds like (the narrow sub-90 Hz rumble alone, raised that far,
            // jumps 6 dB from one 10 ms frame to the next).
            let roarLevel = roarGain * breath * (1 + 2.5 * bump)
            var outLeft = roarLeftSample * roarLevel + low + engine
            var outRight = roarRightSample * roarLevel + low + engine * 0.95
            outLeft += ventBand.0.process(left) * ventGain + rattle * 0.8 + chime + wet.left * 0.6
            outRight += ventBand.1.process(right) * ventGain + rattle * 0.6 + chime + wet.right * 0.6
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(outLeft) * gain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(outRight) * gain)
        }
    }

    /// The turbulence envelope, 0 in smooth air: a patch of chop rises in a
    /// fraction of a second, lasts a few seconds and dies away.
    @inline(__always)
    private func nextBumpLevel(ratePerSecond: Float) -> Float {
        framesUntilBump -= 1
        if framesUntilBump <= 0 {
            // Calm air at low power lets most chances of chop pass by.
            if random.unit() < power {
                bumpTarget = random.uniform(0.4...1)
                bumpFramesLeft = Int(random.uniform(1...5) * Self.sampleRate)
            }
            framesUntilBump =
                bumpFramesLeft
                + Int(random.exponentialInterval(ratePerSecond: ratePerSecond) * Self.sampleRate)
        }
        if bumpFramesLeft > 0 {
            bumpFramesLeft -= 1
            bumpEnvelope += (bumpTarget - bumpEnvelope) * 0.0002
        } else {
            bumpEnvelope *= 0.99995
        }
        return bumpEnvelope
    }

    /// Overhead bins and trolley latches knocking while the cabin shakes.
    @inline(__always)
    private func nextRattle(bump: Float) -> Float {
        if bump > 0.15 {
            framesUntilRattle -= 1
            if framesUntilRattle <= 0 {
                rattleModes.0.tune(
                    frequency: random.uniform(1_400...2_600), decaySeconds: 0.05, amplitude: 1)
                rattleModes.1.tune(
                    frequency: random.uniform(3_000...4_800), decaySeconds: 0.03, amplitude: 0.6)
                rattleBurst = 24
                framesUntilRattle = Int(
                    random.exponentialInterval(ratePerSecond: 2 + 10 * bump) * Self.sampleRate)
            }
        }
        var excitation: Float = 0
        if rattleBurst > 0 {
            excitation = random.bipolar() * bump * 0.01
            rattleBurst -= 1
        }
        return rattleModes.0.process(excitation) + rattleModes.1.process(excitation)
    }

    /// The cabin loudspeaker's two-note chime: a high note, then a lower one.
    @inline(__always)
    private func nextChime() -> Float {
        framesUntilChime -= 1
        var excitation: (Float, Float) = (0, 0)
        if framesUntilChime <= 0 {
            let pitch = random.uniform(0.97...1.03)
            chimeNotes.0.tune(frequency: 1_046 * pitch, decaySeconds: 2.2, amplitude: 1)
            chimeNotes.1.tune(frequency: 2_092 * pitch, decaySeconds: 1.2, amplitude: 0.25)
            chimeNotes.2.tune(frequency: 831 * pitch, decaySeconds: 2.6, amplitude: 1)
            chimeNotes.3.tune(frequency: 1_662 * pitch, decaySeconds: 1.4, amplitude: 0.25)
            excitation.0 = 0.05
            framesUntilSecondNote = Int(0.55 * Self.sampleRate)
            framesUntilChime = Int(
                (60 + random.exponentialInterval(ratePerSecond: 1 / 240)) * Self.sampleRate)
        }
        if framesUntilSecondNote >= 0 {
            if framesUntilSecondNote == 0 { excitation.1 = 0.05 }
            framesUntilSecondNote -= 1
        }
        return chimeNotes.0.process(excitation.0) + chimeNotes.1.process(excitation.0)
            + chimeNotes.2.process(excitation.1) + chimeNotes.3.process(excitation.1)
    }
}

extension AirplaneCabin {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "airplane", variants: ["cabin"],
        family: .places,
        summary:
            "an airliner's cabin in flight: deep roar, engine drone, a bump or a chime now and then; intensity: engine power and turbulence",
        loudness: SoundLoudness(low: -21.6, middle: -17.4, high: -14.5)
    ) { _, seed in
        AirplaneCabin(seed: seed)
    }
}
