import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thunder in a storm: strikes at random intervals, each heard from its own
/// distance.
///
/// A near strike is a sharp crack (short noise bursts through band-passes
/// from ≈80 Hz to 7 kHz), then a long roll of rumbling noise whose
/// brightness falls over time, echoes off the landscape from ≈0.2 s on, and
/// an ≈80 Hz boom that dies away over many seconds. Distance delays the
/// sound (d/343 s after the flash), removes the crack and low-passes the
/// roll ever more the farther it is. Between strikes only a faint low bed
/// remains. Intensity: 0 = distant (≈9–14 km), rare (≈ every 30 s);
/// 1 = overhead (≈0.3–1 km), frequent (≈ every 8 s).
package final class Thunder: LayerSource {
    private var random: Random
    private var voices: [ThunderStrike]
    private var bedNoise: BrownNoise
    private var bedFilter = Biquad(.lowPass, frequency: 70)
    /// The air's own faint hiss (≈ −100 dBFS above 3 kHz): no real storm is digital silence up there.
    private var airNoise: WhiteNoise
    private var airFilter = Biquad(.highPass, frequency: 3000)
    private var bedWander: SlowRandomWalk
    private let echoLine: DelayLine
    private var echoFilters = (Biquad(.lowPass, frequency: 1500), Biquad(.lowPass, frequency: 900))
    private var dcBlockers = (Biquad(.highPass, frequency: 22), Biquad(.highPass, frequency: 22))
    private var limiter = PeakLimiter(ceiling: 0.85, releaseSeconds: 0.3)
    private var samplesToNextFlash: Int
    private var smoothedIntensity: Float = -1
    private var firstStrike = true
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// Echo taps (seconds, gain, pan): reflections off hills and buildings.
    private static let echoTaps: [(delay: Int, gain: Float, toLeft: Float)] = [
        (Int(0.21 * sampleRate), 0.45, 0.8), (Int(0.47 * sampleRate), 0.38, 0.25),
        (Int(0.83 * sampleRate), 0.3, 0.65), (Int(1.37 * sampleRate), 0.24, 0.35),
        (Int(2.2 * sampleRate), 0.18, 0.6), (Int(3.1 * sampleRate), 0.12, 0.4),
    ]
    private static let outputGain: Float = 0.9

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        voices = (0..<3).map { _ in ThunderStrike(seed: seeds.childSeed()) }
        bedNoise = BrownNoise(seed: seeds.childSeed(), cornerHertz: 15)
        bedWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 6, glideSeconds: 3)
        airNoise = WhiteNoise(seed: seeds.childSeed())
        echoLine = DelayLine(maximumDelaySamples: Int(3.2 * Thunder.sampleRate))
        samplesToNextFlash = 0
    }

    /// Mean seconds between flashes at `intensity`.
    package static func meanSecondsBetweenStrikes(at intensity: Float) -> Float { 32 - 24 * intensity }

    /// Typical distance of strikes in metres at `intensity`.
    package static func typicalDistanceMetres(at intensity: Float) -> Float {
        let far = 1 - intensity
        return 400 + 11_000 * far * far
    }

    private func flash(intensity: Float) {
        let distance = Thunder.typicalDistanceMetres(at: intensity) * (0.8 + 0.4 * random.unit())
        var delaySeconds = distance / 343
        if firstStrike {
            // Let the first strike have happened before the layer starts, so
            // a scene does not open with half a minute of waiting.
            delaySeconds = 0.3 + 2 * random.unit()
            firstStrike = false
        }
        // Take a free voice, or the oldest one.
        var chosen = 0
        for i in voices.indices {
            if !voices[i].isSounding { chosen = i; break }
            if voices[i].ageSamples > voices[chosen].ageSamples { chosen = i }
        }
        voices[chosen].start(
            distanceMetres: distance, delaySamples: Int(delaySeconds * Thunder.sampleRate),
            pan: random.bipolar() * 0.7)
        let gap = max(4, random.exponentialInterval(ratePerSecond: 1 / Thunder.meanSecondsBetweenStrikes(at: intensity)))
        samplesToNextFlash = Int(gap * Thunder.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            samplesToNextFlash -= 1
            if samplesToNextFlash <= 0 { flash(intensity: smoothedIntensity) }

            var left: Float = 0
            var right: Float = 0
            for i in voices.indices where voices[i].isSounding {
                let sample = voices[i].next()
                left += sample.left
                right += sample.right
            }
            // Echoes: the landscape answers the strike, later, darker, wider.
            echoLine.write((left + right) * 0.5)
            var echoLeft: Float = 0
            var echoRight: Float = 0
            for tap in Thunder.echoTaps {
                let e = echoLine.read(delay: tap.delay) * tap.gain
                echoLeft += e * tap.toLeft
                echoRight += e * (1 - tap.toLeft)
            }
            left += echoFilters.0.process(echoLeft)
            right += echoFilters.1.process(echoRight)

            let bedLevel: Float = 0.0015 + 0.012 * smoothedIntensity
            let bed =
                bedFilter.process(bedNoise.next()) * bedLevel * (0.4 + 1.2 * bedWander.next())
                + airFilter.process(airNoise.next()) * 1.2e-5
            left += bed
            right += bed

            left = dcBlockers.0.process(left) * Thunder.outputGain
            right = dcBlockers.1.process(right) * Thunder.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Thunder {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "thunder", variants: ["storm"],
        family: .nature,
        summary: "thunder at random intervals; intensity: distant and rare → overhead and frequent",
        loudness: SoundLoudness(low: -28.1, middle: -21.9, high: -16.2),
        // 64 s at 0 down to 16 s at 1, 240 s in all: 12 s at 0.2 and 0.4 held no strike.
        eventPace: EventPace(eventsPerCorpusSegment: 2, meanSecondsBetweenEvents: Thunder.meanSecondsBetweenStrikes),
        makeSynthesizer: { _, seed in Thunder(seed: seed) })
}
