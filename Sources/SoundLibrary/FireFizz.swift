import DSP
/// The bright fizz of a fire: hundreds of tiny crackles a second, too dense
/// and too faint to hear one by one, heard together as a rough, sparkling
/// hiss in the 5–15 kHz band (gas and steam escaping from the wood). Made
/// as high-passed noise under an envelope of Poisson spikes, one per channel
/// so the hiss is wide. Owned by `Fire`; value type, never allocates.
package struct FireFizz {
    private var random: Random
    private var noise: (WhiteNoise, WhiteNoise)
    private var envelope: (Float, Float) = (0, 0)
    private var highPass = (Biquad(.highPass, frequency: 4000), Biquad(.highPass, frequency: 4000))
    private var lowPass = (Biquad(.lowPass, frequency: 15_000), Biquad(.lowPass, frequency: 15_000))
    /// Each spike fades with a ≈2 ms time constant: a tick, not a tone.
    private let decay: Float = 1 - 1 / (0.002 * Float(AudioFormat.sampleRate))

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        noise = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
    }

    /// The next stereo frame at `spikesPerSecond` per channel.
    @inline(__always)
    package mutating func next(spikesPerSecond: Float) -> (left: Float, right: Float) {
        let chance = spikesPerSecond / Float(AudioFormat.sampleRate)
        // Spike heights are u³: mostly faint, now and then one that stands out.
        if random.unit() < chance {
            let u = random.unit()
            envelope.0 += u * u * u
        }
        if random.unit() < chance {
            let u = random.unit()
            envelope.1 += u * u * u
        }
        envelope.0 *= decay
        envelope.1 *= decay
        let left = lowPass.0.process(highPass.0.process(noise.0.next() * envelope.0))
        let right = lowPass.1.process(highPass.1.process(noise.1.next() * envelope.1))
        return (left, right)
    }
}
