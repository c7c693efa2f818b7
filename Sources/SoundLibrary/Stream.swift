import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A babbling brook.
///
/// Babble is bubbles: water tumbling over stones traps air, and each pocket
/// rings as a Minnaert resonance with the drop model's upward chirp. A
/// handful of "spots" across the stereo field (a riffle, a little fall, an
/// eddy) each have their own bubble sizes and a rate that comes in fast,
/// irregular clusters; under them runs a broadband rush (real brooks are a
/// full wash from 150 Hz to past 10 kHz, the bubbles on top, never a gurgle alone).
/// Intensity = flow: 0 = a trickle (≈150 bubbles/s, small, high), 1 = a
/// rushing stream (≈2500/s, larger, deeper, with a louder rush).
package final class Stream: LayerSource {
    /// One place in the stream that babbles in its own voice.
    private struct Spot {
        var pan: Float
        var radiusScale: Float
        var share: Float
        var babble: SlowRandomWalk
    }

    private var random: Random
    private var spots: [Spot]
    private let bubbles = BubbleBank(capacity: 96, silenceThreshold: 1e-3)
    private var flowWhite: (WhiteNoise, WhiteNoise)
    private var flowPink = (KelletPinkNoise(), KelletPinkNoise())
    private var flowFilters = (Biquad(), Biquad(), Biquad(), Biquad())
    private var flowWander: SlowRandomWalk
    /// Splash: the bright spray over the stones.
    private var splashWhite: (WhiteNoise, WhiteNoise)
    private var splashFilters = (Biquad(.bandPass, frequency: 4000, q: 0.5), Biquad(.bandPass, frequency: 4400, q: 0.5))
    private var dcBlockers = (Biquad(.highPass, frequency: 30), Biquad(.highPass, frequency: 30))
    private var limiter = PeakLimiter()
    private var countdowns: [Int]
    private var controlCountdown = 0
    private var flowGain: Float = 0
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let outputGain: Float = 0.7

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        var made: [Spot] = []
        for i in 0..<5 {
            let pan = -0.8 + 1.6 * Float(i) / 4 + 0.15 * random.bipolar()
            made.append(
                Spot(
                    pan: pan, radiusScale: 0.6 + 0.9 * random.unit(), share: 0.5 + random.unit(),
                    babble: SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.12, glideSeconds: 0.03)))
        }
        spots = made
        countdowns = Array(repeating: 1, count: made.count)
        flowWhite = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
        flowWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 2, glideSeconds: 0.8)
        splashWhite = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
    }

    /// Bubbles per second at `intensity`: 150 (trickle) … 2500 (rush).
    package static func bubblesPerSecond(at intensity: Float) -> Float { 150 * powf(16.7, intensity) }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let totalShare = spots.reduce(0) { $0 + $1.share }
        for frame in 0..<frameCount {
            controlCountdown -= 1
            if controlCountdown <= 0 {
                controlCountdown = 64
                smoothedIntensity += (target - smoothedIntensity) * 0.01
                let flow = smoothedIntensity
                let wander = flowWander.next()
                // More flow is deeper: the rush's top comes down from 8 to 6 kHz.
                let top = 8000 - 2000 * flow + 600 * wander
                flowFilters.0.set(.lowPass, frequency: top, q: 0.6)
                flowFilters.1.set(.lowPass, frequency: top * 1.1, q: 0.6)
                flowFilters.2.set(.highPass, frequency: 150, q: 0.6)
                flowFilters.3.set(.highPass, frequency: 150, q: 0.6)
                flowGain = (0.05 + 0.2 * flow) * (0.85 + 0.3 * wander)
            }
            let flow = smoothedIntensity
            let rate = Stream.bubblesPerSecond(at: flow)
            // Each spot babbles in clusters: its rate swings fast between near-silence and bursts.
            for s in spots.indices {
                let b = spots[s].babble.next()
                countdowns[s] -= 1
                if countdowns[s] <= 0 {
                    let spotRate = rate * spots[s].share / totalShare * (0.4 + 1.2 * b)
                    countdowns[s] = Int(random.exponentialInterval(ratePerSecond: spotRate) * Stream.sampleRate) + 1
                    // Mostly small pockets, a few big gulps; bigger ones as the flow grows.
                    let u = random.unit()
                    let radius = (0.0005 + (0.0012 + 0.0012 * flow) * u * u * u) * spots[s].radiusScale
                    let level = (0.02 + 0.032 * random.unit()) * powf(rate / 600, -0.2)
                    bubbles.triggerBubble(
                        radiusMetres: radius, gain: level, pan: spots[s].pan + 0.2 * random.bipolar(),
                        chirpScale: 1 + random.unit())
                }
            }
            let ring = bubbles.nextFrame()
            let rushLeft = flowFilters.2.process(flowFilters.0.process(flowPink.0.process(flowWhite.0.next())))
            let rushRight = flowFilters.3.process(flowFilters.1.process(flowPink.1.process(flowWhite.1.next())))
            let splash = 0.8 * flowGain
            var left = ring.left + rushLeft * flowGain + splashFilters.0.process(splashWhite.0.next()) * splash
            var right = ring.right + rushRight * flowGain + splashFilters.1.process(splashWhite.1.next()) * splash
            left = dcBlockers.0.process(left) * Stream.outputGain
            right = dcBlockers.1.process(right) * Stream.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Stream {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "stream", variants: ["brook"],
        family: .water,
        summary: "a babbling brook; intensity: trickle → rushing",
        loudness: SoundLoudness(low: -27.5, middle: -21.2, high: -16.7),
        makeSynthesizer: { _, seed in Stream(seed: seed) })
}
