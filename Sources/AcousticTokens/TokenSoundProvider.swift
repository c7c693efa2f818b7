import AudioEngine
import Foundation
import SoundLibrary
import Synchronization

/// Plays every sound through acoustic tokens (DESIGN.md, "Acoustic tokens").
///
/// A built-in sound is first rendered as a corpus from its procedural
/// synthesizer (72 s, intensity stepping 0 → 1 in 12 s segments, fixed seed),
/// learned, and cached on disk; a learned sound is loaded from the learned
/// sound store. Either way the layer is a `TokenLayer` over the model.
/// Models are kept in memory too, so layers of the same sound share one.
public final class TokenSoundProvider: SoundProvider {
    /// Seconds of corpus rendered from a built-in synthesizer.
    public static let corpusSeconds = 72.0
    /// Intensities the corpus steps through, one equal segment each.
    public static let corpusIntensities: [Float] = [0, 0.2, 0.4, 0.6, 0.8, 1]
    /// Seconds rendered to recognise a built-in synthesizer in the cache key.
    static let probeSeconds = 3.0
    static let corpusSeed: UInt64 = 0x50D5_C0DE

    public let cache: ModelCache
    public let store: LearnedSoundStore
    private let loaded = Mutex<[String: AcousticModel]>([:])
    /// What each built-in model plays at, by its memory key (see `TokenLoudness.swift`).
    let loudnessCurves = Mutex<[String: SoundLoudness]>([:])
    /// Models trained (not loaded from disk) by this provider, for tests and `bench`.
    public var trainedCount: Int { trained.load(ordering: .relaxed) }
    private let trained = Atomic<Int>(0)

    public init(cache: ModelCache = ModelCache(), store: LearnedSoundStore = LearnedSoundStore()) {
        self.cache = cache
        self.store = store
    }

    public func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        TokenLayer(model: try model(sound: layer.sound, variant: layer.variant), seed: seed)
    }


    /// True unless the model `layer` plays is already in memory: making its
    /// source would render and train a corpus, or load a model file.
    public func preparationNeeded(for layer: MixLayer) throws -> Bool {
        let key = try modelKey(sound: layer.sound, variant: layer.variant)
        return loaded.withLock { $0[key] == nil }
    }

    /// The trained model of a built-in sound's variant (nil: its default) or of a learned sound.
    public func model(sound: String, variant: String? = nil) throws -> AcousticModel {
        let key = try modelKey(sound: sound, variant: variant)
        if let definition = SoundLibrary.builtIn(named: sound) {
            return try cached(key) { builtInModel(definition, variant: variant ?? definition.variants[0]) }
        }
        return try cached(key) { () throws(SoundProviderError) in try store.loadModel(name: sound) }
    }

    /// Where a sound's model is kept in memory; throws for unknown sounds and variants.
    private func modelKey(sound: String, variant: String?) throws(SoundProviderError) -> String {
        if let definition = SoundLibrary.builtIn(named: sound) {
            let variant = variant ?? definition.variants[0]
            guard definition.variants.contains(variant) else {
                throw SoundProviderError.unknownVariant(sound: sound, variant: variant, known: definition.variants)
            }
            return "builtin/\(sound)/\(variant)"
        }
        if store.exists(sound) {
            if let variant, variant != "recording" {
                throw SoundProviderError.unknownVariant(sound: sound, variant: variant, known: ["recording"])
            }
            return "learned/\(sound)"
        }
        throw SoundProviderError.unknownSound(sound, known: SoundLibrary.builtIn.map(\.name) + store.list().map(\.name))
    }

    private func cached(_ key: String, make: () throws(SoundProviderError) -> AcousticModel) throws(SoundProviderError)
        -> AcousticModel
    {
        if let model = loaded.withLock({ $0[key] }) { return model }
        // Training may take a second: done outside the lock so other sounds are not held up.
        let model = try make()
        return loaded.withLock { models in
            if let winner = models[key] { return winner }
            models[key] = model
            return model
        }
    }

    /// The disk cache's key of a built-in sound's variant.
    func cacheKey(_ definition: SoundDefinition, variant: String) -> String {
        // The probe steps through every corpus intensity, so a synthesizer
        // change that shows only at some intensities still changes the key.
        let probe = Corpus(
            rendering: definition.makeSynthesizer(variant, Self.corpusSeed), seconds: Self.probeSeconds,
            intensities: Self.corpusIntensities)
        let parts = [
            definition.name, variant, "\(Self.corpusSeconds)",
            Self.corpusIntensities.map { "\($0)" }.joined(separator: ","),
        ]
        return ModelCache.key(parts: parts, samples: probe.samples)
    }

    private func builtInModel(_ definition: SoundDefinition, variant: String) -> AcousticModel {
        let intensities = Self.corpusIntensities
        let key = cacheKey(definition, variant: variant)
        let result = cache.model(
            key: key,
            makeCorpus: {
                Corpus(
                    rendering: definition.makeSynthesizer(variant, Self.corpusSeed), seconds: Self.corpusSeconds,
                    intensities: intensities)
            },
            train: { AcousticModel.train($0, renderedIntensities: Self.renderedIntensities(of: $0)) })
        if result.trained { trained.add(1, ordering: .relaxed) }
        noteLoudness(of: result.model, sound: definition.name, variant: variant, cacheKey: key)
        return result.model
    }

    /// The intensity each codec frame of a built-in corpus was rendered at:
    /// that of the segment holding the frame's centre (`Corpus(rendering:…)`
    /// steps through `corpusIntensities` in equal segments).
    static func renderedIntensities(of corpus: Corpus) -> [Float] {
        let intensities = corpusIntensities
        let total = corpus.frameCount
        return (0..<Framing.frameCount(sampleFrames: total)).map { frame in
            let centre = frame * Framing.hopFrames + Framing.windowFrames / 2
            return intensities[min(intensities.count - 1, centre * intensities.count / total)]
        }
    }
}
