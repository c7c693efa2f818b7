/// A small, fast, seedable generator for hot paths (PCG-XSH-RR 64/32).
///
/// Value type and allocation-free, so every voice owns one and a seed makes a
/// render reproducible. Never use the system generator on a hot path.
public struct Random: Sendable {
    // Visible to other modules' inlined calls: a generator called per sample or per
    // bin from another target must not cost a function call each time.
    @usableFromInline var state: UInt64
    @usableFromInline let increment: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = 0
        increment = (seed << 1) | 1
        _ = nextUInt32()
        state &+= seed &+ 0x853c_49e6_748f_ea9b
        _ = nextUInt32()
    }

    /// A generator seeded from the system's entropy: every run differs.
    public init() {
        self.init(seed: UInt64.random(in: .min ... .max))
    }

    /// The next 32 uniformly distributed bits.
    @inlinable @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        let old = state
        state = old &* 6_364_136_223_846_793_005 &+ increment
        let xorShifted = UInt32(truncatingIfNeeded: ((old >> 18) ^ old) >> 27)
        let rotation = UInt32(truncatingIfNeeded: old >> 59)
        return (xorShifted >> rotation) | (xorShifted << ((~rotation &+ 1) & 31))
    }

    /// Uniform in [0, 1).
    @inlinable @inline(__always)
    public mutating func unit() -> Float {
        Float(nextUInt32() >> 8) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [-1, 1).
    @inlinable @inline(__always)
    public mutating func bipolar() -> Float {
        unit() * 2 - 1
    }

    /// Uniform in `range`.
    @inlinable @inline(__always)
    public mutating func uniform(_ range: ClosedRange<Float>) -> Float {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Uniform integer in 0..<`bound` (`bound` > 0).
    @inlinable @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt64(nextUInt32()) &* UInt64(bound)) >> 32)
    }

    /// Standard normal deviate (Box–Muller; one of the pair is discarded for simplicity).
    @inline(__always)
    public mutating func gaussian() -> Float {
        let u1 = max(unit(), 1e-7)
        let u2 = unit()
        return (-2 * logf(u1)).squareRoot() * cosf(2 * Float.pi * u2)
    }

    /// Waiting time to the next event of a Poisson process with `ratePerSecond`, in seconds.
    @inline(__always)
    public mutating func exponentialInterval(ratePerSecond: Float) -> Float {
        -logf(max(unit(), 1e-7)) / max(ratePerSecond, 1e-9)
    }

    /// A seed for a child generator, so one seed fans out to independent voices.
    public mutating func childSeed() -> UInt64 {
        (UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
