/// The audio a layer is learned from: 48 kHz interleaved stereo, kept as
/// 16-bit PCM because grains are copied straight out of it while playing and
/// a model file stores it whole (half the memory and disk of Float, with a
/// noise floor near −96 dBFS, far below any ambient recording's own).
public struct Corpus: Sendable, Equatable {
    /// Interleaved left/right samples.
    public let samples: [Int16]

    /// Stereo frames (samples per channel).
    public var frameCount: Int { samples.count / 2 }
    /// Length in seconds at 48 kHz.
    public var durationSeconds: Double { Double(frameCount) / Double(AudioFormat.sampleRate) }

    /// Wraps already-quantised interleaved stereo samples.
    public init(samples: [Int16]) {
        precondition(samples.count % 2 == 0, "interleaved stereo")
        self.samples = samples
    }

    /// Quantises interleaved stereo Float samples (−1…1) with TPDF dither,
    /// seeded so the same audio always gives the same corpus (and cache key).
    public init(interleaved: [Float]) {
        precondition(interleaved.count % 2 == 0, "interleaved stereo")
        var random = Random(seed: 0x5EED)
        samples = interleaved.map { x in
            let dithered = x * 32767 + random.unit() - random.unit()
            return Int16(max(-32768, min(32767, dithered.rounded())))
        }
    }

    /// Renders `seconds` of `source`, sweeping its intensity across
    /// `intensities` in equal segments, so the corpus covers the whole
    /// intensity range of a procedural sound.
    public init(rendering source: LayerSource, seconds: Double, intensities: [Float]) {
        let total = Int(seconds * Double(AudioFormat.sampleRate))
        let block = 1024
        var buffer = [Float](repeating: 0, count: total * 2)
        buffer.withUnsafeMutableBufferPointer { out in
            var frame = 0
            while frame < total {
                let count = min(block, total - frame)
                let segment = min(intensities.count - 1, frame * intensities.count / total)
                source.render(into: out.baseAddress! + frame * 2, frameCount: count, intensity: intensities[segment])
                frame += count
            }
        }
        self.init(interleaved: buffer)
    }

    /// Mono mix (L+R)/2 as Float, for analysis.
    public func monoMix() -> [Float] {
        var mono = [Float](repeating: 0, count: frameCount)
        let scale: Float = 0.5 / 32768
        samples.withUnsafeBufferPointer { s in
            for i in 0..<frameCount { mono[i] = (Float(s[2 * i]) + Float(s[2 * i + 1])) * scale }
        }
        return mono
    }
}
