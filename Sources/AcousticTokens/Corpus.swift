import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#endif

/// The audio a layer is learned from: 48 kHz interleaved stereo, kept as
/// 16-bit PCM because grains are copied straight out of it while playing and
/// a model file stores it whole (half the memory and disk of Float, with a
/// noise floor near −96 dBFS, far below any ambient recording's own).
///
/// A corpus lives in memory while it is rendered and trained, and on disk
/// once its model is cached (a `StoredArray`): a loaded model reads each
/// grain from the model file as it plays, so a playing layer keeps only its
/// tables in memory, not minutes of audio.
public struct Corpus: Sendable, Equatable {
    private let stored: StoredArray<Int16>
    /// Interleaved left/right samples in all.
    public var sampleCount: Int { stored.count }

    /// Interleaved left/right samples. A file-backed corpus reads them all
    /// from disk: for training and tests, never while playing.
    public var samples: [Int16] { stored.elements }

    /// Whether the samples are read from a file as they are needed.
    public var isFileBacked: Bool { stored.isFileBacked }

    /// Stereo frames (samples per channel).
    public var frameCount: Int { sampleCount / 2 }
    /// Length in seconds at 48 kHz.
    public var durationSeconds: Double { Double(frameCount) / Double(AudioFormat.sampleRate) }

    /// Wraps already-quantised interleaved stereo samples.
    public init(samples: [Int16]) {
        precondition(samples.count % 2 == 0, "interleaved stereo")
        stored = StoredArray(samples)
    }

    /// A corpus of `sampleCount` samples that stay in `file`, from `byteOffset` on.
    init(file: ModelFileReader, byteOffset: Int, sampleCount: Int) {
        precondition(sampleCount % 2 == 0, "interleaved stereo")
        stored = StoredArray(file: file, byteOffset: byteOffset, count: sampleCount)
    }

    /// Copies `count` interleaved samples starting at sample `start` into
    /// `destination`. Never allocates; a file-backed corpus reads them with
    /// one `pread` (so call it from a generation worker, never the audio thread).
    @inline(__always)
    public func read(from start: Int, count: Int, into destination: UnsafeMutablePointer<Int16>) {
        stored.copy(from: start, count: count, into: destination)
    }


    /// Quantises interleaved stereo Float samples (−1…1) with TPDF dither,
    /// seeded so the same audio always gives the same corpus (and cache key).
    public init(interleaved: [Float]) {
        precondition(interleaved.count % 2 == 0, "interleaved stereo")
        var random = Random(seed: 0x5EED)
        self.init(
            samples: interleaved.map { x in
                let dithered = x * 32767 + random.unit() - random.unit()
                return Int16(max(-32768, min(32767, dithered.rounded())))
            })
    }

    /// Renders `seconds` of `source`, sweeping its intensity across
    /// `intensities` in equal segments, so the corpus covers the whole
    /// intensity range of a procedural sound.
    public init(rendering source: LayerSource, seconds: Double, intensities: [Float], settleSeconds: Double = 1) {
        self.init(
            rendering: source, layout: CorpusLayout(intensities: intensities, seconds: seconds),
            settleSeconds: settleSeconds)
    }

    /// Renders `source` segment by segment of `layout`, each at its intensity.
    ///
    /// Before each segment the source plays `settleSeconds` at the segment's
    /// intensity that are not kept: synthesizers glide to a new intensity
    /// (rain over ≈ 0.2 s), and a segment that began with the glide would
    /// hold frames labelled 0.2 that sound like 0 — in rain, the near-silent
    /// gaps a walk aimed at 0.2 played as holes (issue 20). The segments meet
    /// at cuts, which the token walk never plays across (`IntensityAim`).
    public init(rendering source: LayerSource, layout: CorpusLayout, settleSeconds: Double = 1) {
        let total = layout.totalFrames
        let settle = Int(settleSeconds * Double(AudioFormat.sampleRate))
        let block = 1024
        var buffer = [Float](repeating: 0, count: total * 2)
        var discard = [Float](repeating: 0, count: block * 2)
        buffer.withUnsafeMutableBufferPointer { out in
            discard.withUnsafeMutableBufferPointer { scratch in
                var frame = 0
                for (segment, intensity) in layout.intensities.enumerated() {
                    var played = 0
                    while played < settle {
                        let count = min(block, settle - played)
                        source.render(into: scratch.baseAddress!, frameCount: count, intensity: intensity)
                        played += count
                    }
                    // Blocks stop at segment ends, so no block straddles two intensities.
                    let end = frame + layout.segmentFrames[segment]
                    while frame < end {
                        let count = min(block, end - frame)
                        source.render(into: out.baseAddress! + frame * 2, frameCount: count, intensity: intensity)
                        frame += count
                    }
                }
            }
        }
        self.init(interleaved: buffer)
    }

    /// Mono mix (L+R)/2 as Float, for analysis.
    public func monoMix() -> [Float] {
        var mono = [Float](repeating: 0, count: frameCount)
        let scale: Float = 0.5 / 32768
        let samples = self.samples
        samples.withUnsafeBufferPointer { s in
            for i in 0..<frameCount { mono[i] = (Float(s[2 * i]) + Float(s[2 * i + 1])) * scale }
        }
        return mono
    }
}
