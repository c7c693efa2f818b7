@testable import AcousticTokens
@testable import AudioEngine
import DSP
import Foundation
import SoundLibrary
import Synchronization
import TestSupport
import Testing

/// A shelf whose "recordings" are made up, so a test knows what a model
/// learned from them must sound like: every file holds a noise band around
/// 3 kHz (where no built-in rain synthesizer puts most of its energy), at a
/// level that grows with the file's name, for a few seconds.
final class FixtureShelf: @unchecked Sendable {
    let directory = temporaryDirectory("shelf")
    let readPaths = Mutex<[String]>([])

    init() {
        for bed in SoundLibrary.recordedBeds {
            for take in bed.takes {
                let url = directory.appendingPathComponent(take.file)
                try? FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // The bytes only feed the cache key; `read` makes the audio.
                try? Data("fixture \(take.file)".utf8).write(to: url)
            }
        }
        try? Data("fixture".utf8).write(to: directory.appendingPathComponent(RecordingShelf.markerFile))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var shelf: RecordingShelf {
        RecordingShelf(directory: directory) { [self] path, seconds in
            readPaths.withLock { $0.append(path) }
            return FixtureShelf.band(seconds: min(seconds, 4), seed: UInt64(path.utf8.count))
        }
    }

    /// Interleaved stereo noise between 2.5 and 3.5 kHz, gently swelling.
    static func band(seconds: Double, seed: UInt64) -> [Float] {
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var random = Random(seed: seed)
        let partials = (0..<40).map { _ in (2_500 + 1_000 * Double(random.unit()), 2 * Double.pi * Double(random.unit())) }
        var samples = [Float](repeating: 0, count: 2 * frames)
        for frame in 0..<frames {
            let t = Double(frame) / Double(AudioFormat.sampleRate)
            var value = 0.0
            for (frequency, phase) in partials { value += sin(2 * .pi * frequency * t + phase) }
            let swell = 0.75 + 0.25 * sin(2 * .pi * 0.7 * t)
            samples[2 * frame] = Float(0.02 * swell * value)
            samples[2 * frame + 1] = Float(0.02 * swell * value)
        }
        return samples
    }
}

private func band3k(_ stereo: [Float]) -> Double {
    AudioAnalysis.energyFraction(AudioAnalysis.mono(stereo), from: 2_300, to: 3_700)
}

private func lufs(_ stereo: [Float]) -> Double {
    stereo.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
}

@Suite(.serialized) struct RecordedBedTests {
    @Test func aRecordedBuiltInPlaysFromItsRecordingsModelAndTheOthersFromTheirSynthesizer() throws {
        let fixture = FixtureShelf()
        let cache = temporaryDirectory("recorded-cache")
        defer { try? FileManager.default.removeItem(at: cache) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: LearnedSoundStore(directory: cache.appendingPathComponent("learned")),
            recordings: fixture.shelf, recordedTakeSeconds: 4)
        let model = try provider.model(sound: "rain", variant: "window")
        let read = fixture.readPaths.withLock { $0 }
        for take in SoundLibrary.recordedBed(sound: "rain", variant: "window")!.takes {
            #expect(read.contains(fixture.shelf.path(of: take.file)), "\(take.file) was not learned from")
        }
        #expect(band3k(model.corpus.samples.map { Float($0) / 32768 }) > 0.9, "the corpus is the recordings")
        let played = render(
            try provider.makeSource(for: MixLayer(sound: "rain", variant: "window"), seed: 3), seconds: 4, intensity: 0.5)
        #expect(band3k(played) > 0.8, "rain/window plays what its recordings hold: \(band3k(played))")
        // The synthesizer does not sound like the fixture, so the figure above says where the sound came from.
        let synthesized = render(
            try #require(SoundLibrary.builtIn(named: "rain")).makeSynthesizer("window", 3), seconds: 4, intensity: 0.5)
        #expect(band3k(synthesized) < 0.5)
        // A variant without a recording learns from its synthesizer's render.
        #expect(SoundLibrary.recordedBed(sound: "rain", variant: "tent") == nil)
        #expect(provider.recordedBed(sound: "rain", variant: "tent") == nil)
        // Cached: a second provider loads the same model instead of training.
        let again = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: provider.store, recordings: fixture.shelf, recordedTakeSeconds: 4)
        _ = try again.model(sound: "rain", variant: "window")
        #expect(again.trainedCount == 0)
    }

