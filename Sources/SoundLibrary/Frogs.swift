import AudioEngine
import DSP
/// Frogs calling from a pond at dusk.
///
/// A cast of frogs (see `Frog`) of three kinds of voice — deep drones, short
/// plucked "gunks", rattling croaks — sit round the pond at their own
/// distances, each calling in bouts and pausing, so the chorus comes and
/// goes rather than droning. Under them, still evening air over water.
/// Intensity = how many frogs call and how eagerly: 0 = two, now and then;
/// 1 = the whole pond (ten) in full voice.
package final class Frogs: LayerSource {
    private var frogs: [Frog]
    private let pond = SmallRoomReverb(size: 1.4, decay: 0.45, damping: 0.6)
    private var air: (NoiseBand, NoiseBand)
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 0.25

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        let count = 10
        frogs = (0..<count).map { index in
            // The first to call are the nearer ones; later ones fill in the far bank.
            let distance = min(1, 0.1 + 0.9 * Float(index) / Float(count - 1) * placer.uniform(0.7...1.1))
            return Frog(seed: seeds.childSeed(), distance: distance, pan: placer.bipolar() * 0.9)
        }
        air = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 2_500),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 2_500)
        )
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let count = Float(frogs.count)
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let calling = 2 + (count - 2) * smoothedIntensity
            var left: Float = 0
            var right: Float = 0
            for i in frogs.indices {
                let s = frogs[i].next(isCalling: Float(i) < calling, eagerness: smoothedIntensity)
                left += s.left
                right += s.right
            }
            // Water and the bank give the calls a short, soft reflection.
            let wet = pond.process((left + right) * 0.5)
            left += wet.left * 0.35 + air.0.next() * 0.0012
            right += wet.right * 0.35 + air.1.next() * 0.0012
            left = dcBlockers.0.process(left) * Frogs.outputGain
            right = dcBlockers.1.process(right) * Frogs.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Frogs {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "frogs", variants: ["pond"], family: .nature,
        summary: "frogs croaking round a pond at dusk, in bouts and pauses; intensity: two → the whole pond",
        loudness: SoundLoudness(low: -22.2, middle: -21.2, high: -20.3),
        makeSynthesizer: { _, seed in Frogs(seed: seed) })
}
