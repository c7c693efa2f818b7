import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Someone typing: words in bursts, a space bar between them, now and then
/// an enter and a pause to think.
///
/// Timing follows typists' measured rhythm: inter-key intervals are
/// log-normal around 120–230 ms, words run 2–9 letters, and pauses of one to
/// several seconds separate phrases. Each stroke is the key cap's click (a
/// short band of noise at 3–5 kHz), the thock of bottoming out a few
/// milliseconds later (low modes of the cap and the board), and a softer
/// release click as the key comes back up. The space bar is larger, lower
/// and rattles on its stabiliser; enter is heavier. Intensity is how busy
/// the typist is: faster keys, longer words, fewer pauses.
package final class KeyboardTyping: LayerSource {
    private enum KeyKind { case letter, space, enter }

    /// One sounding key stroke: press and release share its resonances.
    private struct Stroke {
        var age = Int.max
        var gain: Float = 0
        var pan: Float = 0
        var bottomOutFrame = 0
        var releaseFrame = 0
        var rattleFrame = Int.max
        var clickBand = Biquad()
        var modes = (DampedMode(), DampedMode(), DampedMode())
    }

    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 2.1
    private static let voiceCount = 6

    private var random: Random
    private var strokes: [Stroke]
    private var nextVoice = 0
    private var framesUntilStroke: Int
    private var lettersLeftInWord = 0
    private var wordsUntilEnter = 8
    private var dcBlockLeft = Biquad(.highPass, frequency: 20)
    private var dcBlockRight = Biquad(.highPass, frequency: 20)
    private let room = SmallRoomReverb(size: 0.5, decay: 0.4, damping: 0.7)
    private var activity: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        strokes = [Stroke](repeating: Stroke(), count: Self.voiceCount)
        framesUntilStroke = AudioFormat.sampleRate / 2
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if activity < 0 { activity = target }
        activity += (target - activity) * 0.2
        let floorGain: Float = 0.0004

        for frame in 0..<frameCount {
            if framesUntilStroke <= 0 { strike() }
            framesUntilStroke -= 1
            var left: Float = 0
            var right: Float = 0
            for voice in 0..<Self.voiceCount where strokes[voice].age < 12_000 {
                let sample = strokes[voice].gain == 0 ? 0 : nextSample(voice)
                // Pan by attenuating the far side only, so a key at the edge is no louder than one in the middle.
                left += sample * min(1 - strokes[voice].pan, 1)
                right += sample * min(1 + strokes[voice].pan, 1)
            }
            let wet = room.process((left + right) * 0.5)
            let dryLeft = left * Self.outputGain + wet.left * 0.45 * Self.outputGain + random.bipolar() * floorGain
            let dryRight = right * Self.outputGain + wet.right * 0.45 * Self.outputGain + random.bipolar() * floorGain
            output[frame * 2] = SoftCeiling.apply(dcBlockLeft.process(dryLeft))
            output[frame * 2 + 1] = SoftCeiling.apply(dcBlockRight.process(dryRight))
        }
    }

    /// Starts the next key and schedules the one after it.
    private func strike() {
        let kind: KeyKind
        var interval = keyInterval()
        if lettersLeftInWord > 0 {
            kind = .letter
            lettersLeftInWord -= 1
            if lettersLeftInWord == 0 { interval *= 1.25 }  // reaching for the space bar
        } else {
            wordsUntilEnter -= 1
            if wordsUntilEnter <= 0 {
                kind = .enter
                wordsUntilEnter = 5 + random.below(12)
                interval = random.uniform(1.2...3.5) * (1.6 - activity)  // reading back what was written
            } else {
                kind = .space
                // Between words, a thinking pause now and then; rarer for a busy typist.
                let pauseChance = 0.28 - 0.22 * activity
                if random.unit() < pauseChance { interval = random.uniform(0.7...3.0) * (1.5 - activity) }
            }
            lettersLeftInWord = 2 + random.below(4) + random.below(Int(3 + 3 * activity))
        }
        framesUntilStroke = Int(interval * Float(AudioFormat.sampleRate))
        startStroke(kind)
    }

    /// Log-normal inter-key interval in seconds, median 230 ms (idle) to 125 ms (busy).
    private func keyInterval() -> Float {
        let median: Float = 0.23 - 0.105 * activity
        return min(max(median * expf(0.28 * random.gaussian()), 0.085), 0.42)
    }

    private func startStroke(_ kind: KeyKind) {
        var stroke = strokes[nextVoice]
        nextVoice = (nextVoice + 1) % Self.voiceCount
        let sampleRate = Float(AudioFormat.sampleRate)
        let size: Float = kind == .letter ? random.uniform(0.92...1.08) : (kind == .space ? 0.62 : 0.8)
        stroke.age = 0
        stroke.gain = (kind == .letter ? 1 : (kind == .space ? 1.05 : 1.1)) * random.uniform(0.75...1.0)
        stroke.pan =
            kind == .space ? random.uniform(-0.05...0.05) : (kind == .enter ? 0.45 : random.uniform(-0.4...0.35))
        stroke.bottomOutFrame = Int(random.uniform(0.003...0.007) * sampleRate)
        stroke.releaseFrame = Int(random.uniform(0.075...0.14) * sampleRate)
        stroke.rattleFrame = kind == .space ? Int(random.uniform(0.009...0.014) * sampleRate) : Int.max
        stroke.clickBand.set(.bandPass, frequency: random.uniform(2_500...4_500) * size, q: 0.9)
        stroke.modes.0.tune(frequency: random.uniform(240...330) * size, decaySeconds: 0.025 / size, amplitude: 1)
        stroke.modes.1.tune(frequency: random.uniform(720...980) * size, decaySeconds: 0.018, amplitude: 0.6)
        stroke.modes.2.tune(frequency: random.uniform(1_700...2_300) * size, decaySeconds: 0.010, amplitude: 0.4)
        strokes[nextVoice == 0 ? Self.voiceCount - 1 : nextVoice - 1] = stroke
    }

    /// One frame of a stroke: click at press, thock at bottom-out, quieter click at release.
    @inline(__always)
    private func nextSample(_ voice: Int) -> Float {
        let age = strokes[voice].age
        strokes[voice].age = age + 1
        var click: Float = 0
        var knock: Float = 0
        if age < 600 { click += random.bipolar() * expf(-Float(age) / 110) }
        // The body is struck by smooth 1 ms pulses of fixed area, so the cap and
        // board ring equally every time instead of integrating random noise.
        knock += Self.pulse(age - strokes[voice].bottomOutFrame)
        knock += Self.pulse(age - strokes[voice].rattleFrame) * 0.6
        let release = age - strokes[voice].releaseFrame
        if release >= 0 && release < 240 { click += random.bipolar() * expf(-Float(release) / 40) * 0.2 }
        knock += Self.pulse(release) * 0.3
        let clickOut = strokes[voice].clickBand.process(click) * 0.9 + click * 0.08
        let body =
            strokes[voice].modes.0.process(knock) + strokes[voice].modes.1.process(knock)
            + strokes[voice].modes.2.process(knock)
        return (clickOut + body * 0.35) * strokes[voice].gain
    }

    /// A half-sine pulse of unit area over 48 frames (1 ms); zero outside it.
    @inline(__always)
    private static func pulse(_ frame: Int) -> Float {
        guard frame >= 0 && frame < 48 else { return 0 }
        return sinf(Float.pi * Float(frame) / 48) * (Float.pi / 96)
    }
}

extension KeyboardTyping {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "keyboard", variants: ["typing"],
        family: .things,
        summary: "someone typing in bursts of words, with space bar, enter and pauses",
        loudness: SoundLoudness(low: -21.9, middle: -20.8, high: -19.8)
    ) { _, seed in
        KeyboardTyping(seed: seed)
    }
}
