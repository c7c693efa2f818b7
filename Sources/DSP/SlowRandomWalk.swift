#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A smooth random control signal in 0…1: it picks a new target at random
/// (Poisson) moments and glides to it through two one-pole smoothers, so it
/// has neither steps nor corners. Drives wandering gains, centre
/// frequencies, flow and gusts.
public struct SlowRandomWalk: Sendable {
    private var random: Random
    private var target: Float
    private var stage1: Float
    private var stage2: Float
    private var samplesToNextTarget: Int
    private let meanIntervalSamples: Float
    private let coefficient: Float

    /// - Parameters:
    ///   - meanIntervalSeconds: mean time between new targets.
    ///   - glideSeconds: time constant of each of the two smoothing stages.
    ///   - updatesPerSecond: how often `next()` is called (the audio rate by default).
    public init(
        seed: UInt64, meanIntervalSeconds: Float, glideSeconds: Float,
        updatesPerSecond: Float = Float(AudioFormat.sampleRate)
    ) {
        random = Random(seed: seed)
        let start = random.unit()
        target = start
        stage1 = start
        stage2 = start
        meanIntervalSamples = meanIntervalSeconds * updatesPerSecond
        coefficient = 1 - expf(-1 / max(glideSeconds * updatesPerSecond, 1))
        samplesToNextTarget = 0
        samplesToNextTarget = drawInterval()
    }

    private mutating func drawInterval() -> Int {
        Int(-logf(max(random.unit(), 1e-6)) * meanIntervalSamples) + 1
    }

    /// The current value, then advances by one update.
    @inline(__always)
    public mutating func next() -> Float {
        samplesToNextTarget -= 1
        if samplesToNextTarget <= 0 {
            target = random.unit()
            samplesToNextTarget = drawInterval()
        }
        stage1 += coefficient * (target - stage1)
        stage2 += coefficient * (stage1 - stage2)
        return stage2
    }
}
