import AudioEngine
import DSP
/// Crickets on a summer night.
///
/// Each cricket stridulates: its wing's file and scraper make a train of
/// short pulses on a carrier near 4–5 kHz (with faint harmonics), grouped
/// into chirps of a few pulses that repeat at the cricket's own steady rate,
/// or into a continuous trill. Several individuals at different distances
/// and places chirp independently and irregularly, over the continuous band
/// of a far chorus and the broadband floor of night air (the real night in
/// Sounds/crickets holds half its energy under 250 Hz and a quarter in the
/// insects' 4 kHz octave, whose chorus throbs at the pulse rate).
/// Intensity = how many insects sing and how loud the nearest are: 0 = two
/// near crickets over a faint chorus, 1 = a full meadow (≈14) over a loud one.
package final class Crickets: LayerSource {
    private var insects: [Cricket]
    private var airWhite: WhiteNoise
    private var airPink = KelletPinkNoise()
    private var chorus: CricketChorus
    /// Night air: leaves, far traffic and the countryside's hum, fading above ≈1.5 kHz
    /// (a real night holds 2 % of its energy in the 2 kHz octave, under the insects' band).
    private var airFilters = (Biquad(.lowPass, frequency: 1600), Biquad(.lowPass, frequency: 1600))
    private var rumbleFilter = Biquad(.lowPass, frequency: 250)
    /// The faint broadband floor of a night outdoors, far below the insects.
    private var hissFilter = Biquad(.lowPass, frequency: 10_000)
    /// Below ≈70 Hz a real night holds less than the air noise would (Sounds/crickets: 23 %).
    private var dcBlockers = (Biquad(.highPass, frequency: 70), Biquad(.highPass, frequency: 70))
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
            // A real summer night (Sounds/crickets) keeps more energy under 250 Hz than in
            // the insects' band: far traffic, wind, the land. The insects sit on it.
            let air = airFilters.1.process(airFilters.0.process(pink)) * 0.38 + rumbleFilter.process(pink) * 0.7
                + hissFilter.process(white) * 0.005
            let far = chorus.next() * (1.3 + 3.7 * smoothedIntensity)
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
        loudness: SoundLoudness(low: -20.9, middle: -18.7, high: -16.9),
        makeSynthesizer: { _, seed in Crickets(seed: seed) })
}
