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
    private let walls = SmallRoomReverb(size: 1.3, decay: 0.2, damping: 0.7)
    private var water: (NoiseBand, NoiseBand)
    /// The wash's fizz, on a beach more than at the quay.
    private var spray: (NoiseBand, NoiseBand)
    /// The water's low thud under the wash (real: 125 Hz at −36…−39 dB of the energy).
    private var swash: NoiseBand
    private var swell: SlowRandomWalk
    private var dcBlockers = (Biquad(.highPass, frequency: 40), Biquad(.highPass, frequency: 40))
    private var airLoss = (Biquad(.lowPass, frequency: 5_000), Biquad(.lowPass, frequency: 5_000))
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
        // The water is a bed, not a hush: real beaches and harbours under gulls
        // (Sounds/seagulls) spread only 15 dB in level, where calls over near
        // silence spread 53 dB; and it is a wash of 0.95–1.6 kHz with a fizz at
        // 3–5 kHz, with little under 500 Hz (−23…−42 dB of the real energy).
        let top: Float = 1_600
        water = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 950, highHertz: top),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 950, highHertz: top)
        )
        spray = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 5_000),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 3_000, highHertz: 5_000)
        )
        swash = NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: 60, highHertz: 180)
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
                left += wet.left * 0.25
                right += wet.right * 0.25
            }
            // The water under the birds: far surf on the beach, lapping at the quay in the harbour.
            let s = swell.next()
            let lap = (isHarbour ? 0.15 : 0.13) * (0.75 + 0.4 * s)
            let thud = swash.next() * lap * 0.03
            let fizz = lap * (isHarbour ? 0.15 : 0.3)
            left += water.0.next() * lap + thud + spray.0.next() * fizz
            right += water.1.next() * lap + thud + spray.1.next() * fizz
            // Air and distance take the calls' top harmonics (real: 8 kHz at −27…−39 dB).
            left = airLoss.0.process(dcBlockers.0.process(left)) * Seagulls.outputGain
            right = airLoss.1.process(dcBlockers.1.process(right)) * Seagulls.outputGain
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
        loudness: SoundLoudness(low: -38.5, middle: -33.6, high: -31.2),
        variantLoudness: ["harbour": SoundLoudness(low: -38.3, middle: -33.6, high: -31.1)],
        makeSynthesizer: { variant, seed in Seagulls(place: Seagulls.Place(rawValue: variant) ?? .beach, seed: seed) })
}
