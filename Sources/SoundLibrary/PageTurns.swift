import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Someone reading: a page turned every few seconds, and now and then the
/// small sounds of handling paper.
///
/// A page turn is a swish of paper — noise in a band that rises from about
/// 1 kHz to 3–4 kHz and falls back as the sheet accelerates and lands —
/// with a fast irregular flutter (the sheet's edge slapping the air and
/// rubbing its neighbour) and crackle that follow the swish's envelope, moving
/// from one side to the other, and it ends in a soft, low flap as the page
/// settles. Handling is a few short crinkles. Intensity is how often pages
/// turn: about one every 14 s for a slow reader, one every 3 s when leafing.
package final class PageTurns: LayerSource {
    /// The synthesizer's own level; the definition's loudness figures
    /// level-match it to the other sounds.
    private static let outputGain: Float = 1.3

    private var random: Random
    private var framesUntilEvent: Int
    // The page turn in progress.
    private var turnAge = Int.max
    private var turnLength = 1
    private var turnGain: Float = 0
    private var turnDirection: Float = 1
    private var turnCentre: Float = 2_500
    private var swishBand = Biquad()
    private var swishHighPass = Biquad(.highPass, frequency: 500)
    private var swishLowPass = Biquad(.lowPass, frequency: 9_000)
    private var flutter: Float = 0
    private var flutterTarget: Float = 0
    private var flapEnvelope: Float = 0
    private var flapLowPass = Biquad(.bandPass, frequency: 700, q: 0.5)
    private var flapMode = DampedMode()
    // Handling crinkles.
    private var crinklesLeft = 0
    private var framesUntilCrinkle = 0
    private var crinkleEnvelope: Float = 0
    private var crinkleBand = Biquad()
    private var crinklePan: Float = 0
    private var dcBlockLeft = Biquad(.highPass, frequency: 20)
    private var dcBlockRight = Biquad(.highPass, frequency: 20)
    private let room = SmallRoomReverb(size: 0.45, decay: 0.3, damping: 0.55)
    private var eagerness: Float = -1

    package init(seed: UInt64) {
        random = Random(seed: seed)
        framesUntilEvent = Int(random.uniform(0.5...2) * Float(AudioFormat.sampleRate))
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if eagerness < 0 { eagerness = target }
        eagerness += (target - eagerness) * 0.2
        let meanInterval = Self.meanSecondsBetweenTurns(at: eagerness)
        let floorGain: Float = 0.0005

        for frame in 0..<frameCount {
            if framesUntilEvent <= 0 { startEvent(meanInterval: meanInterval) }
            framesUntilEvent -= 1
            var left: Float = 0
            var right: Float = 0
            if turnAge < turnLength + 9_600 {
                let (sample, pan) = nextTurnSample()
                left += sample * (1 - pan)
                right += sample * (1 + pan)
            }
            if crinklesLeft > 0 || crinkleEnvelope > 1e-4 {
                let sample = nextCrinkleSample()
                left += sample * (1 - crinklePan)
                right += sample * (1 + crinklePan)
            }
            let wet = room.process((left + right) * 0.5)
            let outLeft = (left + wet.left * 0.6) * Self.outputGain + random.bipolar() * floorGain
            let outRight = (right + wet.right * 0.6) * Self.outputGain + random.bipolar() * floorGain
            output[frame * 2] = SoftCeiling.apply(dcBlockLeft.process(outLeft))
            output[frame * 2 + 1] = SoftCeiling.apply(dcBlockRight.process(outRight))
        }
    }

    private func startEvent(meanInterval: Float) {
        let sampleRate = Float(AudioFormat.sampleRate)
        // Never two turns within 1.5 s: a reader turns one page at a time.
        framesUntilEvent = Int(
            (1.5 + random.exponentialInterval(ratePerSecond: 1 / max(meanInterval - 1.5, 0.5))) * sampleRate)
        if random.unit() < 0.8 {
            turnAge = 0
            turnLength = Int(random.uniform(0.35...0.7) * sampleRate)
            turnGain = random.uniform(0.7...1.0)
            turnDirection = random.unit() < 0.85 ? 1 : -1
            turnCentre = random.uniform(2_000...3_200)
            flapEnvelope = 0
        } else {
            crinklesLeft = 2 + random.below(4)
            framesUntilCrinkle = 0
        }
    }

    /// One frame of the page turn and its stereo position (−1 left … 1 right).
    @inline(__always)
    private func nextTurnSample() -> (Float, Float) {
        let age = turnAge
        turnAge += 1
        let phase = Float(age) / Float(turnLength)
        var sample: Float = 0
        if phase < 1 {
            // Swish envelope: slow rise, peak at 60 %, quicker fall (sin² segments).
            let shape: Float =
                phase < 0.6 ? sinf(0.5 * .pi * phase / 0.6) : cosf(0.5 * .pi * (phase - 0.6) / 0.4)
            let envelope = shape * shape
            if age % 32 == 0 {
                swishBand.set(.bandPass, frequency: turnCentre * (0.45 + 0.75 * envelope), q: 0.9)
                flutterTarget = random.unit()
            }
            // Flutter: the sheet's edge beating the air, an irregular amplitude
            // texture of a few hundred hertz bandwidth that striates the swish.
            flutter += (flutterTarget - flutter) * 0.03
            var noise = random.bipolar()
            // Crackle: sparse sharp ticks whose density follows the swish.
            if random.unit() < 0.002 * envelope { noise += random.bipolar() * 3 }
            let swish = swishLowPass.process(swishBand.process(noise) + 0.12 * swishHighPass.process(noise))
            sample = swish * envelope * (0.2 + 1.6 * flutter * flutter) * 0.55
        } else if age == turnLength {
            flapEnvelope = 1
            flapMode.tune(frequency: random.uniform(160...260), decaySeconds: 0.05)
        }
        if flapEnvelope > 1e-4 {
            let burst = random.bipolar() * flapEnvelope
            flapEnvelope *= 0.998
            sample += (flapLowPass.process(burst) * 0.25 + flapMode.process(burst) * 0.02)
        }
        let pan = turnDirection * (0.5 - min(phase, 1)) * 0.8
        return (sample * turnGain, pan)
    }

    /// One frame of paper handling: a few short crinkles at random moments.
    @inline(__always)
    private func nextCrinkleSample() -> Float {
        if crinklesLeft > 0 {
            if framesUntilCrinkle <= 0 {
                crinkleEnvelope = random.uniform(0.3...0.7)
                crinkleBand.set(.bandPass, frequency: random.uniform(2_500...6_000), q: 1.5)
                crinklePan = random.uniform(-0.4...0.4)
                framesUntilCrinkle = Int(random.uniform(0.05...0.2) * Float(AudioFormat.sampleRate))
                crinklesLeft -= 1
            }
            framesUntilCrinkle -= 1
        }
        var noise = random.bipolar()
        if random.unit() < 0.01 { noise *= 5 }
        let sample = crinkleBand.process(noise) * crinkleEnvelope
        crinkleEnvelope *= 0.9993
        return sample
    }
}

extension PageTurns {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "pages", variants: ["book"],
        family: .things,
        summary: "pages of a book turned every few seconds, and a little paper handling",
        loudness: SoundLoudness(low: -17.9, middle: -17.9, high: -18.2),
        // 42 s at 0 down to 12 s at 1: in 12 s at 0.4 the corpus held no turn, and through
        // tokens pages at 0.4 (what the prompt "pages" plans) played only the room's floor, at −69 LUFS.
        eventPace: EventPace(eventsPerCorpusSegment: 3, meanSecondsBetweenEvents: PageTurns.meanSecondsBetweenTurns),
        makeSynthesizer: { _, seed in PageTurns(seed: seed) })

    /// Mean seconds between page turns at `intensity`: 14 s at 0, 3 s at 1, on a logarithmic scale.
    package static func meanSecondsBetweenTurns(at intensity: Float) -> Float {
        14 * powf(3.0 / 14.0, intensity)
    }
}
