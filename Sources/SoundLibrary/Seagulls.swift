import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seagulls over a beach or a harbour.
///
/// A flock of gulls (see `Gull`) wheeling at their own distances, each
/// calling a phrase — long calls, mews, laughs, nearly every note falling in
/// pitch — and then keeping quiet, so calls come sparse and irregular. Under
/// them, the water: the open beach's far surf, or the harbour's lapping
/// against the quay with the walls giving the calls back. Intensity = how
/// many gulls and how often they call: 0 = one or two, now and then; 1 = a
/// squabbling flock.
package final class Seagulls: LayerSource {
    package enum Place: String, CaseIterable {
        case beach, harbour
    }

    private let place: Place
    private var gulls: [Gull]
    private let walls = SmallRoomReverb(size: 1.3, decay: 0.4, damping: 0.6)
    private var water: (NoiseBand, NoiseBand)
    private var swell: SlowRandomWalk
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 0.4

    package init(place: Place, seed: UInt64) {
        self.place = place
        var seeds = Random(seed: seed)
        var placer = Random(seed: seeds.childSeed())
        let count = 6
        gulls = (0..<count).map { index in
            let distance = min(1, 0.2 + 0.8 * Float(index) / Float(count - 1) * placer.uniform(0.6...1.1))
            return Gull(seed: seeds.childSeed(), distance: distance, pan: placer.bipolar() * 0.9)
        }
        let top: Float = place == .beach ? 4_000 : 1_500
        water = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: top),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 80, highHertz: top)
        )
        swell = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 2.5, glideSeconds: 0.8)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let count = Float(gulls.count)
        let isHarbour = place == .harbour
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let calling = 1.5 + (count - 1.5) * smoothedIntensity
            var left: Float = 0
            var right: Float = 0
            for i in gulls.indices {
                let s = gulls[i].next(isCalling: Float(i) < calling, eagerness: smoothedIntensity)
                left += s.left
                right += s.right
            }
            if isHarbour {
                let wet = walls.process((left + right) * 0.5)
                left += wet.left * 0.4
                right += wet.right * 0.4
            }
            // The water under the birds: far surf on the beach, lapping at the quay in the harbour.
            let s = swell.next()
            let lap = (isHarbour ? 0.004 : 0.003) * (0.3 + s * s)
            left += water.0.next() * lap
            right += water.1.next() * lap
            left = dcBlockers.0.process(left) * Seagulls.outputGain
            right = dcBlockers.1.process(right) * Seagulls.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Seagulls {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "seagulls", variants: Seagulls.Place.allCases.map(\.rawValue), family: .nature,
        summary: "seagulls calling over a beach or a harbour, sparse falling cries; intensity: a pair → a flock",
        loudness: SoundLoudness(low: -22.9, middle: -24.5, high: -23.5),
        variantLoudness: ["harbour": SoundLoudness(low: -22.6, middle: -24.2, high: -23.2)],
        makeSynthesizer: { variant, seed in Seagulls(place: Seagulls.Place(rawValue: variant) ?? .beach, seed: seed) })
}
