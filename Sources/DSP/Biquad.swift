#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A second-order IIR section (RBJ "Audio EQ Cookbook" designs), transposed
/// direct form II. Value type, allocation-free, one channel.
public struct Biquad: Sendable {
    private var b0: Float = 1, b1: Float = 0, b2: Float = 0, a1: Float = 0, a2: Float = 0
    private var z1: Float = 0, z2: Float = 0

    /// The filter shapes the sounds need.
    public enum Shape: Sendable {
        case lowPass, highPass, bandPass, peak(gainDecibels: Float), lowShelf(gainDecibels: Float),
            highShelf(gainDecibels: Float)
    }

    /// A pass-through filter.
    public init() {}

    /// A filter of `shape` at `frequency` Hz with quality `q`.
    public init(_ shape: Shape, frequency: Float, q: Float = 0.7071, sampleRate: Float = Float(AudioFormat.sampleRate)) {
        set(shape, frequency: frequency, q: q, sampleRate: sampleRate)
    }

    /// Redesigns the filter in place, keeping its state so sweeps do not click.
    @inline(__always)
    public mutating func set(_ shape: Shape, frequency: Float, q: Float = 0.7071, sampleRate: Float = Float(AudioFormat.sampleRate)) {
        let f = min(max(frequency, 1), sampleRate * 0.49)
        let w0 = 2 * Float.pi * f / sampleRate
        let cosW = cosf(w0)
        let alpha = sinf(w0) / (2 * max(q, 1e-3))
        var nb0: Float, nb1: Float, nb2: Float, na0: Float, na1: Float, na2: Float
        switch shape {
        case .lowPass:
            nb1 = 1 - cosW; nb0 = nb1 / 2; nb2 = nb0
            na0 = 1 + alpha; na1 = -2 * cosW; na2 = 1 - alpha
        case .highPass:
            nb1 = -(1 + cosW); nb0 = (1 + cosW) / 2; nb2 = nb0
            na0 = 1 + alpha; na1 = -2 * cosW; na2 = 1 - alpha
        case .bandPass:  // constant 0 dB peak gain
            nb0 = alpha; nb1 = 0; nb2 = -alpha
            na0 = 1 + alpha; na1 = -2 * cosW; na2 = 1 - alpha
        case .peak(let gainDecibels):
            let a = powf(10, gainDecibels / 40)
            nb0 = 1 + alpha * a; nb1 = -2 * cosW; nb2 = 1 - alpha * a
            na0 = 1 + alpha / a; na1 = -2 * cosW; na2 = 1 - alpha / a
        case .lowShelf(let gainDecibels):
            let a = powf(10, gainDecibels / 40)
            let s = 2 * a.squareRoot() * alpha
            nb0 = a * ((a + 1) - (a - 1) * cosW + s)
            nb1 = 2 * a * ((a - 1) - (a + 1) * cosW)
            nb2 = a * ((a + 1) - (a - 1) * cosW - s)
            na0 = (a + 1) + (a - 1) * cosW + s
            na1 = -2 * ((a - 1) + (a + 1) * cosW)
            na2 = (a + 1) + (a - 1) * cosW - s
        case .highShelf(let gainDecibels):
            let a = powf(10, gainDecibels / 40)
            let s = 2 * a.squareRoot() * alpha
            nb0 = a * ((a + 1) + (a - 1) * cosW + s)
            nb1 = -2 * a * ((a - 1) + (a + 1) * cosW)
            nb2 = a * ((a + 1) + (a - 1) * cosW - s)
            na0 = (a + 1) - (a - 1) * cosW + s
            na1 = 2 * ((a - 1) - (a + 1) * cosW)
            na2 = (a + 1) - (a - 1) * cosW - s
        }
        b0 = nb0 / na0; b1 = nb1 / na0; b2 = nb2 / na0; a1 = na1 / na0; a2 = na2 / na0
    }

    /// Filters one sample.
    @inline(__always)
    public mutating func process(_ x: Float) -> Float {
        let y = b0 * x + z1
        z1 = b1 * x - a1 * y + z2
        z2 = b2 * x - a2 * y
        return y
    }

    /// Clears the filter's memory.
    public mutating func reset() { z1 = 0; z2 = 0 }
}
