import AudioEngine
import DSP
import Foundation
import SoundLibrary

/// How a built-in sound plays from real recordings (`SoundLibrary.recordedBeds`).
///
/// Design: one token model per bed, learned from a corpus that strings its
/// takes together from the gentlest to the strongest, each take's level set by
/// the intensity it stands for (`takeSlope` dB per unit of intensity around
/// `SoundLoudness.reference`), and each frame labelled with its take's
/// intensity, as a synthesizer's corpus is labelled with the intensity it was
/// rendered at. The walk then aims at the take nearest the requested intensity
/// (`TokenModel`'s aim): at a bed's usual intensity it stays within one real
/// recording rather than hopping between unlike ones, and turning intensity up
/// moves it to the heavier recording — heavier rain is denser and louder
/// because it plays the heavier rain. Where the walk changes recordings only at
/// its next jump, `RecordedBedLayer` adds a smoothed gain of `playSlope` dB per
/// unit, so moving intensity is heard at once and settles within a fraction of
/// a second, with no cut, even for a bed of a single recording.
///
/// The corpus takes at most `takeSeconds` of each recording, so a bed trains
/// in seconds; models are cached like every other (`ModelCache`), keyed by the
/// recordings' bytes, so a changed file is retrained.
public struct RecordedBedModel: Sendable {
    /// Level of a take per unit of its intensity, in dB.
    public static let takeSlope = 10.0
    /// Gain per unit of played intensity, in dB, centred on 0.5.
    public static let playSlope: Float = 6
    /// Each take's fade in and out in the corpus, so takes join without a click.
    static let joinSeconds = 0.05

    public let bed: RecordedBed
    /// Seconds of each recording the corpus takes (its first ones).
    public let takeSeconds: Double

    public init(bed: RecordedBed, takeSeconds: Double) {
        self.bed = bed
        self.takeSeconds = takeSeconds
    }

    /// The cache key: the bed, its settings and every recording's bytes.
    /// Throws when a recording cannot be read.
    /// With a `memo`, a recording unchanged since an earlier start is not read again.
    func cacheKey(variant: String, shelf: RecordingShelf, memo: CacheKeyMemo? = nil) throws -> String {
        var parts = ["recorded", "aimed", bed.sound, variant, "\(takeSeconds)", "\(Self.takeSlope)"]
        for take in bed.takes {
            let path = shelf.path(of: take.file)
            let checksum = { String(ModelFile.checksum(try Data(contentsOf: URL(fileURLWithPath: path))), radix: 16) }
            parts += [take.file, "\(take.intensity)", try memo?.fileChecksum(path, make: checksum) ?? checksum()]
        }
        return ModelCache.key(parts: parts, samples: [])
    }

    /// The corpus: every take decoded, levelled to its intensity, faded at its
    /// ends and joined in intensity order; with each codec frame's label, the
    /// intensity of the take holding the frame's centre.
    func corpus(shelf: RecordingShelf) throws -> (corpus: Corpus, intensities: [Float]) {
        var joined: [Float] = []
        var takeEnds: [(frame: Int, intensity: Float)] = []
        for take in bed.takes.sorted(by: { $0.intensity < $1.intensity }) {
            var samples = try shelf.read(shelf.path(of: take.file), takeSeconds)
            guard samples.count >= 2 * AudioFormat.sampleRate / 10 else { continue }
            Self.level(&samples, to: SoundLoudness.reference + Self.takeSlope * Double(take.intensity - 0.5))
            Self.fadeEnds(&samples)
            joined += samples
            takeEnds.append((joined.count / 2, take.intensity))
        }
        guard joined.count / 2 >= Framing.windowFrames + 16 * Framing.hopFrames else {
            throw SoundProviderError.unusable(sound: bed.sound, reason: "its recordings hold too little audio")
        }
        let corpus = Corpus(interleaved: joined)
        let intensities = (0..<Framing.frameCount(sampleFrames: corpus.frameCount)).map { frame in
            let centre = frame * Framing.hopFrames + Framing.windowFrames / 2
            return (takeEnds.first { centre < $0.frame } ?? takeEnds[takeEnds.count - 1]).intensity
        }
        return (corpus, intensities)
    }

    /// Scales interleaved stereo `samples` to `target` LUFS, less where that would clip.
    static func level(_ samples: inout [Float], to target: Double) {
        let (lufs, peak) = samples.withUnsafeBufferPointer {
            (LoudnessMeter.integratedLoudness(of: $0), Loudness.peak($0))
        }
        guard lufs.isFinite, peak > 0 else { return }
        let gain = min(Float(pow(10, (target - lufs) / 20)), 0.98 / peak)
        for i in samples.indices { samples[i] *= gain }
    }

    /// Fades interleaved stereo `samples` in and out over `joinSeconds` (half-cosine).
    static func fadeEnds(_ samples: inout [Float]) {
        let frames = samples.count / 2
        let length = min(frames / 2, Int(joinSeconds * Double(AudioFormat.sampleRate)))
        guard length > 0 else { return }
        for i in 0..<length {
            let gain = Float(0.5 - 0.5 * cos(Double.pi * Double(i) / Double(length)))
            for channel in 0..<2 {
                samples[2 * i + channel] *= gain
                samples[2 * (frames - 1 - i) + channel] *= gain
            }
        }
    }
}

/// A token layer over a recorded bed's model, with the bed's intensity gain
/// (`RecordedBedModel.playSlope`), smoothed with a 0.15 s time constant so a
/// moved slider glides instead of stepping. Never allocates.
public final class RecordedBedLayer: LayerSource {
    private let tokens: LayerSource
    private var gain: Float = 1
    private var started = false
    private let smoothing = 1 - exp(-1 / (0.15 * Float(AudioFormat.sampleRate)))

    public init(_ tokens: LayerSource) {
        self.tokens = tokens
    }

    /// A fresh take starts at its intensity's gain: the mixer's crossfade into
    /// it is the glide (a 0.15 s glide there was most of the 53 ms before a
    /// change of intensity was heard half-way).
    public func beginFreshTake() {
        started = false
        tokens.beginFreshTake()
    }

    /// The linear gain the bed plays at `intensity` once settled.
    public static func gain(atIntensity intensity: Float) -> Float {
        pow(10, RecordedBedModel.playSlope * (min(1, max(0, intensity)) - 0.5) / 20)
    }

    /// The glide runs in a local (kept in the stored property, every sample's
    /// step went through memory, a third of the layer's time), and stops as soon as a step no longer moves it: the rest of the
    /// block is then one constant gain, a loop that vectorises, or nothing at
    /// all at gain 1 (intensity 0.5). The samples are the same as the plain
    /// per-sample glide's, bit for bit.
    public func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        tokens.render(into: output, frameCount: frameCount, intensity: intensity)
        let target = Self.gain(atIntensity: intensity)
        if !started {
            gain = target
            started = true
        }
        let smoothing = self.smoothing
        var gain = self.gain
        var frame = 0
        while frame < frameCount {
            let next = gain + (target - gain) * smoothing
            // Settled: every later step rounds to the same value.
            if next == gain { break }
            gain = next
            output[2 &* frame] *= gain
            output[2 &* frame &+ 1] *= gain
            frame &+= 1
        }
        if frame < frameCount && gain != 1 {
            for index in (2 &* frame)..<(2 &* frameCount) { output[index] *= gain }
        }
        self.gain = gain
    }
}
