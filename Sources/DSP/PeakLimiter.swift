/// A stereo-linked peak limiter that guarantees no sample leaves it louder
/// than `ceiling`. The gain drops instantly to whatever the loudest sample
/// needs and recovers over `releaseSeconds`, so rare crests (a thunder
/// crack, a log's pop) are tamed while everything else passes untouched.
public struct PeakLimiter: Sendable {
    private let ceiling: Float
    private let recovery: Float
    private var gain: Float = 1

    /// A limiter holding peaks at or below `ceiling` (linear; 0.85 ≈ −1.4 dBFS).
    public init(ceiling: Float = 0.85, releaseSeconds: Float = 0.15) {
        self.ceiling = ceiling
        recovery = 1 / (releaseSeconds * Float(AudioFormat.sampleRate))
    }

    /// Limits one stereo frame in place.
    @inline(__always)
    public mutating func process(_ left: inout Float, _ right: inout Float) {
        gain = min(1, gain + recovery * (1 - gain) + recovery * 0.01)
        let loudest = max(abs(left), abs(right))
        if loudest * gain > ceiling { gain = ceiling / loudest }
        left *= gain
        right *= gain
    }

    /// Limits `frameCount` interleaved stereo frames in place.
    public mutating func process(_ buffer: UnsafeMutablePointer<Float>, frameCount: Int) {
        for frame in 0..<frameCount {
            process(&buffer[2 * frame], &buffer[2 * frame + 1])
        }
    }
}
