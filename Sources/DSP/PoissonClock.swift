#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides, sample by sample, when the next of a stream of random events
/// falls: drops, drips, calls, croaks. Events form a Poisson process, so
/// they never fall into a pattern. The rate may change on every sample and
/// counts at once (the clock integrates the rate towards an exponentially
/// drawn threshold), so a rate that rises after a quiet spell is not stuck
/// behind an interval drawn while it was low. Value type, allocation-free.
public struct PoissonClock: Sendable {
    private var random: Random
    /// What is left of the current exponential draw, in expected events.
    private var remaining: Double
    private static let sampleRate = Double(AudioFormat.sampleRate)

    public init(seed: UInt64) {
        random = Random(seed: seed)
        remaining = 0
        remaining = draw()
    }

    private mutating func draw() -> Double { -log(Double(max(random.unit(), 1e-7))) }

    /// Whether an event falls on this sample, at `ratePerSecond` events a second on average.
    @inline(__always)
    public mutating func tick(ratePerSecond: Float) -> Bool {
        remaining -= Double(max(ratePerSecond, 0)) / Self.sampleRate
        guard remaining <= 0 else { return false }
        remaining += draw()
        return true
    }
}
