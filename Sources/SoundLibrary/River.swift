import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A river: a wide, slow river past its banks, or white-water rapids.
///
/// A river is heard as a broad wash rather than a babble: countless small
/// sources of turbulence add up to noise spread from ≈100 Hz to the high
/// kilohertz, and what keeps it alive is that the balance shifts — a low
/// surge here, a brighter rush there, each part of the band rising and
/// falling on its own time. On top, air pockets gulp as Minnaert bubbles:
/// a wide river's few and deep (gurgles of 300–1500 Hz in clusters), rapids'
/// dense and small. The wide river also laps at its bank now and then.
/// Intensity = flow: 0 = a slow, low river, 1 = the river in spate, about
/// 10 dB louder, brighter and busier.
package final class River: LayerSource {
    package enum Kind: String, CaseIterable {
        case wide, rapids
    }

    /// One part of the wash: a band of noise per channel and its own surges.
    private struct Part {
        var left: NoiseBand
        var right: NoiseBand
        var surge: SlowRandomWalk
        var share: Float
    }

    private let kind: Kind
    private var parts: [Part]
    private var random: Random
    private var gurgleClock: PoissonClock
    private var gurgleClustering: SlowRandomWalk
    private var lapClock: PoissonClock
    private var lap: Float = 0
    private var lapTarget: Float = 0
    private let bubbles = BubbleBank(capacity: 64, silenceThreshold: 1e-4)
    private var dcBlockers = (Biquad(.highPass, frequency: 30), Biquad(.highPass, frequency: 30))
    private var limiter = PeakLimiter()
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Calibrated so intensity 0.5 measures about −24 LUFS; the definition's
    /// loudness figures level-match what is left.
    private var outputGain: Float { kind == .wide ? 5.5 : 4.3 }

    package init(kind: Kind, seed: UInt64) {
        self.kind = kind
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        // Low body, middle rush, bright spray. Real rivers (Sounds/river/) carry most
        // of their energy in the spray's hiss around 4 kHz; rapids lean on it even more.
        let bands: [(low: Float, high: Float, share: Float)] =
            kind == .wide
            ? [(150, 450, 0.18), (400, 2000, 0.4), (2000, 9000, 0.75)]
            : [(110, 500, 0.2), (400, 2000, 0.15), (2000, 9000, 1.0)]
        parts = bands.map { band in
            Part(
                left: NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: band.low, highHertz: band.high),
                right: NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: band.low, highHertz: band.high),
                surge: SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 1.2, glideSeconds: 0.35),
                share: band.share)
        }
        gurgleClock = PoissonClock(seed: seeds.childSeed())
        gurgleClustering = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.4, glideSeconds: 0.08)
        lapClock = PoissonClock(seed: seeds.childSeed())
    }

    /// Gulps per second at `flow`: a wide river's few deep ones, rapids' dense small ones.
    private func gulpsPerSecond(flow: Float) -> Float {
        kind == .wide ? 12 * powf(8, flow) : 250 * powf(8, flow)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let isWide = kind == .wide
        let gain = outputGain
        for frame in 0..<frameCount {
            // Flow changes over about a second: a river does not jump.
            smoothedIntensity += (target - smoothedIntensity) * 0.00005
            let flow = smoothedIntensity
            let level = 0.05 * powf(3.16, flow - 0.5)  // ±5 dB around the middle
            let brightness = 0.6 + 0.8 * flow

            if isWide, lapClock.tick(ratePerSecond: 0.4 + 0.6 * flow) {
                lapTarget = 0.6 + 0.8 * random.unit()
            }
            // A lap swells over ≈0.15 s and ebbs over ≈0.5 s.
            lap += (lapTarget - lap) * 0.0002
            lapTarget *= 0.99995

            var left: Float = 0
            var right: Float = 0
            for p in parts.indices {
                let surge = parts[p].surge.next()
                var partGain = parts[p].share * (0.7 + 0.6 * surge * surge)
                if p == 0 { partGain *= 1 + 0.6 * lap }
                if p == 2 { partGain *= brightness }
                left += parts[p].left.next() * partGain
                right += parts[p].right.next() * partGain
            }
            left *= level
            right *= level

            let clustering = gurgleClustering.next()
            if gurgleClock.tick(ratePerSecond: gulpsPerSecond(flow: flow) * (0.2 + 2 * clustering * clustering)) {
                let u = random.unit()
                let radius = isWide ? 0.002 + 0.007 * u * u : 0.0007 + 0.004 * u * u * u
                let size = radius / 0.001
                // Bigger pockets ring louder (∝ R^1.5); even them out so the deep ones do not boom.
                let bubbleLevel = 0.05 * level / (size * size.squareRoot()).squareRoot()
                bubbles.triggerBubble(
                    radiusMetres: radius, gain: bubbleLevel * (0.4 + 0.6 * random.unit()), pan: 0.9 * random.bipolar(),
                    chirpScale: 0.5 + random.unit())
            }
            let ring = bubbles.nextFrame()
            left = dcBlockers.0.process(left + ring.left) * gain
            right = dcBlockers.1.process(right + ring.right) * gain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension River {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "river", variants: River.Kind.allCases.map(\.rawValue), family: .water,
        summary: "a river, wide and slow past its banks or white-water rapids; intensity: low → in spate",
        loudness: SoundLoudness(low: -30.7, middle: -23.9, high: -17.7),
        variantLoudness: ["rapids": SoundLoudness(low: -31.2, middle: -23.9, high: -17.5)],
        makeSynthesizer: { variant, seed in River(kind: River.Kind(rawValue: variant) ?? .wide, seed: seed) })
}
