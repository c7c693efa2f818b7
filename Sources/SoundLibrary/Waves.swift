import AudioEngine
import DSP
/// Ocean waves on a beach.
///
/// Swells arrive with a period of several seconds (jittered, so no two are
/// alike): each is a rising roar as the wave builds and breaks, a short
/// crash of foam, then a hissing, fizzing wash-back as the water slides down
/// the sand; the break travels along the shore, so each wave moves across
/// the stereo field. Swells come irregularly and overlap (a wave often arrives
/// while the last one still drains), and a surf bed from farther out, its low
/// roar and its distant hiss, never stops: real surf is never silent and never
/// keeps time.
/// Intensity = size: 0 = small lapping waves every ≈6 s, 1 = big surf
/// every ≈11 s with a deep roar and a long wash.
package final class Waves: LayerSource {
    private var random: Random
    private var voices: [Breaker]
    private var bedWhite: WhiteNoise
    private var bedPink = KelletPinkNoise()
    private var bedFilter = Biquad(.lowPass, frequency: 600)
    private var bedHissFilter = Biquad(.highPass, frequency: 1500)
    private var bedWander: SlowRandomWalk
    private let fizz = BubbleBank(capacity: 64)
    private var dcBlockers = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var limiter = PeakLimiter()
    private var samplesToNextWave = 0
    private var smoothedIntensity: Float = -1
    private var nextVoice = 0
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let outputGain: Float = 0.73

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        voices = (0..<4).map { _ in Breaker(seed: seeds.childSeed()) }
        bedWhite = WhiteNoise(seed: seeds.childSeed())
        bedWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 5, glideSeconds: 2)
        samplesToNextWave = Int((0.2 + random.unit()) * Waves.sampleRate)
    }

    /// Mean seconds between swells at `intensity`.
    package static func swellPeriodSeconds(at intensity: Float) -> Float { 6.5 + 4.5 * intensity }

    private func sendWave(intensity: Float) {
        let period = Waves.swellPeriodSeconds(at: intensity) * (0.75 + 0.5 * random.unit())
        let size = (0.55 + 0.45 * intensity) * (0.75 + 0.5 * random.unit())
        let from = random.bipolar() * 0.8
        let to = max(-0.9, min(0.9, from + (random.unit() < 0.5 ? -1 : 1) * (0.4 + 0.6 * random.unit())))
        voices[nextVoice].start(periodSeconds: period, size: size, panFrom: from, panTo: to, intensity: intensity)
        nextVoice = (nextVoice + 1) % voices.count
        // The next one comes before this one has drained, at an irregular gap;
        // now and then a set of two close together.
        let gap = random.unit() < 0.1 ? 0.35 + 0.2 * random.unit() : 0.75 + 0.35 * random.unit()
        samplesToNextWave = Int(period * gap * Waves.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            samplesToNextWave -= 1
            if samplesToNextWave <= 0 { sendWave(intensity: smoothedIntensity) }

            var left: Float = 0
            var right: Float = 0
            var foam: Float = 0
            for i in voices.indices where voices[i].isSounding {
                let s = voices[i].next()
                left += s.left
                right += s.right
                foam += s.fizzRate
                // Fizz: bursting foam bubbles while the water drains back.
                if s.fizzRate > 0 && random.unit() < s.fizzRate / Waves.sampleRate {
                    let radius: Float = 0.00025 + 0.0006 * random.unit()
                    fizz.triggerBubble(
                        radiusMetres: radius, gain: 0.012 * (0.3 + random.unit()),
                        pan: s.pan + 0.4 * random.bipolar())
                }
            }
            let bubbles = fizz.nextFrame()
            left += bubbles.left
            right += bubbles.right

            let bedLevel = (0.06 + 0.07 * smoothedIntensity) * (0.7 + 0.6 * bedWander.next())
            let pink = bedPink.process(bedWhite.next())
            let bed = (bedFilter.process(pink) + 0.35 * bedHissFilter.process(pink)) * bedLevel
            left += bed
            right += bed

            left = dcBlockers.0.process(left) * Waves.outputGain
            right = dcBlockers.1.process(right) * Waves.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Waves {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "waves", variants: ["beach"],
        family: .water,
        summary: "ocean swells breaking on a beach; intensity: lapping → big surf",
        loudness: SoundLoudness(low: -22.2, middle: -20.6, high: -18.0),
        makeSynthesizer: { _, seed in Waves(seed: seed) })
}
