import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Underwater: under the surface of a shallow sea, or deep down.
///
/// Water carries the lows and swallows the highs, and an ear under water
/// hears through a pressure change it is not built for: the world becomes a
/// deep, close rumble that rises and falls with the swell overhead, with
/// bubbles — large and slow to rise, so low in pitch — drifting past in
/// short strings, and in the shallows the far-off wash of the surf and the
/// faint crackle of life on the reef. Deep down the swell is slow and the
/// bubbles rare. Intensity = how much moves: a calm sea (0) to a rough one
/// (1), with more swell, more bubbles and a louder rush.
package final class Underwater: LayerSource {
    package enum Depth: String, CaseIterable {
        case sea, deep
    }

    private let depth: Depth
    private var rumble: (NoiseBand, NoiseBand)
    private var wash: (NoiseBand, NoiseBand)
    private var crackle: NoiseBand
    /// The faint hiss every recording under water carries above the muffled
    /// band (the water's own fizz and far snapping life), some 40 dB under the
    /// rumble: without it the top octaves are empty, as no real sea is.
    private var hiss: (NoiseBand, NoiseBand)
    private var swellPhase: Float
    private let swellSeconds: Float
    private var swellWander: SlowRandomWalk
    private var random: Random
    private var streamClock: PoissonClock
    private var crackleClock: PoissonClock
    private var crackleEnvelope: Float = 0
    private var bubblesLeft = 0
    private var bubbleCountdown = 0
    private var streamPan: Float = 0
    private var streamRadius: Float = 0.004
    private let bubbles = BubbleBank(capacity: 24)
    /// The water's own low-pass: nothing much above 1.5 kHz reaches the ear.
    private var muffle = (Biquad(.lowPass, frequency: 1_400, q: 0.6), Biquad(.lowPass, frequency: 1_400, q: 0.6))
    private var dcBlockers = (Biquad(.highPass, frequency: 22), Biquad(.highPass, frequency: 22))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Calibrated so intensity 0.5 measures about −24 LUFS; the definition's
    /// loudness figures level-match what is left.
    private var outputGain: Float { depth == .sea ? 5.3 : 6.8 }

    package init(depth: Depth, seed: UInt64) {
        self.depth = depth
        var seeds = Random(seed: seed)
        let isSea = depth == .sea
        rumble = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 25, highHertz: isSea ? 260 : 240),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 25, highHertz: isSea ? 260 : 240)
        )
        wash = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 150, highHertz: 900),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 150, highHertz: 900)
        )
        crackle = NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 600, highHertz: 2_500)
        random = Random(seed: seeds.childSeed())
        swellPhase = random.unit()
        swellSeconds = isSea ? 7 : 14
        swellWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 6, glideSeconds: 2)
        streamClock = PoissonClock(seed: seeds.childSeed())
        crackleClock = PoissonClock(seed: seeds.childSeed())
        hiss = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 1_500, highHertz: 9_000),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 1_500, highHertz: 9_000)
        )
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let isSea = depth == .sea
        let gain = outputGain
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.00005
            let motion = smoothedIntensity
            // The swell overhead: a slow, uneven rise and fall whose period and height wander.
            let wander = swellWander.next()
            swellPhase += 1 / (swellSeconds * (0.8 + 0.4 * wander) * Self.sampleRate)
            if swellPhase >= 1 { swellPhase -= 1 }
            let wave = 0.5 - 0.5 * cosf(2 * Float.pi * swellPhase)
            let swell = 1 + (0.4 + 0.9 * motion) * (wave * wave - 0.4) * (0.6 + 0.8 * wander)
            let level = 0.05 * powf(2.5, motion - 0.5)

            var left = rumble.0.next() * swell
            var right = rumble.1.next() * swell
            if isSea {
                // The surf far off, arriving with the swell.
                let surf = (0.25 + 0.35 * motion) * wave * wave
                left += wash.0.next() * surf
                right += wash.1.next() * surf
            }

            // Strings of bubbles drift past: a few large, slow, low ones each time.
            let streamsPerSecond: Float = (isSea ? 0.25 : 0.22) * (0.4 + 2 * motion)
            if bubblesLeft == 0, streamClock.tick(ratePerSecond: streamsPerSecond) {
                bubblesLeft = 3 + random.below(isSea ? 14 : 8)
                streamPan = 0.8 * random.bipolar()
                streamRadius = 0.003 + 0.007 * random.unit()
            }
            if bubblesLeft > 0 {
                bubbleCountdown -= 1
                if bubbleCountdown <= 0 {
                    bubblesLeft -= 1
                    let radius = streamRadius * (0.7 + 0.6 * random.unit())
                    bubbles.triggerBubble(
                        radiusMetres: radius, gain: 0.05 * (0.4 + random.unit()), pan: streamPan + 0.1 * random.bipolar(),
                        chirpScale: 2 + 2 * random.unit())
                    bubbleCountdown = Int((0.03 + 0.15 * random.unit()) * Self.sampleRate)
                }
            }
            let ring = bubbles.nextFrame()
            left += ring.left
            right += ring.right

            if isSea {
                // Reef life: faint, irregular crackle, already dulled by the water.
                if crackleClock.tick(ratePerSecond: 6 + 10 * motion) { crackleEnvelope = 0.5 * random.unit() }
                let snap = crackle.next() * crackleEnvelope
                crackleEnvelope *= 0.995
                left += snap * 0.6
                right += snap * 0.4
            }
            left = muffle.0.process(left)
            right = muffle.1.process(right)
            let hissLevel: Float = isSea ? 0.012 : 0.014
            left += hiss.0.next() * hissLevel
            right += hiss.1.next() * hissLevel
            left = dcBlockers.0.process(left * level) * gain
            right = dcBlockers.1.process(right * level) * gain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Underwater {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "underwater", variants: Underwater.Depth.allCases.map(\.rawValue), family: .water,
        summary: "under the surface of a shallow sea, or deep down: a muffled rumble, swell and bubbles; intensity: calm → rough",
        loudness: SoundLoudness(low: -26.7, middle: -23.4, high: -20.0),
        variantLoudness: ["deep": SoundLoudness(low: -27.7, middle: -23.9, high: -19.9)],
        makeSynthesizer: { variant, seed in Underwater(depth: Underwater.Depth(rawValue: variant) ?? .sea, seed: seed) })
}
