import AudioEngine
import DSP
/// Crickets on a summer night.
///
/// Each cricket stridulates: its wing's file and scraper make a train of
/// short pulses on a carrier near 4–5 kHz (with faint harmonics), grouped
/// into chirps of a few pulses that repeat at the cricket's own steady rate,
/// or into a continuous trill. Several individuals at different distances
/// and places chirp independently and irregularly, over the continuous band
/// of a far chorus and the broadband floor of night air (a summer-night
/// recording holds 1–5 % of its energy in each octave from 125 Hz to 2 kHz).
/// Intensity = how many insects sing and how loud the nearest are: 0 = two
/// near crickets over a faint chorus, 1 = a full meadow (≈14) over a loud one.
package final class Crickets: LayerSource {
    private var insects: [Cricket]
    private var airWhite: WhiteNoise
    private var airPink = KelletPinkNoise()
    private var chorus: CricketChorus
    /// Night air: leaves, far traffic and the countryside's hum, fading above ≈2 kHz.
    private var airFilters = (Biquad(.lowPass, frequency: 2400), Biquad(.lowPass, frequency: 2400))
    private var rumbleFilter = Biquad(.lowPass, frequency: 250)
    /// The faint broadband floor of a night outdoors, far below the insects.
    private var hissFilter = Biquad(.lowPass, frequency: 10_000)
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let outputGain: Float = 0.45

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        let count = 14
        insects = (0..<count).map { index in
            // The first few to join are the nearer ones; later ones fill in the distance.
            let distance = min(1, 0.15 + 0.85 * Float(index) / Float(count - 1) * placer.uniform(0.6...1.2))
            return Cricket(seed: seeds.childSeed(), distance: distance, pan: placer.bipolar() * 0.9)
        }
        airWhite = WhiteNoise(seed: seeds.childSeed())
        chorus = CricketChorus(seed: seeds.childSeed())
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let count = Float(insects.count)
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let singing = 2 + (count - 2) * smoothedIntensity
            var left: Float = 0
            var right: Float = 0
            for i in insects.indices {
                // A cricket joining or leaving fades over a second rather than switching.
                let s = insects[i].next(isSinging: Float(i) < singing)
                left += s.left
                right += s.right
            }
            let white = airWhite.next()
            let pink = airPink.process(white)
            let air = airFilters.1.process(airFilters.0.process(pink)) * 0.22 + rumbleFilter.process(pink) * 0.2
                + hissFilter.process(white) * 0.003
            let far = chorus.next() * (0.5 + 1.5 * smoothedIntensity)
            left += air + far
            right += air + far
            left = dcBlockers.0.process(left) * Crickets.outputGain
            right = dcBlockers.1.process(right) * Crickets.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Crickets {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "crickets", variants: ["night"],
        family: .nature,
        summary: "crickets chirping on a summer night; intensity: two → a meadow full",
        loudness: SoundLoudness(low: -18.6, middle: -17.1, high: -16.0),
        makeSynthesizer: { _, seed in Crickets(seed: seed) })
}
