import AudioEngine
import DSP
/// Owls hooting in a wood at night.
///
/// A few owls (see `Owl`) — tawny and horned voices — at their own distances
/// in a reverberant wood, each hooting its phrase and then falling silent for
/// a long, irregular while; between hoots only the night air. Intensity =
/// how many owls and how often: 0 = one owl, far off and rare; 1 = three,
/// closer, answering each other.
package final class Owls: LayerSource {
    private var owls: [Owl]
    private let wood = SmallRoomReverb(size: 1.6, decay: 0.7, damping: 0.55)
    private var air: (NoiseBand, NoiseBand)
    private var airWander: SlowRandomWalk
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 0.32

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        let species: [Owl.Species] = [.tawny, .horned, .tawny]
        owls = species.enumerated().map { index, kind in
            Owl(
                seed: seeds.childSeed(), species: kind, distance: 0.3 + 0.25 * Float(index) + 0.15 * placer.unit(),
                pan: (Float(index) - 1) * 0.6 + 0.2 * placer.bipolar(),
                // Someone hoots soon after the scene starts: a night wood is not silent for long.
                firstHootWithinSeconds: index == 0 ? 3 : 20)
        }
        air = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 1_800),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 1_800)
        )
        airWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 4, glideSeconds: 1.5)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let hooting = 1 + 2 * smoothedIntensity
            var left: Float = 0
            var right: Float = 0
            for i in owls.indices {
                let s = owls[i].next(isHooting: Float(i) < hooting, eagerness: smoothedIntensity)
                left += s.left
                right += s.right
            }
            let wet = wood.process((left + right) * 0.5)
            // The night air stirs now and then in the trees.
            let breeze = 0.004 * (0.4 + airWander.next())
            left += wet.left * 0.6 + air.0.next() * breeze
            right += wet.right * 0.6 + air.1.next() * breeze
            left = dcBlockers.0.process(left) * Owls.outputGain
            right = dcBlockers.1.process(right) * Owls.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Owls {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "owls", variants: ["night"], family: .nature,
        summary: "owls hooting in a wood at night, long silences between; intensity: one far off → three answering",
        loudness: SoundLoudness(low: -24.2, middle: -23.8, high: -24.4),
        // ≈ 74 s at 0 down to 19 s at 1: in 12 s at 0.2 and 0.4 the corpus held no phrase,
        // and through tokens owls there played the night air alone, at −69 and −60 LUFS.
        eventPace: EventPace(eventsPerCorpusSegment: 3, meanSecondsBetweenEvents: Owl.meanSecondsBetweenPhrases),
        makeSynthesizer: { _, seed in Owls(seed: seed) })
}
