/// Pink (−3 dB/octave) noise from white noise by Paul Kellet's economy
/// three-pole filter, accurate to ±0.5 dB above ≈ 40 Hz. Value type, one channel.
package struct KelletPinkNoise: Sendable {
    private var b0: Float = 0, b1: Float = 0, b2: Float = 0

    package init() {}

    /// The next pink sample for the white sample `white` (uniform −1…1); output peaks near ±1.
    @inline(__always)
    package mutating func process(_ white: Float) -> Float {
        b0 = 0.99765 * b0 + white * 0.0990460
        b1 = 0.96300 * b1 + white * 0.2965164
        b2 = 0.57000 * b2 + white * 1.0526913
        return (b0 + b1 + b2 + white * 0.1848) * 0.25
    }
}
