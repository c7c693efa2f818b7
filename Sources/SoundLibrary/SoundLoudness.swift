#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How loud a sound's synthesizer is, as BS.1770 integrated loudness (LUFS) at
/// three intensities: the power mean of 60 s renders with seeds 1, 2 and 3
/// (sparse sounds such as thunder or a singing bowl need that much to settle).
/// `BuiltInSoundContractTests` checks them on every run and, when a
/// synthesizer changes, prints what it measures so the figures can be updated.
///
/// The library plays every sound trimmed so that intensity 0.5 sits at
/// `reference`: sounds are level-matched by loudness, not by RMS, so a bright
/// cicada and a deep brown noise at the same weight sound equally loud. The
/// other two figures keep intensity's own effect on level (heavier rain is
/// louder) known to the mix's loudness staging.
public struct SoundLoudness: Sendable, Equatable {
    /// Where intensity 0.5 of every built-in sound plays, in LUFS.
    public static let reference = -24.0
    /// The intensities the three figures are measured at.
    public static let intensities: (low: Float, middle: Float, high: Float) = (0.1, 0.5, 0.9)

    /// LUFS at intensity 0.1, 0.5 and 0.9, before the trim.
    public let low: Double, middle: Double, high: Double

    public init(low: Double, middle: Double, high: Double) {
        self.low = low
        self.middle = middle
        self.high = high
    }

    /// A sound whose synthesizer is calibrated to `reference` and whose level does not follow intensity.
    public static let calibrated = SoundLoudness(low: reference, middle: reference, high: reference)

    /// The linear gain that brings intensity 0.5 to `reference`.
    public var trimGain: Float { Float(pow10(decibels: Self.reference - middle)) }

    /// The loudness the sound plays at `intensity`, after the trim.
    public func playedLoudness(atIntensity intensity: Float) -> Double {
        loudness(atIntensity: intensity) - middle + Self.reference
    }

    /// The loudness at `intensity` as measured (no trim): piecewise linear
    /// through the three figures, held flat beyond the outer two.
    public func loudness(atIntensity intensity: Float) -> Double {
        let (lowPoint, middlePoint, highPoint) = Self.intensities
        let x = min(max(intensity.isNaN ? 0.5 : intensity, lowPoint), highPoint)
        return x <= middlePoint
            ? low + (middle - low) * Double((x - lowPoint) / (middlePoint - lowPoint))
            : middle + (high - middle) * Double((x - middlePoint) / (highPoint - middlePoint))
    }

    private func pow10(decibels: Double) -> Double { exp(decibels / 20 * log(10.0)) }
}
