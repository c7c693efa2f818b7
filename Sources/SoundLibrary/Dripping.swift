import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Water dripping: drops falling into pools in a cave, or a leaky tap into a sink.
///
/// A drop falling into water makes a tiny click and then the sound we hear
/// as "plink": the Minnaert ring of the air bubble it traps, rising in pitch
/// as it shrinks (van den Doel). Every drip point has its own rhythm — a
/// drop gathers, grows and falls at roughly, never exactly, the same pace —
/// and its own pool, so its own pitch. A cave has a few points far apart and
/// a long, dark echo; a tap one point (and a slower neighbour) over a steel
/// basin that rings briefly, in a small kitchen. Intensity = how fast the
/// water comes: at 0 a drop every few seconds, at 1 several a second.
package final class Dripping: LayerSource {
    package enum Place: String, CaseIterable {
        case cave, tap
    }

    /// One place a drop gathers and falls from.
    private struct Point {
        var periodSeconds: Float
        var pitch: Float
        var pan: Float
        var level: Float
        var samplesToDrop: Int
    }

    private let place: Place
    private var points: [Point]
    private var random: Random
    private let bubbles = BubbleBank(capacity: 16)
    private var click: (NoiseBand, NoiseBand)
    private var clickEnvelope: Float = 0
    private var clickPan = StereoPan.gains(0)
    /// The sink's steel basin: a few short modes the drop's impact rings.
    private var basin = (DampedMode(), DampedMode(), DampedMode())
    private var basinInput: Float = 0
    private let room: SmallRoomReverb
    private let wetLevel: Float
    private var air: (NoiseBand, NoiseBand)
    /// Drips have almost nothing under 250 Hz (real: 125 Hz at −45 dB of the energy, 250 Hz at −28).
    private var dcBlockers = (
        Biquad(.highPass, frequency: 270), Biquad(.highPass, frequency: 270),
        Biquad(.highPass, frequency: 270), Biquad(.highPass, frequency: 270)
    )
    /// A plink's first cycles carry its peak: keep them low enough that the level trim cannot push them past −1 dBFS.
    private var limiter = PeakLimiter(ceiling: 0.75)
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Calibrated so intensity 0.5 measures about −24 LUFS; the definition's
    /// loudness figures level-match what is left.
    private var outputGain: Float { place == .cave ? 1.6 : 2.8 }

    package init(place: Place, seed: UInt64) {
        self.place = place
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        let isCave = place == .cave
        // (period s, pitch Hz, pan, level) of each point: the cave's spread out, the tap's
        // one steady leak and a slower one at the spout's edge.
        let layout: [(Float, Float, Float, Float)] =
            isCave
            ? [(1.6, 600, -0.7, 1), (2.9, 1_400, -0.2, 0.85), (4.0, 2_000, 0.3, 0.7), (5.5, 860, 0.7, 0.6)]
            : [(0.8, 680, -0.1, 1), (2.0, 1_900, 0.25, 0.8)]
        points = layout.map { Point(periodSeconds: $0.0, pitch: $0.1, pan: $0.2, level: $0.3, samplesToDrop: 1) }
        // Start each point somewhere in its cycle, so they do not all fall together.
        for i in points.indices {
            points[i].samplesToDrop = 1 + Int(random.unit() * points[i].periodSeconds * Self.sampleRate)
            points[i].pitch *= 0.9 + 0.2 * random.unit()
        }
        click = (
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 1_500, highHertz: 6_000),
            NoiseBand(seed: seeds.childSeed(), colour: .white, lowHertz: 1_500, highHertz: 6_000)
        )
        // The cave's echo is soft and dies into the dark between drops: a long,
        // loud tail (decay 0.8, wet 1.3) rang the reverb's own resonances as
        // steady lines near 800 Hz for 2–6 s, filled the gaps the real cave
        // (Sounds/dripping/cave-drip.ogg) keeps 35 dB under its drops, and held
        // each drop 0.2–0.4 s above them where the real drops last 0.06 s.
        room = isCave
            ? SmallRoomReverb(size: 1.6, decay: 0.55, damping: 0.75)
            : SmallRoomReverb(size: 0.45, decay: 0.3, damping: 0.6)
        wetLevel = isCave ? 0.1 : 0.015
        let airBand: (low: Float, high: Float) = isCave ? (300, 1_000) : (550, 1_500)
        air = (
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: airBand.low, highHertz: airBand.high),
            NoiseBand(seed: seeds.childSeed(), colour: .pink, lowHertz: airBand.low, highHertz: airBand.high)
        )
    }

    /// A drop falls at `point`: its click, its plink, and on the sink its basin's ring.
    private func drop(at index: Int) {
        let point = points[index]
        let level = point.level * (0.6 + 0.4 * random.unit())
        clickEnvelope = 0.16 * level
        clickPan = StereoPan.gains(point.pan)
        // Most drops trap a bubble; its size, so its pitch, wanders a little from drop to drop.
        if random.unit() < 0.85 {
            let frequency = point.pitch * (0.8 + 0.5 * random.unit())
            // A drop's bubble rings shorter than a free one (1.8× the free damping):
            // the pool's surface is still settling round it; the real drops stand out
            // for about 0.06 s, where free rings held them 0.12–0.2 s above the air.
            bubbles.trigger(
                frequency: frequency,
                dampingPerSecond: 1.8 * (0.043 * frequency + 0.0014 * frequency * frequency.squareRoot()),
                chirpPerSecond: 0.075 * (0.043 * frequency) * (1 + 2 * random.unit()), amplitude: 0.35 * level,
                pan: point.pan)
        }
        if place == .tap {
            // Where the drop lands on the steel moves, so the modes it wakes move too:
            // fixed modes rang at one pitch every drop, a steady line for the whole minute.
            let spot = random.uniform(0.9...1.1)
            basin.0.tune(frequency: 517 * spot, decaySeconds: 0.06)
            basin.1.tune(frequency: 1_240 * spot * random.uniform(0.97...1.03), decaySeconds: 0.05)
            basin.2.tune(frequency: 2_710 * spot * random.uniform(0.97...1.03), decaySeconds: 0.04)
            basinInput = 0.02 * level * (0.5 + random.unit())
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let gain = outputGain
        let clickDecay: Float = 0.993  // ≈3 ms
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            // Faster water shortens every point's period, ×3 from 0 to 1 (×9 put 5
            // drops a second at 0.9 where a real dripping cave has 2, and at 0.2 left
            // the level in the quiet for over 90 % of the time, where the real cave
            // drips twice a second, about this cave's pace at 0.5).
            let pace = 0.5 + 1.1 * smoothedIntensity
            for i in points.indices {
                points[i].samplesToDrop -= 1
                if points[i].samplesToDrop <= 0 {
                    drop(at: i)
                    // A drop gathers at its own pace, give or take a fifth.
                    let period = points[i].periodSeconds / pace * (0.8 + 0.4 * random.unit())
                    points[i].samplesToDrop = Int(period * Self.sampleRate) + 1
                }
            }
            let clickLeft = click.0.next() * clickEnvelope
            let clickRight = click.1.next() * clickEnvelope
            clickEnvelope *= clickDecay
            let ring = bubbles.nextFrame()
            var left = ring.left + clickLeft * clickPan.left
            var right = ring.right + clickRight * clickPan.right
            if place == .tap {
                let struck = basinInput
                basinInput = 0
                let steel = basin.0.process(struck) + 0.6 * basin.1.process(struck) + 0.35 * basin.2.process(struck)
                left += steel
                right += steel
            }
            let wet = room.process((left + right) * 0.5)
            // The place's air, and the trickle that grows with the water: the real cave's
            // gaps sit 35 dB under its drops, not in silence.
            let airLevel = (0.0018 + 0.004 * smoothedIntensity) * (place == .tap ? 1.5 : 1)
            left += wet.left * wetLevel + air.0.next() * airLevel
            right += wet.right * wetLevel + air.1.next() * airLevel
            left = dcBlockers.2.process(dcBlockers.0.process(left)) * gain
            right = dcBlockers.3.process(dcBlockers.1.process(right)) * gain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Dripping {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "dripping", variants: Dripping.Place.allCases.map(\.rawValue), family: .water,
        summary: "water dripping into pools in an echoing cave, or a leaky tap into a sink; intensity: slow → fast drips",
        loudness: SoundLoudness(low: -31.1, middle: -30.3, high: -30.2),
        variantLoudness: ["tap": SoundLoudness(low: -24.3, middle: -24.6, high: -22.5)],
        makeSynthesizer: { variant, seed in Dripping(place: Dripping.Place(rawValue: variant) ?? .cave, seed: seed) })
}
