import AudioEngine
import DSP
import TestSupport
import Testing

@testable import AcousticTokens

#if canImport(Glibc)
    import Glibc
#endif

/// A key's change of intensity makes the engine render a fresh take and
/// crossfade into it within a period (`LayerSource.beginFreshTake`). What a
/// token layer carries over from before — the last grain of the old
/// intensity, a recorded bed's gain still gliding — must not be heard in it,
/// or the change comes 20–40 ms late (issue 13: 53 ms, against a bar of 50).
@Suite struct FreshTakeTests {
    /// Root mean square, in dB, of interleaved `samples` over frames `range`.
    static func decibels(_ samples: [Float], _ range: Range<Int>) -> Double {
        var energy = 0.0
        for frame in range {
            energy +=
                Double(
                    samples[2 * frame] * samples[2 * frame] + samples[2 * frame + 1] * samples[2 * frame + 1])
                / 2
        }
        return 10 * log10(max(energy / Double(range.count), 1e-20))
    }

    /// Noise rendered at two intensities 20 dB apart, labelled with them, as a
    /// built-in sound's corpus is: the walk aims at the one asked for.
    static func twoLevelModel() -> AcousticModel {
        var random = Random(seed: 11)
        let half = 8 * AudioFormat.sampleRate
        var samples = [Float](repeating: 0, count: 4 * half)
        for frame in 0..<(2 * half) {
            let amplitude: Float = frame < half ? 0.03 : 0.3
            samples[2 * frame] = amplitude * random.bipolar()
            samples[2 * frame + 1] = amplitude * random.bipolar()
        }
        let corpus = Corpus(interleaved: samples)
        let intensities = (0..<Framing.frameCount(sampleFrames: corpus.frameCount)).map {
            frame -> Float in
            frame * Framing.hopFrames + Framing.windowFrames / 2 < half ? 0.2 : 0.9
        }
        return AcousticModel.train(corpus, renderedIntensities: intensities)
    }

    @Test func aFreshTakesFirstHopIsAllAtTheNewIntensity() {
        let model = Self.twoLevelModel()
        let steady = render(TokenLayer(model: model, seed: 4), seconds: 2, intensity: 0.9)
        let loud = Self.decibels(steady, AudioFormat.sampleRate..<(2 * AudioFormat.sampleRate))
        let quarter = Framing.hopFrames / 4
        for fresh in [true, false] {
            let layer = TokenLayer(model: model, seed: 4)
            _ = render(layer, seconds: 2, intensity: 0.2)
            if fresh { layer.beginFreshTake() }
            var hop = [Float](repeating: 0, count: 2 * Framing.hopFrames)
            hop.withUnsafeMutableBufferPointer {
                layer.render(into: $0.baseAddress!, frameCount: Framing.hopFrames, intensity: 0.9)
            }
            let start = Self.decibels(hop, 0..<quarter)
            if fresh {
                #expect(
                    abs(start - loud) < 3,
                    "the fresh take starts at \(start) dB, the new intensity plays at \(loud) dB")
            } else {
                // The test can tell: without a fresh take the old grain still fades out there.
                #expect(start < loud - 6, "the old grain's tail plays at \(start) dB against \(loud) dB")
            }
        }
    }

    /// A recorded bed's gain over a constant source is the output itself.
    static func bedGains(blocks: [Int], frames: Int, freshAt: Int? = nil) -> [Float] {
        let layer = RecordedBedLayer(ConstantSource(left: 1, right: 1))
        var out = [Float](repeating: 0, count: 2 * frames)
        out.withUnsafeMutableBufferPointer { buffer in
            var done = 0
            var turn = 0
            while done < frames {
                let count = min(blocks[turn % blocks.count], frames - done)
                if done == freshAt { layer.beginFreshTake() }
                // Intensity 0.2 for the first 4800 frames, then 0.9.
                layer.render(
                    into: buffer.baseAddress! + 2 * done, frameCount: count,
                    intensity: done < 4800 ? 0.2 : 0.9)
                done += count
                turn += 1
            }
        }
        return (0..<frames).map { out[2 * $0] }
    }

    @Test func aRecordedBedGlidesToANewIntensitySmoothlyWhateverTheBlocks() {
        let frames = 2 * AudioFormat.sampleRate
        let gains = Self.bedGains(blocks: [480], frames: frames)
        let low = RecordedBedLayer.gain(atIntensity: 0.2)
        let high = RecordedBedLayer.gain(atIntensity: 0.9)
        #expect(gains[4799] == low)
        // A glide, not a step: no sample moves more than the smoothing allows, and it arrives.
        let smoothing = 1 - expf(-1 / (0.15 * Float(AudioFormat.sampleRate)))
        let steps = zip(gains.dropFirst(), gains).map { $0 - $1 }
        #expect(steps.allSatisfy { $0 >= 0 && $0 <= (high - low) * smoothing * 1.001 })
        #expect(abs(20 * log10(gains[frames - 1] / high)) < 0.01, "settles at the new gain")
        // How a caller cuts its blocks (each meeting the change at frame 4800) never changes a sample.
        #expect(Self.bedGains(blocks: [7, 473], frames: frames) == gains)
        #expect(Self.bedGains(blocks: [1200], frames: frames) == gains)
        #expect(Self.bedGains(blocks: [96], frames: frames) == gains)
    }

    @Test func aRecordedBedsFreshTakeStartsAtTheNewGain() {
        let gains = Self.bedGains(blocks: [480], frames: 9600, freshAt: 4800)
        #expect(gains[4799] == RecordedBedLayer.gain(atIntensity: 0.2))
        #expect(
            gains[4800] == RecordedBedLayer.gain(atIntensity: 0.9), "the mixer's crossfade is the glide")
    }
}
