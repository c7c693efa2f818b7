import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A singing bowl struck with a padded mallet now and then, left to ring.
///
/// A bowl's partials are not harmonic: roughly 1, 2.7, 5.1 and 8.2 times the
/// fundamental, the higher ones dying much sooner. Each partial is a pair of
/// modes a fraction of a hertz apart (the bowl is never perfectly round), and
/// their beating gives the slow "wah" a real bowl has. The mallet's soft
/// burst excites them; a small room carries the tail. Strikes come every 10 s
/// (intensity 1) to 30 s (intensity 0), before the last has died away, each a
/// little softer or harder, so the sound swells and settles rather than pulsing.
package final class SingingBowl: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 1.4
    private static let rate = Float(AudioFormat.sampleRate)
    private static let ratios: [Float] = [1, 2.71, 5.12, 8.21]
    private static let decaySeconds: [Float] = [40, 18, 8, 3.5]
    private static let amplitudes: [Float] = [1, 0.55, 0.3, 0.14]

    private var random: Random
    private let fundamental: Float
    /// Two modes per partial, for each channel: the doublets beat differently left and right.
    private var modesLeft = [DampedMode](repeating: DampedMode(), count: 8)
    private var modesRight = [DampedMode](repeating: DampedMode(), count: 8)
    private var malletLowPass = Biquad(.lowPass, frequency: 1_600)
    private let room = SmallRoomReverb(size: 0.7, decay: 0.7, damping: 0.4)
    private var dcBlock = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var framesToStrike: Int
    private var strikeAge = Int.max
    private var strikeStrength: Float = 1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        fundamental = 196 * (1 + 0.04 * random.bipolar())
        framesToStrike = Int(0.2 * Self.rate)
        for partial in 0..<4 {
            let frequency = fundamental * Self.ratios[partial]
            // The split between a partial's two modes: 0.3–1.2 Hz of beating.
            let split = random.uniform(0.3...1.2)
            for side in 0..<2 {
                let shifted = frequency + (side == 0 ? 0 : split)
                modesLeft[partial * 2 + side] = DampedMode(
                    frequency: shifted, decaySeconds: Self.decaySeconds[partial], amplitude: Self.amplitudes[partial])
                modesRight[partial * 2 + side] = DampedMode(
                    frequency: shifted + 0.15, decaySeconds: Self.decaySeconds[partial],
                    amplitude: Self.amplitudes[partial] * (side == 0 ? 1 : 0.9))
            }
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        for frame in 0..<frameCount {
            if framesToStrike == 0 {
                let interval = Self.meanSecondsBetweenStrikes(at: target) * random.uniform(0.8...1.2)
                framesToStrike = Int(interval * Self.rate)
                strikeStrength = (0.55 + 0.45 * target) * random.uniform(0.7...1.0)
                strikeAge = 0
            }
            framesToStrike -= 1
            let excitation = malletLowPass.process(mallet())
            var left: Float = 0
            var right: Float = 0
            for index in 0..<8 {
                left += modesLeft[index].process(excitation)
                right += modesRight[index].process(excitation)
            }
            let wet = room.process((left + right) * 0.5)
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left * 0.8 + wet.left * 0.5) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(
                dcBlock.1.process(right * 0.8 + wet.right * 0.5) * Self.outputGain)
        }
    }

    /// The padded mallet: an 8 ms soft burst.
    @inline(__always)
    private func mallet() -> Float {
        let length = Int(0.008 * Self.rate)
        guard strikeAge < length else { return 0 }
        let envelope = sinf(Float.pi * Float(strikeAge) / Float(length))
        strikeAge += 1
        return random.bipolar() * envelope * strikeStrength * 0.02
    }
}

extension SingingBowl {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "singing-bowl", variants: ["struck"], family: .things,
        summary: "a singing bowl struck now and then and left to ring; intensity: every 30 s → every 10 s",
        loudness: SoundLoudness(low: -24.0, middle: -21.9, high: -18.6),
        // 60 s at 0 down to 20 s at 1: a 12 s segment held one strike or none, and through
        // tokens the bowl played 9–12 dB too loud at 0, 0.4 and 0.8 and 9–15 dB too quiet at 0.2 and 0.6.
        eventPace: EventPace(eventsPerCorpusSegment: 2, meanSecondsBetweenEvents: SingingBowl.meanSecondsBetweenStrikes),
        makeSynthesizer: { _, seed in SingingBowl(seed: seed) })

    /// Mean seconds between strikes at `intensity`: 30 s at 0, 10 s at 1.
    package static func meanSecondsBetweenStrikes(at intensity: Float) -> Float { 30 - 20 * intensity }
}
