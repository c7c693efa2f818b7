#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The K-weighting of ITU-R BS.1770-4 for one channel: a high shelf (about
/// +4 dB above 2 kHz, the acoustic effect of the head) followed by a high-pass
/// at about 38 Hz (the "revised low-frequency B-curve").
///
/// The Recommendation tabulates the two biquads for 48 kHz only. To meter any
/// sample rate the sections are designed here from their analogue prototypes
/// with the bilinear transform, pre-warped at each section's corner, using the
/// prototype parameters that reproduce the 48 kHz table (the derivation
/// libebur128 uses): shelf f0 = 1681.974450955533 Hz, gain 3.999843853973347 dB,
/// Q = 0.7071752369554196, band-edge gain exponent 0.4996667741545416;
/// high-pass f0 = 38.13547087602444 Hz, Q = 0.5003270373238773, numerator
/// 1, −2, 1 as in the table. At 48 kHz the result matches the table to
/// better than 1e-8.
///
/// State and arithmetic are `Double`: the high-pass poles sit within 0.01 of
/// the unit circle, where single precision would colour the lowest octave.
/// Value type, allocation-free.
public struct KWeightingFilter: Sendable {
    /// One second-order section, normalised so that a0 = 1:
    /// y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2].
    public struct Coefficients: Sendable, Equatable {
        public var b0: Double, b1: Double, b2: Double, a1: Double, a2: Double
    }

    /// Stage 1, the high shelf.
    public let shelf: Coefficients
    /// Stage 2, the high-pass.
    public let highPass: Coefficients

    // Transposed direct form II state of the two sections. Inlinable (with the
    // methods that run per sample) so the engine's audio thread can meter
    // without a call it cannot prove lock-free.
    @usableFromInline var shelfZ1 = 0.0, shelfZ2 = 0.0
    @usableFromInline var highPassZ1 = 0.0, highPassZ2 = 0.0

    /// The K-weighting filter for audio sampled at `sampleRate` Hz.
    public init(sampleRate: Double) {
        shelf = Self.shelf(sampleRate: sampleRate)
        highPass = Self.highPass(sampleRate: sampleRate)
    }

    /// The shelf section designed for `sampleRate`.
    public static func shelf(sampleRate: Double) -> Coefficients {
        let f0 = 1681.974450955533
        let gainDecibels = 3.999843853973347
        let q = 0.7071752369554196
        let k = tan(Double.pi * f0 / sampleRate)
        let vh = pow(10, gainDecibels / 20)
        let vb = pow(vh, 0.4996667741545416)
        let a0 = 1 + k / q + k * k
        return Coefficients(
            b0: (vh + vb * k / q + k * k) / a0,
            b1: 2 * (k * k - vh) / a0,
            b2: (vh - vb * k / q + k * k) / a0,
            a1: 2 * (k * k - 1) / a0,
            a2: (1 - k / q + k * k) / a0)
    }

    /// The high-pass section designed for `sampleRate`.
    public static func highPass(sampleRate: Double) -> Coefficients {
        let f0 = 38.13547087602444
        let q = 0.5003270373238773
        let k = tan(Double.pi * f0 / sampleRate)
        let a0 = 1 + k / q + k * k
        return Coefficients(b0: 1, b1: -2, b2: 1, a1: 2 * (k * k - 1) / a0, a2: (1 - k / q + k * k) / a0)
    }

    /// Filters one sample.
    @inlinable @inline(__always)
    public mutating func process(_ x: Double) -> Double {
        let s = shelf.b0 * x + shelfZ1
        shelfZ1 = shelf.b1 * x - shelf.a1 * s + shelfZ2
        shelfZ2 = shelf.b2 * x - shelf.a2 * s
        let y = highPass.b0 * s + highPassZ1
        highPassZ1 = highPass.b1 * s - highPass.a1 * y + highPassZ2
        highPassZ2 = highPass.b2 * s - highPass.a2 * y
        return y
    }

    /// Filters `count` samples read `stride` apart from `samples` (one channel
    /// of interleaved audio) and returns the sum of the squared outputs.
    /// Never allocates.
    @inlinable @inline(__always)
    public mutating func sumOfSquares(_ samples: UnsafePointer<Float>, stride: Int, count: Int) -> Double {
        var sum = 0.0
        var p = samples
        for _ in 0..<count {
            let y = process(Double(p.pointee))
            sum += y * y
            p += stride
        }
        return sum
    }

    /// Sets state that has decayed to nothing to exactly zero. After a signal
    /// stops, the state decays towards subnormal numbers, which are many times
    /// slower to compute with; the meter calls this every 100 ms.
    @inlinable @inline(__always)
    public mutating func flushSubnormals() {
        let tiny = 1e-30
        if abs(shelfZ1) < tiny { shelfZ1 = 0 }
        if abs(shelfZ2) < tiny { shelfZ2 = 0 }
        if abs(highPassZ1) < tiny { highPassZ1 = 0 }
        if abs(highPassZ2) < tiny { highPassZ2 = 0 }
    }

    /// Forgets the past: the filter continues as if from silence.
    public mutating func reset() {
        shelfZ1 = 0; shelfZ2 = 0
        highPassZ1 = 0; highPassZ2 = 0
    }
}
