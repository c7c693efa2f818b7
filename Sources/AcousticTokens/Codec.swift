#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The acoustic codec's fixed framing: 2048-sample frames every 1024 samples
/// at 48 kHz (≈21 ms hop), with sqrt-Hann analysis and synthesis windows.
///
/// Why these numbers: a 21 ms hop is short enough that a token is below the
/// ear's event resolution for textures (rain, fire, wind) yet long enough
/// that a 60 s corpus is only ≈2800 frames, which keeps training in the
/// sub-second range. Periodic sqrt-Hann at 50% overlap makes the product of
/// analysis and synthesis windows a Hann window, and Hann windows at 50%
/// overlap sum to exactly one, so analysis → synthesis → overlap-add returns
/// the input unchanged. The same sqrt-Hann is power-complementary
/// (sin² + cos² = 1), which is what a join between unrelated grains needs.
public enum Framing {
    /// Samples between frame starts.
    public static let hopFrames = 1024
    /// Samples per frame (twice the hop: 50% overlap).
    public static let windowFrames = 2048
    /// Bumped whenever framing, features, training or the model file change,
    /// so cached models made by older code are retrained.
    public static let codecVersion: UInt32 = 10

    /// Periodic sqrt-Hann of `windowFrames` samples: `sin(π n / N)`.
    public static let sqrtHann: [Float] = (0..<windowFrames).map {
        sinf(Float.pi * Float($0) / Float(windowFrames))
    }

    /// Hann (`sqrtHann²`), the combined analysis × synthesis window.
    public static let hann: [Float] = sqrtHann.map { $0 * $0 }

    /// Number of whole frames in a signal of `sampleFrames` frames.
    public static func frameCount(sampleFrames: Int) -> Int {
        sampleFrames < windowFrames ? 0 : (sampleFrames - windowFrames) / hopFrames + 1
    }

    /// Splits mono `signal` into sqrt-Hann-windowed frames, analyses each
    /// with `transform` (which may change the frame in place), applies the
    /// synthesis window and overlap-adds the result into a new signal of the
    /// same length. The first and last hop are covered by one frame only;
    /// everything between is reconstructed exactly when `transform` leaves
    /// frames unchanged.
    public static func analyzeAndResynthesize(
        _ signal: [Float], transform: (UnsafeMutablePointer<Float>) -> Void
    ) -> [Float] {
        var output = [Float](repeating: 0, count: signal.count)
        let frame = UnsafeMutablePointer<Float>.allocate(capacity: windowFrames)
        defer { frame.deallocate() }
        signal.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                sqrtHann.withUnsafeBufferPointer { window in
                    for index in 0..<frameCount(sampleFrames: signal.count) {
                        let start = index * hopFrames
                        for n in 0..<windowFrames { frame[n] = input[start + n] * window[n] }
                        transform(frame)
                        for n in 0..<windowFrames { out[start + n] += frame[n] * window[n] }
                    }
                }
            }
        }
        return output
    }
}
