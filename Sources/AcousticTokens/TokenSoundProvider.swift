import AudioEngine
import Foundation
import SoundLibrary
import Synchronization

/// Plays every sound through acoustic tokens (DESIGN.md, "Acoustic tokens").
///
/// A built-in variant with real recordings (`SoundLibrary.recordedBeds`) is
/// learned from them when the provider has the shelf of shipped recordings
/// (`RecordedBedModel`); any other built-in sound is first rendered as a
/// corpus from its procedural synthesizer (intensity stepping 0 → 1, 12 s at
/// each step for most sounds: `CorpusLayout`; fixed seed). Either model is learned once and cached on
/// disk; a learned sound is loaded from the learned sound store. The layer is
/// a `TokenLayer` over the model. Models are kept in memory too, so layers of
/// the same sound share one.
///
/// With `playsSynthesizerWhileTraining` (the player and mixer), a built-in
/// layer whose model is in neither cache starts at once on its synthesizer
/// and crossfades to the model when it has been trained in the background
/// (`HandoverSource`): a first launch is never silent while models train.
/// `render` leaves it off, so a render never depends on what is cached.
public final class TokenSoundProvider: SoundProvider {
    /// Intensities a built-in corpus steps through, one segment each (`corpusLayout`).
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

    /// The shipped recordings; nil plays every built-in sound from its synthesizer's corpus.
    public let recordings: RecordingShelf?
    /// Seconds of each recording a recorded bed learns from.
    public let recordedTakeSeconds: Double
    /// Whether a layer whose model must be trained starts on its synthesizer meanwhile.
    public let playsSynthesizerWhileTraining: Bool
    /// Trains handed-over models one at a time, so a core stays free for audio.
    private let trainer = DispatchQueue(label: "soundscape.training", qos: .utility)
    /// Set by `stopTraining`: queued background training is skipped.
    private let trainingStopped = Atomic<Bool>(false)
    /// Disk cache keys by memory key: working one out renders a probe or reads recordings.
    private let diskKeys = Mutex<[String: String]>([:])
    /// Disk cache keys remembered from earlier starts (`CacheKeyMemo`).
    let keyMemo: CacheKeyMemo

    public init(
        cache: ModelCache = ModelCache(), store: LearnedSoundStore = LearnedSoundStore(),
        recordings: RecordingShelf? = nil, recordedTakeSeconds: Double = 45,
        playsSynthesizerWhileTraining: Bool = false
    ) {
        self.cache = cache
        self.keyMemo = CacheKeyMemo(directory: cache.directory)
        self.store = store
        self.recordings = recordings
        self.recordedTakeSeconds = recordedTakeSeconds
        self.playsSynthesizerWhileTraining = playsSynthesizerWhileTraining
    }

