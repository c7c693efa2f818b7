import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blizzard: out in the open, or heard from inside a cabin.
///
/// A blizzard is wind with snow in it. One gust signal drives everything: a
/// deep roaring body whose band opens and brightens as the gust builds, a
/// howl — a narrow band of noise that rises and falls in pitch with the
/// wind, as air tears round edges — and the snow itself, a fine hiss of ice
/// grains with the odd harder tick. From inside, the walls take the highs:
/// the roar is dull, the howl comes through the gaps, snow ticks on the
/// glass, and the window shudders in the strongest gusts. Intensity = the
/// storm's strength: 0 = steady snow in a stiff wind, 1 = a white-out gale.
package final class Blizzard: LayerSource {
    package enum Place: String, CaseIterable {
        case open, cabin
    }

    private let place: Place
    private var body: (NoiseBand, NoiseBand)
    private var howlNoise: (WhiteNoise, WhiteNoise)
    private var howlBands = (Biquad(), Biquad(), Biquad(), Biquad())
    private var snow: (NoiseBand, NoiseBand)
    private var gusts: SlowRandomWalk
    private var flurry: SlowRandomWalk
    private var random: Random
    private var tickClock: PoissonClock
    private var tickEnvelope: Float = 0
    private var tickPan = StereoPan.gains(0)
    private var tickNoise: NoiseBand
    private var pane = (DampedMode(frequency: 95, decaySeconds: 0.12), DampedMode(frequency: 210, decaySeconds: 0.08))
    private var rattleCountdown = 0
    private var rattlesLeft = 0
    private var walls = (Biquad(.lowPass, frequency: 1_200, q: 0.6), Biquad(.lowPass, frequency: 1_200, q: 0.6))
    private var controlCountdown = 0
    /// The roar's tilt in the open: a gale's energy falls about 6 dB an octave
    /// above 250 Hz (a recorded one is 30 dB down by 8 kHz).
    private var tilt: (Float, Float) = (0, 0)
    /// The gale buffeting the listener's ears in the open: short surges of the
    /// roar, several a second, as a recording outdoors in a gale has.
    private var buffetClock: PoissonClock
    private var buffetAge = Int.max
    private var buffetHeight: Float = 0
    private var wind: Float = 0
    private var dcBlockers = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let tiltCoefficient = 1 - expf(-2 * Float.pi * 250 / sampleRate)
    private static let buffetFrames = Int(0.025 * sampleRate)

    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private var outputGain: Float { place == .open ? 4.0 : 2.2 }

    package init(place: Place, seed: UInt64) {
        self.place = place
        var seeds = Random(seed: seed)
        body = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: 800),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: 800)
        )
        howlNoise = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
        snow = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 12_000),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 12_000)
        )
        gusts = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 1.3, glideSeconds: 0.35)
        flurry = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.25, glideSeconds: 0.06)
        random = Random(seed: seeds.childSeed())
        tickClock = PoissonClock(seed: seeds.childSeed())
        tickNoise = NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 2_500, highHertz: 9_000)
        buffetClock = PoissonClock(seed: seeds.childSeed())
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let inside = place == .cabin
        // The open storm's roar is mostly under 250 Hz, which the loudness meter
        // weighs lightly, and keeps its floor between gusts: this keeps its played
        // loudness at every strength where the stored figures put it.
        let openTrim = powf(10, (-7.7 + 7.25 * smoothedIntensity) / 20)
        let gain = inside ? outputGain : outputGain * openTrim
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.00005
            let storm = smoothedIntensity
            let gust = gusts.next()
            controlCountdown -= 1
            if controlCountdown <= 0 {
                controlCountdown = 32
                // Wind speed 0…1: a floor that rises with the storm, and gusts on top.
                // In the open the gusts swell a roar that never drops out: a
                // recorded gale's level spreads under 8 dB.
                wind =
                    inside
                    ? min(1, (0.25 + 0.45 * storm) + (0.25 + 0.35 * storm) * (gust * 1.6 - 0.5))
                    : min(1, (0.3 + 0.45 * storm) + (0.26 + 0.1 * storm) * (gust * 1.6 - 0.5))
                let top = inside ? 500 + 2_500 * wind : 2_500 + 6_000 * wind
                body.0.retune(lowHertz: 70, highHertz: top)
                body.1.retune(lowHertz: 70, highHertz: top * 1.1)
                // The howl's pitch follows the wind, one side a little behind the other.
                // In the open it swings with each gust, as a recorded gale's does (its
                // 250 Hz–1.5 kHz centre moves by some 47 Hz from one 0.17 s to the next).
                let howl = inside ? 280 + 900 * wind : 220 + 1_100 * gust
                howlBands.0.set(.bandPass, frequency: howl, q: 9)
                howlBands.1.set(.bandPass, frequency: howl * 1.5, q: 12)
                howlBands.2.set(.bandPass, frequency: howl * 0.97, q: 9)
                howlBands.3.set(.bandPass, frequency: howl * 1.46, q: 12)
            }
            let level = 0.06 * (0.08 + wind * wind * sqrtf(wind))
            let howlWind = inside ? wind : min(wind, 0.8)
            let howlLevel = (inside ? 2.5 : 7.5) * howlWind * howlWind * howlWind
            var bodyLeft = body.0.next(), bodyRight = body.1.next()
            if !inside {
                tilt.0 += Self.tiltCoefficient * (bodyLeft - tilt.0)
                tilt.1 += Self.tiltCoefficient * (bodyRight - tilt.1)
                bodyLeft = tilt.0 * 3
                bodyRight = tilt.1 * 3
                if buffetAge == Int.max, buffetClock.tick(ratePerSecond: 4 + 4 * storm) {
                    buffetAge = 0
                    buffetHeight = 1.2 + 1.2 * random.unit()
                }
                if buffetAge < Self.buffetFrames {
                    let surge = 1 + buffetHeight * sinf(Float.pi * Float(buffetAge) / Float(Self.buffetFrames))
                    bodyLeft *= surge
                    bodyRight *= surge
                    buffetAge += 1
                } else {
                    buffetAge = Int.max
                }
            }
            var left = bodyLeft + howlLevel * (howlBands.0.process(howlNoise.0.next()) + 0.5 * howlBands.1.process(howlNoise.0.next()))
            var right = bodyRight + howlLevel * (howlBands.2.process(howlNoise.1.next()) + 0.5 * howlBands.3.process(howlNoise.1.next()))
            // Snow: a fine hiss that flurries with the wind.
            let hiss = (inside ? 0.3 + 0.4 * storm : 0.045 + 0.01 * storm) * wind * (0.6 + 0.8 * flurry.next())
            let snowLeft = snow.0.next() * hiss, snowRight = snow.1.next() * hiss
            left *= level
            right *= level
            // Harder grains tick: on the glass when inside.
            if tickClock.tick(ratePerSecond: (inside ? 3 : 15) * (0.3 + wind)) {
                tickEnvelope = (inside ? 0.02 : 0.003) * (0.3 + random.unit())
                tickPan = StereoPan.gains(0.9 * random.bipolar())
            }
            let tick = tickNoise.next() * tickEnvelope
            tickEnvelope *= 0.985
            if inside {
                left = walls.0.process(left + snowLeft * level * 0.3) * 2.5
                right = walls.1.process(right + snowRight * level * 0.3) * 2.5
                // The window shudders in the strongest gusts: a few quick knocks.
                if rattlesLeft == 0, wind > 0.75, random.unit() < 0.00004 { rattlesLeft = 2 + random.below(5) }
                var knock: Float = 0
                if rattlesLeft > 0 {
                    rattleCountdown -= 1
                    if rattleCountdown <= 0 {
                        rattlesLeft -= 1
                        knock = 0.006 * (0.5 + random.unit())
                        rattleCountdown = Int((0.04 + 0.08 * random.unit()) * Self.sampleRate)
                    }
                }
                let shudder = pane.0.process(knock) + 0.6 * pane.1.process(knock)
                left += shudder
                right += shudder * 0.8
            } else {
                left += snowLeft * level
                right += snowRight * level
            }
            left += tick * tickPan.left
            right += tick * tickPan.right
            left = dcBlockers.0.process(left) * gain
            right = dcBlockers.1.process(right) * gain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Blizzard {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "blizzard", variants: Blizzard.Place.allCases.map(\.rawValue), family: .nature,
        summary: "a blizzard: howling wind full of snow, out in the open or heard from inside a cabin; intensity: snow → white-out",
        loudness: SoundLoudness(low: -37.6, middle: -28.7, high: -20.5),
        variantLoudness: ["cabin": SoundLoudness(low: -36.2, middle: -29.0, high: -23.1)],
        makeSynthesizer: { variant, seed in Blizzard(place: Blizzard.Place(rawValue: variant) ?? .open, seed: seed) })
}
