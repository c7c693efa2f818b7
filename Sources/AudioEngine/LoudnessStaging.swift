#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gain staging by loudness: the one gain that brings a mix's layers, at
/// their weights and intensities, to a target integrated loudness.
///
/// Independent layers add in power, so the mix's loudness is predicted as
/// 10·log10 Σ (fader gain² · 10^(L/10)) from each layer's known loudness L.
/// Weights then set the balance inside a scene and the master sets the
/// listening level, whatever the scene is made of.
public enum LoudnessStaging {
    /// The most the staging lifts or lowers a mix, in dB: a scene of nearly
    /// silent weights is not blown up to full loudness.
    public static let range: ClosedRange<Double> = -24...24

    /// The loudness (LUFS) `layers` are predicted to play at with unity staging;
    /// nil when no audible layer has a known loudness.
    public static func predictedLoudness(of layers: [MixLayer], loudness: (MixLayer) -> Double?) -> Double? {
        var power = 0.0
        var known = false
        for layer in layers where !layer.isMuted {
            guard let lufs = loudness(layer) else { continue }
            let gain = Double(FaderCurve.gain(layer.weight))
            power += gain * gain * pow(10, lufs / 10)
            known = true
        }
        return known && power > 0 ? 10 * log10(power) : nil
    }

    /// The linear gain that brings `layers` to `target` LUFS, within `range`; 1 when nothing is known.
    public static func gain(for layers: [MixLayer], target: Double, loudness: (MixLayer) -> Double?) -> Float {
        guard let predicted = predictedLoudness(of: layers, loudness: loudness) else { return 1 }
        let decibels = min(max(target - predicted, range.lowerBound), range.upperBound)
        return Float(pow(10, decibels / 20))
    }
}