    @Test func intensityMakesARecordedBedLouderAndMovesWithinASecond() throws {
        let fixture = FixtureShelf()
        let cache = temporaryDirectory("recorded-cache")
        defer { try? FileManager.default.removeItem(at: cache) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: LearnedSoundStore(directory: cache.appendingPathComponent("learned")),
            recordings: fixture.shelf, recordedTakeSeconds: 4)
        let layer = MixLayer(sound: "stream")
        let gentle = lufs(render(try provider.makeSource(for: layer, seed: 5), seconds: 4, intensity: 0.1))
        let strong = lufs(render(try provider.makeSource(for: layer, seed: 5), seconds: 4, intensity: 0.9))
        #expect(strong - gentle > 4, "0.1 plays at \(gentle) LUFS, 0.9 at \(strong)")
        // One layer, its slider moved from 0.1 to 0.9: a second later it plays as a layer started at 0.9.
        let source = try provider.makeSource(for: layer, seed: 5)
        _ = render(source, seconds: 3, intensity: 0.1)
        _ = render(source, seconds: 1, intensity: 0.9)
        let settled = lufs(render(source, seconds: 3, intensity: 0.9))
        #expect(abs(settled - strong) < 2, "a second after the move it plays at \(settled) LUFS, not \(strong)")
        // The stored loudness curve, which loudness staging uses, rises with intensity too.
        let curve = try #require(provider.loudnessCurves.withLock { $0["stream/brook"] })
        #expect(curve.high - curve.low > 4, "\(curve)")
    }

    @Test func aColdCacheStartsOnTheSynthesizerAndHandsOverToTheRecordedModel() throws {
        let fixture = FixtureShelf()
        let cache = temporaryDirectory("cold-cache")
        defer { try? FileManager.default.removeItem(at: cache) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: LearnedSoundStore(directory: cache.appendingPathComponent("learned")),
            recordings: fixture.shelf, recordedTakeSeconds: 4, playsSynthesizerWhileTraining: true)
        let layer = MixLayer(sound: "rain", variant: "window")
        #expect(try !provider.preparationNeeded(for: layer), "nothing to wait for: the synthesizer plays meanwhile")
        let source = try provider.makeSource(for: layer, seed: 9)
        let handover = try #require(source as? HandoverSource)
        let first = render(source, seconds: 1, intensity: 0.5)
        #expect(lufs(first) > -45, "the first second is audible: \(lufs(first)) LUFS")
        let deadline = Date().addingTimeInterval(300)
        while !handover.hasRealSource && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(handover.hasRealSource, "the model was trained in the background")
        _ = render(source, seconds: 1.5, intensity: 0.5)  // through the crossfade
        let after = render(source, seconds: 3, intensity: 0.5)
        #expect(band3k(after) > 0.8, "after the handover it plays the recordings' model: \(band3k(after))")
        #expect(abs(lufs(after) - lufs(first)) < 4, "the handover keeps the level the mix was staged for")
        // The trained model was cached: the next start loads it and needs no stand-in.
        let next = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: provider.store, recordings: fixture.shelf,
            recordedTakeSeconds: 4, playsSynthesizerWhileTraining: true)
        #expect(try !next.mustTrain(layer))
        #expect(try !(next.makeSource(for: layer, seed: 9) is HandoverSource))
    }

    @Test func everyLayerOfTheDefaultSceneIsAudibleInItsFirstSecondWithAnEmptyCache() throws {
        let scene = try String(contentsOfFile: TestThemes.path + "/rainy-library.toml", encoding: .utf8)
        let sounds = scene.split(separator: "\n").filter { $0.hasPrefix("sound = ") }
            .map { $0.dropFirst(9).dropLast().description }
        let variants = scene.split(separator: "\n").filter { $0.hasPrefix("variant = ") }
            .map { $0.dropFirst(11).dropLast().description }
        #expect(sounds.count >= 3 && sounds.count == variants.count)
        let cache = temporaryDirectory("cold-scene")
        defer { try? FileManager.default.removeItem(at: cache) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: cache), store: LearnedSoundStore(directory: cache.appendingPathComponent("learned")),
            playsSynthesizerWhileTraining: true)
        // Only the first second matters here: no model needs to finish training.
        provider.stopTraining()
        for (sound, variant) in zip(sounds, variants) {
            let layer = MixLayer(sound: sound, variant: variant, intensity: 0.5)
            #expect(try !provider.preparationNeeded(for: layer), "\(sound) would wait for its model")
            let first = render(try provider.makeSource(for: layer, seed: 1), seconds: 1, intensity: 0.5)
            // Not digital silence, which is what a layer waiting for its model plays. (The page
            // synthesizer's room is near −70 dBFS until its first turn, so no louder bar fits every sound.)
            let peak = first.map(abs).max() ?? 0
            #expect(peak > 0.0001, "\(sound)/\(variant) is silent in its first second")
        }
    }
}
