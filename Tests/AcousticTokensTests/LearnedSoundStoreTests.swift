@testable import AcousticTokens
@testable import AudioEngine
@testable import DSP
import Foundation
@testable import SoundLibrary
import TestSupport
import Testing


private func store() -> (LearnedSoundStore, URL) {
    let directory = temporaryDirectory("sounds")
    return (LearnedSoundStore(directory: directory), directory)
}

@Test func learningStoresASoundThatListsAndPlays() throws {
    let (store, directory) = store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let audio = TokenFixtures.rain(seconds: 8, dropsPerSecond: [60], seed: 3)
    let info = try store.learn(samples: audio, source: "rain.wav", name: "my-rain", force: false)
    #expect(info.durationSeconds > 7.9)
    #expect(store.list().map(\.name) == ["my-rain"])
    #expect(store.list().first?.source == "rain.wav")
    let provider = TokenSoundProvider(cache: ModelCache(directory: directory.appendingPathComponent("cache")), store: store)
    let output = TokenFixtures.render(try provider.makeSource(for: MixLayer(sound: "my-rain"), seed: 1), seconds: 2, intensity: 0.5)
    #expect(output.withUnsafeBufferPointer { Loudness.peak($0) } > 0.01)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
}

@Test func learningRefusesBadInputWithoutWritingAnything() throws {
    let (store, directory) = store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = TokenFixtures.rain(seconds: 6, dropsPerSecond: [60], seed: 3)
    #expect(throws: LearnError.invalidName("../evil")) {
        try store.learn(samples: good, source: "a.wav", name: "../evil", force: false)
    }
    #expect(throws: LearnError.invalidName("Rain Drops")) {
        try store.learn(samples: good, source: "a.wav", name: "Rain Drops", force: false)
    }
    #expect(throws: LearnError.tooShort(path: "short.wav", seconds: 4)) {
        try store.learn(samples: Array(good.prefix(48_000 * 4 * 2)), source: "short.wav", name: "short", force: false)
    }
    #expect(throws: LearnError.silent(path: "quiet.wav")) {
        try store.learn(samples: good.map { $0 * 0.0001 }, source: "quiet.wav", name: "quiet", force: false)
    }
    #expect(store.list().isEmpty)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    #expect(names.isEmpty, "left behind: \(names)")
}

@Test func anExistingNameNeedsForceAndForceReplacesIt() throws {
    let (store, directory) = store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let audio = TokenFixtures.rain(seconds: 6, dropsPerSecond: [60], seed: 3)
    _ = try store.learn(samples: audio, source: "one.wav", name: "drops", force: false)
    #expect(throws: LearnError.self) { try store.learn(samples: audio, source: "two.wav", name: "drops", force: false) }
    #expect(store.list().first?.source == "one.wav")
    _ = try store.learn(samples: audio, source: "two.wav", name: "drops", force: true)
    #expect(store.list().map(\.source) == ["two.wav"])
}

@Test func builtInNamesCannotBeTakenByLearnedSounds() {
    let (store, directory) = store()
    defer { try? FileManager.default.removeItem(at: directory) }
    guard let builtIn = SoundLibrary.builtIn.first?.name else { return }
    #expect(throws: LearnError.builtInName(builtIn)) { try store.validate(name: builtIn, force: true) }
}

/// A learned recording keeps its own level: `learn` stores its loudness, and the
/// layer at unity (weight 1, no staging) plays within 1 LU of it, so a quiet
/// recording is not made loud nor a loud one quiet behind the user's back.
@Test(arguments: [0.05, 0.4] as [Float])
func learnedSoundStoresItsLoudnessAndPlaysWithinOneLUOfItsSource(scale: Float) throws {
    let (store, directory) = store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let audio = TokenFixtures.rain(seconds: 30, dropsPerSecond: [60], seed: 5).map { $0 * scale }
    let source = audio.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
    let info = try store.learn(samples: audio, source: "rain.wav", name: "level", force: false)
    #expect(abs((info.loudness ?? .nan) - source) < 0.01)
    #expect(abs((store.info(name: "level")?.loudness ?? .nan) - source) < 0.01, "the loudness survives sound.toml")
    let provider = TokenSoundProvider(cache: ModelCache(directory: directory.appendingPathComponent("cache")), store: store)
    #expect(provider.playedLoudness(of: MixLayer(sound: "level")) == info.loudness)
    let output = TokenFixtures.render(try provider.makeSource(for: MixLayer(sound: "level"), seed: 1), seconds: 30, intensity: 0.5)
    let played = output.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
    #expect(abs(played - source) <= 1, "learned from \(source) LUFS, plays at \(played) LUFS")
}
