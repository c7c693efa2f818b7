import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One person walking past on a hard floor or pavement: a run of heel
/// strikes about two a second, each a click and a thud, that comes closer,
/// crosses the stereo image and goes away.
///
/// Gait is never a metronome: each step's interval wanders a few per cent
/// around the walker's own pace (0.45–0.65 s), and every strike differs a
/// little in weight and in the shoe's ring. Value type: a sound owns a few.
package struct Footsteps {
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Whether steps are still coming.
    package var isWalking: Bool { stepsLeft > 0 || envelope > 1e-4 }
    private var stepsLeft = 0
    private var stepCount = 1
    private var pace: Float = 0.55
    private var framesUntilStep = 0
    private var envelope: Float = 0
    private var strength: Float = 0
    private var loudness: Float = 0
    private var panFrom: Float = 0
    private var panTo: Float = 0
    private var gains: (left: Float, right: Float) = (0, 0)
    private var heel = Biquad()
    private var thud = DampedMode()

    package init() {}

    /// Starts a walker of `steps` steps at `loudness`, crossing from `panFrom` to `panTo` (−1…1).
    package mutating func start(random: inout Random, steps: Int, loudness: Float, panFrom: Float, panTo: Float) {
        stepsLeft = max(steps, 1)
        stepCount = stepsLeft
        pace = random.uniform(0.45...0.65)
        framesUntilStep = 0
        self.loudness = loudness
        self.panFrom = panFrom
        self.panTo = panTo
        // Hard heels ring high, soft soles low.
        heel.set(.bandPass, frequency: random.uniform(1_200...3_500), q: random.uniform(0.8...1.6))
    }

    /// The next stereo sample.
    @inline(__always)
    package mutating func next(_ random: inout Random) -> (left: Float, right: Float) {
        if stepsLeft > 0 {
            framesUntilStep -= 1
            if framesUntilStep <= 0 { strike(&random) }
        }
        guard envelope > 1e-4 else { return (0, 0) }
        let burst = random.bipolar() * envelope * strength
        envelope *= 0.9965
        let sample = heel.process(burst) + thud.process(burst * 0.4)
        return (sample * gains.left, sample * gains.right)
    }

    private mutating func strike(_ random: inout Random) {
        let progress = 1 - Float(stepsLeft) / Float(stepCount)
        stepsLeft -= 1
        framesUntilStep = Int(pace * random.uniform(0.95...1.05) * Self.sampleRate)
        // Loudest when passing closest, halfway through the walk.
        let nearness = 0.35 + 0.65 * sinf(Float.pi * (0.1 + 0.8 * progress))
        strength = loudness * nearness * random.uniform(0.7...1)
        envelope = 1
        thud.tune(frequency: random.uniform(90...170), decaySeconds: 0.06, amplitude: 1)
        let pan = StereoPan.gains(panFrom + (panTo - panFrom) * progress)
        gains = (pan.left, pan.right)
    }
}
