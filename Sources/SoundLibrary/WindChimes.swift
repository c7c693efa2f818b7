import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Aluminium wind chimes on a porch, played by the wind.
///
/// Six tubes tuned to a pentatonic scale; a struck tube rings with the
/// partials of a free bar (1, 2.76, 5.40 and 8.93 times its fundamental), the
/// fundamental for seconds, the upper partials briefly. The clapper strikes
/// when the wind moves it: one slow wind signal (a random walk, gusting)
/// sets the rate of strikes, in clusters as a gust swings the clapper, and
/// their force. A breath of wind noise underneath, following the same gusts.
/// Intensity is the wind: a still evening with a chime every few seconds, to
/// a breezy day with bursts of them.
package final class WindChimes: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 7.0
    private static let rate = Float(AudioFormat.sampleRate)
    private static let fundamentals: [Float] = [784, 880, 988, 1_175, 1_319, 1_568]
    private static let ratios: [Float] = [1, 2.756, 5.404, 8.933]
    private static let decays: [Float] = [3.5, 1.6, 0.7, 0.3]
    private static let amplitudes: [Float] = [1, 0.45, 0.25, 0.12]

    private var random: Random
    private var gusts: SlowRandomWalk
    private var tubes = [DampedMode](repeating: DampedMode(), count: 24)
    private let pans: [(left: Float, right: Float)]
    private var strikes = [Float](repeating: 0, count: 6)
    private var framesToStrike = 0
    private var breezeLeft: PinkNoise, breezeRight: PinkNoise
    private var breezeBand = (Biquad(.bandPass, frequency: 700, q: 0.5), Biquad(.bandPass, frequency: 700, q: 0.5))
    private var dcBlock = (Biquad(.highPass, frequency: 60), Biquad(.highPass, frequency: 60))
    private var wind: Float = 0

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        gusts = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 0.8)
        breezeLeft = PinkNoise(seed: seeds.childSeed())
        breezeRight = PinkNoise(seed: seeds.childSeed())
        let detune = 1 + 0.01 * random.bipolar()
        for tube in 0..<6 {
            for partial in 0..<4 {
                tubes[tube * 4 + partial] = DampedMode(
                    frequency: Self.fundamentals[tube] * Self.ratios[partial] * detune,
                    decaySeconds: Self.decays[partial] * random.uniform(0.85...1.15),
                    amplitude: Self.amplitudes[partial])
            }
        }
        pans = (0..<6).map { tube in StereoPan.gains(-0.6 + 1.2 * Float(tube) / 5) }
        framesToStrike = Int(0.3 * Self.rate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let calm = min(max(intensity, 0), 1)
        for frame in 0..<frameCount {
            // The wind: the walk's gusts, scaled by intensity, with a floor so it is never dead still.
            wind = (0.15 + 0.85 * calm) * (0.25 + 0.75 * gusts.next())
            framesToStrike -= 1
            if framesToStrike <= 0 {
                let tube = random.below(6)
                strikes[tube] = (0.4 + 0.45 * wind) * random.uniform(0.5...1)
                // Strikes per second grow with the square of the wind: clusters in gusts.
                let perSecond = 0.15 + 9 * wind * wind
                framesToStrike = max(1, Int(random.exponentialInterval(ratePerSecond: perSecond) * Self.rate))
            }
            var left: Float = 0
            var right: Float = 0
            for tube in 0..<6 {
                // A strike is a two-sample click into the tube's modes.
                let excitation = strikes[tube] * 0.05
                strikes[tube] *= 0.2
                var sound: Float = 0
                for partial in 0..<4 { sound += tubes[tube * 4 + partial].process(excitation) }
                left += sound * pans[tube].left
                right += sound * pans[tube].right
            }
            let breeze = 0.004 * wind * wind
            left += breezeBand.0.process(breezeLeft.next()) * breeze
            right += breezeBand.1.process(breezeRight.next()) * breeze
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left) * Self.outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right) * Self.outputGain)
        }
    }
}

extension WindChimes {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "wind-chimes", variants: ["porch"], family: .things,
        summary: "aluminium wind chimes played by the wind; intensity: a still evening → a breezy day",
        loudness: SoundLoudness(low: -24.0, middle: -18.8, high: -14.3)
    ) { _, seed in
        WindChimes(seed: seed)
    }
}