    public func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        if playsSynthesizerWhileTraining, let definition = SoundLibrary.builtIn(named: layer.sound),
            try mustTrain(layer)
        {
            let variant = layer.variant ?? definition.variants[0]
            let handover = HandoverSource(standIn: definition.makeSynthesizer(variant, seed))
            let handOver: @Sendable () -> Void = { [self] in
                guard !trainingStopped.load(ordering: .relaxed) else { return }
                guard let trainedModel = try? self.model(sound: layer.sound, variant: variant) else { return }
                let levelMatch = loudnessCurves.withLock { $0["\(layer.sound)/\(variant)"] }.map {
                    // The mix was staged for the synthesizer (trimmed to the reference at 0.5).
                    Float(pow(10, min(12, max(-12, SoundLoudness.reference - $0.middle)) / 20))
                }
                handover.install(
                    layerSource(trainedModel, sound: layer.sound, variant: variant, seed: seed), gain: levelMatch ?? 1)
            }
            // The key is worked out first, beside the other layers' (a probe render when no
            // earlier start remembers it): a model found cached is handed over at once, and
            // only one that must be trained waits its turn on the trainer.
            DispatchQueue.global(qos: .utility).async { [self] in
                let key = diskKey(definition, variant: variant)
                if FileManager.default.fileExists(atPath: cache.file(for: key).path) {
                    handOver()
                } else {
                    trainer.async(execute: handOver)
                }
            }
            return handover
        }
        let model = try model(sound: layer.sound, variant: layer.variant)
        return layerSource(model, sound: layer.sound, variant: layer.variant, seed: seed)
    }

    /// Skips the background training not yet started: its layers keep their
    /// synthesizers. For a process about to end, and for tests of the first second.
    public func stopTraining() {
        trainingStopped.store(true, ordering: .relaxed)
    }

    /// The layer that plays `model`: a recorded bed's adds its intensity gain.
    func layerSource(_ model: AcousticModel, sound: String, variant: String?, seed: UInt64) -> LayerSource {
        let layer = TokenLayer(model: model, seed: seed)
        return recordedBed(sound: sound, variant: variant) != nil ? RecordedBedLayer(layer) : layer
    }

    /// True unless the model `layer` plays is already in memory: making its
    /// source would render and train a corpus, or load a model file. With
    /// `playsSynthesizerWhileTraining`, a model to train is no wait: the synthesizer plays meanwhile.
    public func preparationNeeded(for layer: MixLayer) throws -> Bool {
        let key = try modelKey(sound: layer.sound, variant: layer.variant)
        guard loaded.withLock({ $0[key] == nil }) else { return false }
        let startsOnSynthesizer = try playsSynthesizerWhileTraining && SoundLibrary.builtIn(named: layer.sound) != nil && mustTrain(layer)
        return !startsOnSynthesizer
    }

    /// Whether `layer`, a built-in sound, has its model neither in memory nor in the disk cache.
    func mustTrain(_ layer: MixLayer) throws -> Bool {
        let key = try modelKey(sound: layer.sound, variant: layer.variant)
        guard loaded.withLock({ $0[key] == nil }), let definition = SoundLibrary.builtIn(named: layer.sound) else {
            return false
        }
        // Working out a synthesizer's key renders a probe; on the way to the first
        // audio, a key no earlier start of this program remembers counts as a model
        // to train: the layer starts on its synthesizer and the model, when it turns
        // out to be cached, takes over within a fraction of a second.
        guard let key = knownDiskKey(definition, variant: layer.variant ?? definition.variants[0]) else { return true }
        return !FileManager.default.fileExists(atPath: cache.file(for: key).path)
    }

    /// `diskKey` when it costs no probe render: a recorded bed's, or a synthesizer's remembered one.
    func knownDiskKey(_ definition: SoundDefinition, variant: String) -> String? {
        if let known = diskKeys.withLock({ $0["\(definition.name)/\(variant)"] }) { return known }
        if recordedBed(sound: definition.name, variant: variant) != nil { return diskKey(definition, variant: variant) }
        return keyMemo.rememberedSynthesizerKey(synthesizerKeyParts(definition, variant: variant))
    }

    /// The recorded bed `sound`'s `variant` plays from, when the shelf is here to play it.
    func recordedBed(sound: String, variant: String?) -> RecordedBedModel? {
        guard recordings != nil, let definition = SoundLibrary.builtIn(named: sound),
            let bed = SoundLibrary.recordedBed(sound: sound, variant: variant ?? definition.variants[0])
        else { return nil }
        return RecordedBedModel(bed: bed, takeSeconds: recordedTakeSeconds)
    }

    /// The disk cache key of a built-in variant's model: its recordings' when it
    /// plays a recorded bed whose files can be read, else its synthesizer's.
    func diskKey(_ definition: SoundDefinition, variant: String) -> String {
        let memoryKey = "\(definition.name)/\(variant)"
        if let known = diskKeys.withLock({ $0[memoryKey] }) { return known }
        var key: String?
        if let recorded = recordedBed(sound: definition.name, variant: variant), let recordings {
            key = try? recorded.cacheKey(variant: variant, shelf: recordings, memo: keyMemo)
        }
        let result = key ?? cacheKey(definition, variant: variant)
        diskKeys.withLock { $0[memoryKey] = result }
        return result
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
        let parts = synthesizerKeyParts(definition, variant: variant)
        return keyMemo.synthesizerKey(parts) {
            // The probe steps through every corpus intensity, so a synthesizer
            // change that shows only at some intensities still changes the key.
            let probe = Corpus(
                rendering: definition.makeSynthesizer(variant, Self.corpusSeed), seconds: Self.probeSeconds,
                intensities: Self.corpusIntensities)
            return ModelCache.key(parts: parts, samples: probe.samples)
        }
    }

    private func synthesizerKeyParts(_ definition: SoundDefinition, variant: String) -> [String] {
        [
            definition.name, variant, Self.corpusLayout(of: definition).cacheKeyPart,
            Self.corpusIntensities.map { "\($0)" }.joined(separator: ","),
        ]
    }

    /// How `definition`'s corpus is laid out: a segment at each of `corpusIntensities`, as long as the sound asks.
    public static func corpusLayout(of definition: SoundDefinition) -> CorpusLayout {
        CorpusLayout(definition, intensities: corpusIntensities)
    }

    private func builtInModel(_ definition: SoundDefinition, variant: String) -> AcousticModel {
        if let recorded = recordedBed(sound: definition.name, variant: variant), let recordings,
            let model = recordedModel(recorded, variant: variant, shelf: recordings)
        {
            return model
        }
        let layout = Self.corpusLayout(of: definition)
        let key = cacheKey(definition, variant: variant)
        let result = cache.model(
            key: key,
            makeCorpus: {
                Corpus(rendering: definition.makeSynthesizer(variant, Self.corpusSeed), layout: layout)
            },
            train: {
                AcousticModel.train(
                    $0, renderedIntensities: layout.renderedIntensities(codecFrames: Framing.frameCount(sampleFrames: $0.frameCount)))
            })
        if result.trained { trained.add(1, ordering: .relaxed) }
        noteLoudness(of: result.model, sound: definition.name, variant: variant, cacheKey: key)
        return result.model
    }

    /// A recorded bed's model, from the cache or trained from its recordings;
    /// nil when a recording cannot be read (the synthesizer's corpus is used then).
    private func recordedModel(_ recorded: RecordedBedModel, variant: String, shelf: RecordingShelf) -> AcousticModel? {
        guard let key = try? recorded.cacheKey(variant: variant, shelf: shelf, memo: keyMemo) else { return nil }
        if let model = cache.load(key: key) {
            ModelCache.returnFreedMemory()
            noteLoudness(of: model, sound: recorded.bed.sound, variant: variant, cacheKey: key, recorded: true)
            return model
        }
        // Decoded before training: a recording that cannot be read leaves no model behind.
        guard let (corpus, intensities) = try? recorded.corpus(shelf: shelf) else { return nil }
        let result = cache.model(
            key: key, makeCorpus: { corpus }, train: { AcousticModel.train($0, renderedIntensities: intensities) })
        if result.trained { trained.add(1, ordering: .relaxed) }
        noteLoudness(of: result.model, sound: recorded.bed.sound, variant: variant, cacheKey: key, recorded: true)
        return result.model
    }
}
