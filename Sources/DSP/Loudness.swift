#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loudness measures shared by tests, level matching and `bench`.
public enum Loudness {
    /// Gated RMS level in dBFS of interleaved stereo audio, in the manner of
    /// ITU-R BS.1770 without the K-weighting: mean square over 400 ms blocks
    /// (75% overlap), blocks below −70 dBFS dropped, then blocks more than
    /// 10 dB below the mean of the rest dropped. Sparse sounds (a clock, far
    /// thunder) are thus judged by how loud they are when they sound, which
    /// is what level matching needs. Returns −∞ for silence.
    public static func gatedRMSDecibels(_ samples: UnsafeBufferPointer<Float>, sampleRate: Int = AudioFormat.sampleRate) -> Double {
        let frames = samples.count / 2
        let block = sampleRate * 2 / 5
        let hop = block / 4
        guard frames >= block else { return rmsDecibels(samples) }
        var blockPowers: [Double] = []
        var start = 0
        while start + block <= frames {
            var sum: Double = 0
            for i in (start * 2)..<((start + block) * 2) {
                let x = Double(samples[i])
                sum += x * x
            }
            blockPowers.append(sum / Double(block * 2))
            start += hop
        }
        let absoluteGate = pow(10, -70.0 / 10)
        let loudEnough = blockPowers.filter { $0 > absoluteGate }
        guard !loudEnough.isEmpty else { return -.infinity }
        let relativeGate = loudEnough.reduce(0, +) / Double(loudEnough.count) * pow(10, -10.0 / 10)
        let gated = loudEnough.filter { $0 > relativeGate }
        return 10 * log10(gated.reduce(0, +) / Double(gated.count))
    }

    /// Plain RMS level in dBFS over all samples; −∞ for silence.
    public static func rmsDecibels(_ samples: UnsafeBufferPointer<Float>) -> Double {
        guard !samples.isEmpty else { return -.infinity }
        var sum: Double = 0
        for x in samples { sum += Double(x) * Double(x) }
        return 10 * log10(sum / Double(samples.count))
    }

    /// Largest absolute sample value.
    public static func peak(_ samples: UnsafeBufferPointer<Float>) -> Float {
        var peak: Float = 0
        for x in samples { peak = max(peak, abs(x)) }
        return peak
    }

    /// Mean of all samples (DC offset).
    public static func mean(_ samples: UnsafeBufferPointer<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum: Double = 0
        for x in samples { sum += Double(x) }
        return sum / Double(samples.count)
    }
}
