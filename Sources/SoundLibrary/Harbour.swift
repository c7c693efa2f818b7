import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A harbour with boats at their moorings: small waves slapping and
/// gurgling against hulls and the quay, mooring lines creaking as the boats
/// rock, a hull knocking on its fender, halyards ringing against masts, and
/// far out a ship's horn.
///
/// The boats rock with the swell, one slow random sway (4–8 s a cycle) that
/// drives the slaps, creaks and knocks, so they come in loose groups the
/// way they do on a real quay, never on a beat. A slap is a short burst of
/// band-passed noise with bubbles (`BubbleBank`) as the water falls back;
/// a creak is stick-slip friction of rope on a cleat: a jittery pulse train
/// of a few hundred hertz through the wood's resonance. Intensity is the
/// weather: a still morning with a few lazy laps at 0, a choppy, breezy
/// harbour at 1.
package final class Harbour: LayerSource {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// The synthesizer's own level; the definition's loudness figures level-match it.
    private static let outputGain: Float = 1.0
    private static let washHertz: Float = 120
    private static let washLevel: Float = 0.12
    private static let lapLevel: Float = 0.02

    private var random: Random
    private var swell: SlowRandomWalk
    private var washLeft: PinkNoise
    private var washRight: PinkNoise
    private var washLowPass = (Biquad(), Biquad())
    private var breeze: PinkNoise
    private var breezeBand = Biquad()
    /// Real harbour water carries little over 6 kHz (8 kHz at −27.8 dB).
    private var lapLowPass = (Biquad(.lowPass, frequency: 5_000, q: 0.6), Biquad(.lowPass, frequency: 5_000, q: 0.6))
    private let bubbles = BubbleBank(capacity: 48, silenceThreshold: 3e-4)

    // Slaps of water on hulls and stone.
    private var framesUntilSlap: Int
    private var slapEnvelope: Float = 0
    private var slapDecay: Float = 0.999
    private var slapBand = Biquad()
    private var slapLowPass = Biquad(.lowPass, frequency: 7_000, q: 0.6)
    private var splash = Biquad(.highPass, frequency: 1_800, q: 0.6)
    private var slapAttack: Float = 0
    private var sprayLowPasses = (Biquad(.lowPass, frequency: 5_000, q: 0.6), Biquad(.lowPass, frequency: 5_000, q: 0.6))
    private var slapPan: (left: Float, right: Float) = (0.7, 0.7)
    private var bubblesLeftInSlap = 0

    // A mooring line creaking.
    private var framesUntilCreak: Int
    private var creakFrames = 0
    private var creakAge = 0
    private var creakPhase: Float = 0
    private var creakPitch: Float = 300
    private var creakBand = Biquad()
    private var creakBody = Biquad()
    private var creakPan: (left: Float, right: Float) = (0.7, 0.7)

    // A hull knocking on its fender, and halyards ringing on masts.
    private var framesUntilKnock: Int
    private var knock = DampedMode()
    private var knockBurst = 0
    private var framesUntilHalyard: Int
    private var halyard = (DampedMode(), DampedMode())
    private var halyardStrike: Float = 0

    private var horn = Horn()
    private var framesUntilHorn: Int
    private let distance = SmallRoomReverb(size: 1.6, decay: 0.6, damping: 0.7)
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var weather: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        swell = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1.2)
        washLeft = PinkNoise(seed: random.childSeed())
        washRight = PinkNoise(seed: random.childSeed())
        breeze = PinkNoise(seed: random.childSeed())
        breezeBand.set(.bandPass, frequency: 1_800, q: 0.7)
        framesUntilSlap = Int(random.uniform(0.2...1) * Self.sampleRate)
        framesUntilCreak = Int(random.uniform(1...6) * Self.sampleRate)
        framesUntilKnock = Int(random.uniform(3...12) * Self.sampleRate)
        framesUntilHalyard = Int(random.uniform(1...8) * Self.sampleRate)
        framesUntilHorn = Int(random.uniform(40...200) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if weather < 0 { weather = target }
        weather += (target - weather) * min(1, Float(frameCount) / Self.sampleRate)
        // A real port (Sounds/harbour/port.ogg) keeps most of its energy in a low
        // rumble under 180 Hz, little at 500 Hz (−16.6 dB) and a broad 1–4 kHz lap
        // and chatter of water (−12…−15 dB): the wash is that rumble, the breeze band that lap.
        washLowPass.0.set(.lowPass, frequency: Self.washHertz + 40 * weather, q: 0.6)
        washLowPass.1.set(.lowPass, frequency: Self.washHertz + 50 * weather, q: 0.6)
        let washGain = (0.5 + 0.5 * weather) * Self.washLevel
        let breezeGain = (0.2 + 1.2 * weather) * Self.lapLevel
        let slapRate = 0.6 + 3.4 * weather
        let creakRate = 0.08 + 0.3 * weather
        let knockRate = 0.03 + 0.15 * weather
        let halyardRate = weather * weather * 1.5

        for frame in 0..<frameCount {
            // The boats' sway: everything that knocks or creaks does so more as they roll.
            let roll = swell.next()
            let rocking = 0.3 + 1.4 * roll

            framesUntilSlap -= 1
            if framesUntilSlap <= 0 {
                startSlap(strength: rocking)
                framesUntilSlap = Int(random.exponentialInterval(ratePerSecond: slapRate * rocking) * Self.sampleRate)
            }
            framesUntilCreak -= 1
            if framesUntilCreak <= 0 {
                if creakAge >= creakFrames { startCreak(strength: rocking) }
                framesUntilCreak = Int(
                    (0.5 + random.exponentialInterval(ratePerSecond: creakRate * rocking)) * Self.sampleRate)
            }
            framesUntilKnock -= 1
            if framesUntilKnock <= 0 {
                knock.tune(frequency: random.uniform(70...130), decaySeconds: 0.25, amplitude: 1)
                knockBurst = 200
                framesUntilKnock = Int(
                    (1 + random.exponentialInterval(ratePerSecond: knockRate * rocking)) * Self.sampleRate)
            }
            framesUntilHalyard -= 1
            if framesUntilHalyard <= 0 {
                halyard.0.tune(frequency: random.uniform(1_800...2_600), decaySeconds: 0.5, amplitude: 1)
                halyard.1.tune(frequency: random.uniform(4_300...5_500), decaySeconds: 0.25, amplitude: 0.5)
                halyardStrike = random.uniform(0.2...1) * 0.004
                framesUntilHalyard = Int(
                    (0.3 + random.exponentialInterval(ratePerSecond: max(halyardRate, 0.02))) * Self.sampleRate)
            }

            var left = washLowPass.0.process(washLeft.next()) * washGain * (0.6 + 0.6 * roll)
            var right = washLowPass.1.process(washRight.next()) * washGain * (0.6 + 0.6 * roll)
            let air = lapLowPass.1.process(lapLowPass.0.process(breezeBand.process(breeze.next()))) * breezeGain
            left += air
            right += air * 0.9

            if slapEnvelope > 1e-4 {
                // The body of the water's slap, and the bright spray of its splash.
                let white = random.bipolar()
                let spray = sprayLowPasses.1.process(sprayLowPasses.0.process(splash.process(white)))
                let slap = (slapLowPass.process(slapBand.process(white)) + spray * 0.9) * slapEnvelope * slapAttack
                slapAttack = min(slapAttack + 0.004, 1)
                slapEnvelope *= slapDecay
                left += slap * slapPan.left
                right += slap * slapPan.right
                // As the slap's water falls back it traps bubbles.
                if bubblesLeftInSlap > 0, random.unit() < 0.004 {
                    bubblesLeftInSlap -= 1
                    bubbles.triggerBubble(
                        radiusMetres: random.uniform(0.0015...0.005), gain: 0.05 * slapEnvelope,
                        pan: random.uniform(-0.6...0.6))
                }
            }
            let bubbling = bubbles.nextFrame()
            left += bubbling.left
            right += bubbling.right

            if creakAge < creakFrames {
                let creak = nextCreakSample()
                left += creak * creakPan.left
                right += creak * creakPan.right
            }
            var knockExcitation: Float = 0
            if knockBurst > 0 {
                knockExcitation = random.bipolar() * 0.06
                knockBurst -= 1
            }
            let thud = knock.process(knockExcitation) * 0.5
            let ring = halyard.0.process(halyardStrike) + halyard.1.process(halyardStrike)
            halyardStrike = 0
            left += thud + ring * 0.7
            right += thud * 0.8 + ring

            framesUntilHorn -= 1
            if framesUntilHorn <= 0 {
                horn.start(
                    random: &random, pitch: random.uniform(75...140), secondNoteRatio: 1,
                    seconds: random.uniform(2...4.5), loudness: 0.03, pan: random.uniform(-0.5...0.5),
                    brightness: 700)
                framesUntilHorn = Int((90 + random.exponentialInterval(ratePerSecond: 1 / 150)) * Self.sampleRate)
            }
            if horn.isSounding {
                // Heard across the water: mostly its echo off the far shore.
                let blast = horn.next()
                let far = distance.process(blast.left + blast.right)
                left += blast.left * 0.3 + far.left
                right += blast.right * 0.3 + far.right
            } else {
                let tail = distance.process(0)
                left += tail.left
                right += tail.right
            }
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right) * Self.outputGain)
        }
    }

    private func startSlap(strength: Float) {
        slapEnvelope = min(strength, 1.4) * random.uniform(0.2...1) * 0.09
        slapDecay = 1 - 1 / (random.uniform(0.08...0.3) * Self.sampleRate)
        slapAttack = 0
        slapBand.set(.bandPass, frequency: random.uniform(700...2_800), q: random.uniform(0.7...1.5))
        let pan = StereoPan.gains(random.uniform(-0.9...0.9))
        slapPan = (pan.left, pan.right)
        bubblesLeftInSlap = 2 + random.below(6)
    }

    private func startCreak(strength: Float) {
        creakFrames = Int(random.uniform(0.3...1.2) * Self.sampleRate)
        creakAge = 0
        creakPitch = random.uniform(180...520)
        creakBand.set(.bandPass, frequency: random.uniform(600...1_600), q: 2)
        creakBody.set(.bandPass, frequency: random.uniform(250...450), q: 3)
        let pan = StereoPan.gains(random.uniform(-0.8...0.8))
        let level = min(strength, 1.4) * random.uniform(0.4...1)
        creakPan = (pan.left * level, pan.right * level)
    }

    /// Stick-slip: a jittery pulse train whose rate rises and falls as the line takes the strain.
    @inline(__always)
    private func nextCreakSample() -> Float {
        let position = Float(creakAge) / Float(creakFrames)
        creakAge += 1
        let envelope = sinf(Float.pi * position)
        creakPhase += creakPitch * (0.8 + 0.4 * position) * (1 + 0.3 * random.bipolar()) / Self.sampleRate
        var pulse: Float = 0
        if creakPhase >= 1 {
            creakPhase -= 1
            pulse = 1
        }
        let excitation = pulse + random.bipolar() * 0.1
        return (creakBand.process(excitation) + creakBody.process(excitation) * 0.3) * envelope * 0.05
    }
}

extension Harbour {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "harbour", variants: ["moorings"],
        family: .places,
        summary:
            "boats at their moorings: water lapping at hulls, creaking lines, ringing halyards, a far ship's horn; intensity: calm to choppy",
        loudness: SoundLoudness(low: -28.1, middle: -24.6, high: -22.0)
    ) { _, seed in
        Harbour(seed: seed)
    }
}
