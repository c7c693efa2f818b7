import AudioEngine
import DSP
import Foundation
import SoundLibrary

// How loud a token layer plays. A model reproduces its corpus's level only
// roughly (a brown noise comes out a couple of decibels louder, sparse birds
// quieter), so the loudness staging of a built-in sound played through tokens
// uses what its model was measured to play at, kept beside the model in the
// disk cache; until a model exists, the synthesizer's own figures.
extension TokenSoundProvider {
    /// Seconds rendered at each intensity and seed to measure a model: a
    /// minute, because some walks change their level over tens of seconds.
    static let loudnessProbeSeconds = 60.0

    /// A built-in layer plays at what its model measured (or, before it has
    /// one, at its sound's figures); a learned one at its recording's loudness,
    /// measured when it was learned.
    public func playedLoudness(of layer: MixLayer) -> Double? {
        guard let definition = SoundLibrary.builtIn(named: layer.sound) else {
            return store.info(name: layer.sound)?.loudness
        }
        let variant = layer.variant ?? definition.variants[0]
        guard definition.variants.contains(variant) else { return nil }
        let memoryKey = "\(layer.sound)/\(variant)"
        if let curve = loudnessCurves.withLock({ $0[memoryKey] }) { return curve.loudness(atIntensity: layer.intensity) }
        // Only a key known without a probe render: staging is on the way to the first audio,
        // and a layer whose key is not known yet starts on its synthesizer anyway.
        if let key = knownDiskKey(definition, variant: variant), let curve = cache.loudness(key: key) {
            loudnessCurves.withLock { $0[memoryKey] = curve }
            return curve.loudness(atIntensity: layer.intensity)
        }
        return SoundLibrary.playedLoudness(of: layer)
    }

    /// Remembers what `model` plays at, measuring it once per cache entry.
    func noteLoudness(of model: AcousticModel, sound: String, variant: String, cacheKey: String, recorded: Bool = false) {
        let memoryKey = "\(sound)/\(variant)"
        if loudnessCurves.withLock({ $0[memoryKey] }) != nil { return }
        let curve: SoundLoudness
        if let known = cache.loudness(key: cacheKey) {
            curve = known
        } else {
            curve = Self.measureLoudness(of: model, recorded: recorded)
            cache.store(curve, key: cacheKey)
        }
        loudnessCurves.withLock { $0[memoryKey] = curve }
    }

    /// The integrated loudness a model plays at, at the three intensities
    /// `SoundLoudness` keeps: the power mean of three seeds, since one walk
    /// through a model strays from another by a decibel or two.
    /// A `recorded` bed's model is measured as it plays, with its intensity gain.
    static func measureLoudness(of model: AcousticModel, recorded: Bool = false) -> SoundLoudness {
        let (low, middle, high) = SoundLoudness.intensities
        let frames = Int(loudnessProbeSeconds * Double(AudioFormat.sampleRate))
        var samples = [Float](repeating: 0, count: frames * AudioFormat.channelCount)
        let seeds: [UInt64] = [corpusSeed, corpusSeed &+ 1, corpusSeed &+ 2]
        let figures = [low, middle, high].map { intensity in
            let power = seeds.map { seed in
                let tokens = TokenLayer(model: model, seed: seed)
                let layer: LayerSource = recorded ? RecordedBedLayer(tokens) : tokens
                let lufs = samples.withUnsafeMutableBufferPointer { buffer in
                    var done = 0
                    while done < frames {
                        let count = min(4_800, frames - done)
                        layer.render(into: buffer.baseAddress! + 2 * done, frameCount: count, intensity: intensity)
                        done += count
                    }
                    return LoudnessMeter.integratedLoudness(of: UnsafeBufferPointer(buffer))
                }
                return lufs.isFinite ? pow(10, lufs / 10) : 0
            }.reduce(0.0, +) / Double(seeds.count)
            return power > 0 ? 10 * log10(power) : -.infinity
        }
        return SoundLoudness(low: figures[0], middle: figures[1], high: figures[2])
    }
}

extension ModelCache {
    private func loudnessFile(for key: String) -> URL { directory.appendingPathComponent("\(key).loudness") }

    /// What the model under `key` was measured to play at; nil when not measured (or unreadable).
    func loudness(key: String) -> SoundLoudness? {
        guard let text = try? String(contentsOf: loudnessFile(for: key), encoding: .utf8) else { return nil }
        let figures = text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard figures.count == 3, figures.allSatisfy(\.isFinite) else { return nil }
        return SoundLoudness(low: figures[0], middle: figures[1], high: figures[2])
    }

    /// Keeps `curve` beside the model under `key`, atomically; failing only costs a re-measure.
    func store(_ curve: SoundLoudness, key: String) {
        guard curve.low.isFinite, curve.middle.isFinite, curve.high.isFinite else { return }
        let text = "\(curve.low) \(curve.middle) \(curve.high)\n"
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: loudnessFile(for: key), options: .atomic)
    }
}
