@testable import AcousticTokens
@testable import AudioEngine
import Foundation
import SoundLibrary
import Testing

/// A warm start must not render probes or read recordings again; a rebuilt
/// program or a changed recording must.
@Suite struct CacheKeyMemoTests {
    @Test func aSecondStartOfTheSameProgramReusesTheSynthesizerKeyWithoutRenderingItsProbe() {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        var probes = 0
        let parts = ["rain", "window", "72.0"]
        let first = CacheKeyMemo(directory: directory, executable: "build-1").synthesizerKey(parts) {
            probes += 1
            return "a1b2"
        }
        let second = CacheKeyMemo(directory: directory, executable: "build-1").synthesizerKey(parts) {
            probes += 1
            return "other"
        }
        #expect(first == "a1b2" && second == "a1b2")
        #expect(probes == 1, "the second start rendered the probe again")
    }

    @Test func aRebuiltProgramRendersItsProbesAgainAndForgetsTheOldBuildsKeys() throws {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let parts = ["birds", "forest"]
        _ = CacheKeyMemo(directory: directory, executable: "build-1").synthesizerKey(parts) { "old" }
        let rebuilt = CacheKeyMemo(directory: directory, executable: "build-2").synthesizerKey(parts) { "new" }
        #expect(rebuilt == "new")
        let text = try String(contentsOf: directory.appendingPathComponent("keys.memo"), encoding: .utf8)
        #expect(!text.contains("build-1"), "the memo keeps keys of a program that no longer runs")
    }

    @Test func aChangedRecordingIsReadAgain() throws {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("rain.ogg")
        try Data("first take".utf8).write(to: recording)
        var reads = 0
        let checksum = { () throws -> String in
            reads += 1
            return String(try Data(contentsOf: recording).count)
        }
        let memo = CacheKeyMemo(directory: directory, executable: "build-1")
        #expect(try memo.fileChecksum(recording.path, make: checksum) == "10")
        #expect(try CacheKeyMemo(directory: directory).fileChecksum(recording.path, make: checksum) == "10")
        #expect(reads == 1, "an unchanged recording was read again")
        try Data("a longer second take".utf8).write(to: recording)
        #expect(try CacheKeyMemo(directory: directory).fileChecksum(recording.path, make: checksum) == "20")
        #expect(reads == 2)
    }

    @Test func aDamagedMemoIsIgnoredNotTrusted() throws {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0xFF, 0x09, 0x0A, 0x00, 0x41]).write(to: directory.appendingPathComponent("keys.memo"))
        let key = CacheKeyMemo(directory: directory, executable: "build-1").synthesizerKey(["wind"]) { "made" }
        #expect(key == "made")
    }

    @Test func theProviderFindsItsCachedModelOnASecondStartThroughTheMemo() throws {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = ModelCache(directory: directory)
        let definition = try #require(SoundLibrary.builtIn(named: "pink-noise"))
        let first = TokenSoundProvider(cache: cache).cacheKey(definition, variant: definition.variants[0])
        let memo = try String(contentsOf: directory.appendingPathComponent("keys.memo"), encoding: .utf8)
        #expect(memo.contains(first), "the probe's key was not remembered")
        let second = TokenSoundProvider(cache: cache).cacheKey(definition, variant: definition.variants[0])
        #expect(first == second)
    }

    @Test func aCachedModelWhoseKeyNoStartRemembersStartsOnItsSynthesizerAndIsLoadedNotRetrained() throws {
        let directory = temporaryDirectory("memo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let layer = MixLayer(sound: "brown-noise", variant: "steady")
        _ = try TokenSoundProvider(cache: ModelCache(directory: directory)).model(sound: layer.sound)
        // A rebuilt program: the model file is still there, its key is not remembered.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("keys.memo"))
        let next = TokenSoundProvider(cache: ModelCache(directory: directory), playsSynthesizerWhileTraining: true)
        #expect(try next.mustTrain(layer), "working the key out would render a probe on the way to the first audio")
        let handover = try #require(try next.makeSource(for: layer, seed: 4) as? HandoverSource)
        let deadline = Date().addingTimeInterval(120)
        while !handover.hasRealSource && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(handover.hasRealSource, "the cached model was never handed over")
        #expect(next.trainedCount == 0, "a cached model was trained again")
        #expect(try !TokenSoundProvider(cache: ModelCache(directory: directory)).mustTrain(layer), "the key was not remembered")
    }
}
