import DSP
/// One crackle of a fire: an almost instantaneous burst of noise through a
/// broad band-pass, gone within a millisecond or a few. Owned by `Fire`.
package struct Crackle {
    private var noise: WhiteNoise
    private var filter = Biquad()
    private var envelope: Float = 0
    private var decay: Float = 0
    private var gains: (left: Float, right: Float) = (0.7, 0.7)
    private(set) var isSounding = false

    package init(seed: UInt64) { noise = WhiteNoise(seed: seed) }

    /// Starts a click centred on `frequency` Hz, `q` wide (0.7: an octave and
    /// more, a snap; 2: a narrower, more tonal tick).
    package mutating func fire(
        frequency: Float, q: Float = 0.8, amplitude: Float, decaySeconds: Float, pan: Float
    ) {
        filter.set(.bandPass, frequency: frequency, q: q)
        envelope = amplitude
        decay = 1 - 1 / (decaySeconds * Float(AudioFormat.sampleRate))
        gains = StereoPan.gains(pan)
        isSounding = true
    }

    /// The next stereo frame of the click.
    @inline(__always)
    package mutating func next() -> (left: Float, right: Float) {
        let x = filter.process(noise.next() * envelope) * 3
        envelope *= decay
        if envelope < 1e-5 { isSounding = false }
        return (x * gains.left, x * gains.right)
    }
}
