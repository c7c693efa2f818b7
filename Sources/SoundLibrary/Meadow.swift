import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A summer meadow: a breeze through tall grass, bees and flies droning past,
/// grasshoppers, and birds singing somewhere beyond the field.
///
/// The grass is a soft, wavering wash. A bee is a buzz — its wingbeat near
/// 200 Hz with a trail of harmonics — that swells as it comes close and fades
/// as it goes, its pitch bending as it passes (Doppler) and wandering as it
/// works. Grasshoppers scrape short trains of high, dry pulses. The birds are
/// the library's songbirds (see `Songbird`), set far off. Intensity = how
/// alive the field is: 0 = a still, quiet noon, 1 = a busy, breezy afternoon.
package final class Meadow: LayerSource {
    private var grass: (NoiseBand, NoiseBand)
    private var breeze: SlowRandomWalk
    private var birds: [Songbird]
    private var random: Random
    private var beeClock: PoissonClock
    private var hopperClock: PoissonClock
    // The bee passing now (one at a time is enough: a meadow's bees come and go).
    private var beeAge = 0
    private var beeLength = 0
    private var beePitch: Float = 200
    private var beePhase: Float = 0
    private var beePanFrom: Float = 0, beePanTo: Float = 0
    private var beeLevel: Float = 0
    private var beeWobble: SlowRandomWalk
    private var beeTone = (Biquad(.lowPass, frequency: 2_500), Biquad(.highPass, frequency: 120))
    // The grasshopper scraping now.
    private var hopperPulsesLeft = 0
    private var hopperCountdown = 0
    private var hopperPeriod = 2_400
    private var hopperEnvelope: Float = 0
    private var hopperPan = StereoPan.gains(0)
    private var hopperLevel: Float = 0
    private var hopperNoise: NoiseBand
    private var dcBlockers = (Biquad(.highPass, frequency: 30), Biquad(.highPass, frequency: 30))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 1.8

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        grass = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 250, highHertz: 6_000),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 250, highHertz: 6_000)
        )
        breeze = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1)
        let patterns: [Songbird.Pattern] = [.whistle, .warble, .chips, .twoNote]
        birds = patterns.enumerated().map { index, pattern in
            Songbird(
                seed: seeds.childSeed(), pattern: pattern, rank: index, distance: 0.85 + 0.15 * placer.unit(),
                pan: placer.bipolar() * 0.9)
        }
        random = Random(seed: seeds.childSeed())
        beeClock = PoissonClock(seed: seeds.childSeed())
        hopperClock = PoissonClock(seed: seeds.childSeed())
        beeWobble = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.3, glideSeconds: 0.1)
        hopperNoise = NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 5_000, highHertz: 14_000)
    }

    deinit {
        for bird in birds { bird.deallocate() }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let life = smoothedIntensity
            let air = breeze.next()
            let sway = 0.02 * (0.2 + 0.8 * life) * (0.5 + air * air)
            var left = grass.0.next() * sway
            var right = grass.1.next() * sway

            // A still field has one bird singing beyond it, a lively one four; at 1 + 3 × life
            // a still field already had two, and with songs that never repeat a pitch the
            // two were nearly as busy as four.
            let singing = 0.5 + 3.5 * life
            var song: (left: Float, right: Float) = (0, 0)
            for i in birds.indices {
                let s = birds[i].next(isInvited: Float(i) < singing, eagerness: 0.3 + 0.5 * life)
                song.left += s.left
                song.right += s.right
            }
            left += song.left * 0.35
            right += song.right * 0.35

            // A bee comes by: 1.5–5 s from one side to the other, closest in the middle.
            if beeLength == 0, beeClock.tick(ratePerSecond: 0.05 + 0.3 * life) {
                beeLength = Int(random.uniform(1.5...5) * Self.sampleRate)
                beeAge = 0
                beePitch = random.uniform(170...260)
                beePanFrom = random.bipolar()
                beePanTo = -beePanFrom * random.uniform(0.3...1)
                beeLevel = random.uniform(0.3...1)
            }
            if beeLength > 0 {
                let x = Float(beeAge) / Float(beeLength)
                let closeness = FastSine.value(atCycle: 0.5 * x)
                // Approaching it sounds higher, leaving lower; it also hums up and down as it works.
                let pitch = beePitch * (1.03 - 0.06 * x) * (0.92 + 0.16 * beeWobble.next())
                beePhase += pitch / Self.sampleRate
                if beePhase >= 1 { beePhase -= 1 }
                // A buzz: a bright pulse-like wave, its harmonics rolled off above 2.5 kHz.
                let p = beePhase
                let wave = FastSine.value(atCycle: p) + 0.6 * FastSine.value(atCycle: 2 * p)
                    + 0.45 * FastSine.value(atCycle: 3 * p) + 0.3 * FastSine.value(atCycle: 4 * p)
                    + 0.2 * FastSine.value(atCycle: 5 * p)
                let buzz = beeTone.1.process(beeTone.0.process(wave)) * 0.02 * beeLevel * closeness * closeness
                let pan = StereoPan.gains(beePanFrom + (beePanTo - beePanFrom) * x)
                left += buzz * pan.left
                right += buzz * pan.right
                beeAge += 1
                if beeAge >= beeLength { beeLength = 0 }
            }

            // A grasshopper scrapes a short train of dry pulses, 8–20 a second.
            if hopperPulsesLeft == 0, hopperClock.tick(ratePerSecond: 0.05 + 0.4 * life) {
                hopperPulsesLeft = 6 + random.below(20)
                hopperPeriod = Int(Self.sampleRate / random.uniform(8...20))
                hopperPan = StereoPan.gains(0.9 * random.bipolar())
                hopperLevel = random.uniform(0.004...0.012)
                hopperCountdown = 1
            }
            if hopperPulsesLeft > 0 {
                hopperCountdown -= 1
                if hopperCountdown <= 0 {
                    hopperPulsesLeft -= 1
                    hopperEnvelope = hopperLevel * random.uniform(0.7...1)
                    hopperCountdown = Int(Float(hopperPeriod) * random.uniform(0.9...1.1))
                }
            }
            let scrape = hopperNoise.next() * hopperEnvelope
            hopperEnvelope *= 0.9985
            left += scrape * hopperPan.left
            right += scrape * hopperPan.right

            left = dcBlockers.0.process(left) * Meadow.outputGain
            right = dcBlockers.1.process(right) * Meadow.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Meadow {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "meadow", variants: ["summer"], family: .nature,
        summary: "a summer meadow: a breeze in the grass, bees droning past, grasshoppers, far birds; intensity: still → lively",
        loudness: SoundLoudness(low: -26.4, middle: -26.2, high: -23.4),
        makeSynthesizer: { _, seed in Meadow(seed: seed) })
}
