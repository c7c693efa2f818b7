#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One resonant mode of a struck object — a clock's bell-metal, a key cap, a
/// cup — as a two-pole resonator: an impulse in rings out as a decaying sine
/// at `frequency` that falls by 60 dB in `decaySeconds`.
///
/// Modal synthesis is how the indoor sounds get their "what is it made of"
/// character cheaply: a handful of these per object, excited by a short burst.
package struct DampedMode: Sendable {
    private var a1: Float = 0
    private var a2: Float = 0
    private var gain: Float = 0
    private var y1: Float = 0
    private var y2: Float = 0

    package init() {}

    /// A mode at `frequency` Hz ringing for `decaySeconds` (to −60 dB), with output scaled by `amplitude`.
    package init(frequency: Float, decaySeconds: Float, amplitude: Float = 1) {
        tune(frequency: frequency, decaySeconds: decaySeconds, amplitude: amplitude)
    }

    /// Retunes without clearing the ringing, so a retriggered object keeps its tail.
    package mutating func tune(frequency: Float, decaySeconds: Float, amplitude: Float = 1) {
        let sampleRate = Float(AudioFormat.sampleRate)
        let f = min(max(frequency, 10), sampleRate * 0.45)
        // Radius for a −60 dB (ln 1000 ≈ 6.91) decay over decaySeconds.
        let r = expf(-6.9078 / (max(decaySeconds, 1e-4) * sampleRate))
        let w = 2 * Float.pi * f / sampleRate
        a1 = 2 * r * cosf(w)
        a2 = -r * r
        // Normalise so a unit impulse starts the sine at roughly `amplitude`.
        gain = amplitude * sinf(w)
    }

    /// Feeds one excitation sample and returns the mode's output.
    @inline(__always)
    package mutating func process(_ x: Float) -> Float {
        let y = a1 * y1 + a2 * y2 + gain * x
        y2 = y1
        y1 = y
        return y
    }

    /// Silences the mode at once.
    package mutating func reset() {
        y1 = 0
        y2 = 0
    }
}
