import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A waterfall, close by or heard from down the valley.
///
/// A fall is the loudest, fullest water there is: a roar of broadband noise
/// from the deep thud of water landing in its pool to the hiss of spray,
/// nearly steady but never still — the falling sheet breaks up and comes
/// together, so the low thunder flutters quickly and the whole roar swells
/// slowly. Close by, a fizz of countless small bubbles and the spray's hiss
/// sit on top; from afar the air has taken the highs and only a soft, deep
/// roar is left. Intensity = how much water falls: a thin veil (0) to a
/// torrent (1), about 10 dB louder and deeper.
package final class Waterfall: LayerSource {
    package enum Distance: String, CaseIterable {
        case near, distant
    }

    private let distance: Distance
    private var roar: (NoiseBand, NoiseBand)
    private var thunder: (NoiseBand, NoiseBand)
    private var spray: (NoiseBand, NoiseBand)
    private var swell: SlowRandomWalk
    private var flutter: (SlowRandomWalk, SlowRandomWalk)
    private var random: Random
    private var fizzClock: PoissonClock
    private let bubbles = BubbleBank(capacity: 48, silenceThreshold: 2e-4)
    private var dcBlockers = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1

    /// Calibrated so intensity 0.5 measures about −24 LUFS; the definition's
    /// loudness figures level-match what is left.
    private var outputGain: Float { distance == .near ? 2.18 : 3.2 }

    package init(distance: Distance, seed: UInt64) {
        self.distance = distance
        var seeds = Random(seed: seed)
        let isNear = distance == .near
        let top: Float = isNear ? 12_000 : 3_800
        roar = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: top),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: top)
        )
        thunder = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 35, highHertz: 260),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 35, highHertz: 260)
        )
        spray = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 13_000),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 13_000)
        )
        swell = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1)
        flutter = (
            SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.09, glideSeconds: 0.03),
            SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.09, glideSeconds: 0.03)
        )
        random = Random(seed: seeds.childSeed())
        fizzClock = PoissonClock(seed: seeds.childSeed())
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let isNear = distance == .near
        let gain = outputGain
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.00005
            let volume = smoothedIntensity
            let level = 0.05 * powf(3.16, volume - 0.5)
            // The slow swell moves the whole roar by a few dB; the flutter is the sheet breaking up.
            let swelling = 0.7 + 0.6 * swell.next()
            let flutterLeft = flutter.0.next(), flutterRight = flutter.1.next()
            let depth = 0.6 + 0.6 * volume  // more water, more weight in the pool
            var left = roar.0.next() + thunder.0.next() * depth * (0.4 + 1.2 * flutterLeft)
            var right = roar.1.next() + thunder.1.next() * depth * (0.4 + 1.2 * flutterRight)
            if isNear {
                let hiss: Float = 0.18 * (0.7 + 0.6 * flutterRight)
                left += spray.0.next() * hiss
                right += spray.1.next() * hiss
                if fizzClock.tick(ratePerSecond: 1500 + 2500 * volume) {
                    // Sizes spread evenly over four octaves (0.4–6 mm, 7.5 kHz down to 500 Hz), each
                    // about as loud as the next, so the fizz is a spread, not a band.
                    let radius = 0.0004 * powf(15, random.unit())
                    let size = radius / 0.001
                    bubbles.triggerBubble(
                        radiusMetres: radius, gain: 0.05 * (0.3 + random.unit()) / (size * size.squareRoot()),
                        pan: 0.9 * random.bipolar(), chirpScale: 1 + random.unit())
                }
                let fizz = bubbles.nextFrame()
                left += fizz.left
                right += fizz.right
            }
            left = dcBlockers.0.process(left * level * swelling) * gain
            right = dcBlockers.1.process(right * level * swelling) * gain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Waterfall {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "waterfall", variants: Waterfall.Distance.allCases.map(\.rawValue), family: .water,
        summary: "a waterfall's roar, close by with its spray or from down the valley; intensity: a veil → a torrent",
        loudness: SoundLoudness(low: -28.4, middle: -24.2, high: -19.9),
        variantLoudness: ["distant": SoundLoudness(low: -27.9, middle: -23.6, high: -19.1)],
        makeSynthesizer: { variant, seed in
            Waterfall(distance: Waterfall.Distance(rawValue: variant) ?? .near, seed: seed)
        })
}
