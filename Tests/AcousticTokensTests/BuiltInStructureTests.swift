@testable import AcousticTokens
import Foundation
import SoundLibrary
import TestSupport
import Testing

/// Built-in birds through tokens keep the bouts and pauses of the corpus
/// their model learned from (issue 13).
///
/// The reference is the corpus itself, the stretches the walk plays at
/// intensity 0.5 (the segments rendered at 0.4 and 0.6, 24 s), not another
/// render of the synthesizer: a render's seed picks which birds sing, so a
/// 120 s `--procedural` render at another seed has another cast (at 0.5:
/// event median 0.04 s against the corpus's 0.08 s) and measures the cast,
/// not the walk. Against its corpus the walk's events and pauses were KS
/// 0.14 and 0.08, its longest event 1.3× the corpus's (seed 3). The
/// failure this guards against is the issue's: one unbroken trill for the
/// rest of a minute, events and pauses KS 0.5 and more.
@Suite struct BuiltInStructureTests {
    @Test func builtInBirdsThroughTokensKeepTheBoutsAndPausesOfTheirCorpus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("builtin-structure-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: directory.appendingPathComponent("cache")),
            store: LearnedSoundStore(directory: directory.appendingPathComponent("sounds")))
        let model = try provider.model(sound: "birds", variant: "dawn")
        // The corpus frames the aim plays at 0.5: those rendered at 0.4 and 0.6, in corpus order.
        let hop = Framing.hopFrames
        let samples = model.corpus.samples
        var played: [Float] = []
        for q in 0..<model.frameCount where model.frameScores[q] == 0.4 || model.frameScores[q] == 0.6 {
            for i in (2 * q * hop)..<min(samples.count, 2 * (q + 1) * hop) { played.append(Float(samples[i]) / 32768) }
        }
        let source = TemporalStructure(mono: TokenFixtures.mono(played))
        let output = TokenFixtures.render(TokenLayer(model: model, seed: 3), seconds: 120, intensity: 0.5)
        let made = TemporalStructure(mono: TokenFixtures.mono(output), thresholdDecibels: source.thresholdDecibels)
        let comparison = source.comparison(made, name: "birds")
        print(comparison)
        #expect(source.events.count >= 60, "the corpus's 24 s at 0.4–0.6 hold \(source.events.count) calls")
        let events = TemporalStructure.ksDistance(source.events, made.events)
        let pauses = TemporalStructure.ksDistance(source.pauses, made.pauses)
        #expect(events <= 0.2, "event lengths KS \(events): \(comparison)")
        #expect(pauses <= 0.2, "pause lengths KS \(pauses): \(comparison)")
        #expect(made.longestEvent <= 1.5 * source.longestEvent, "longest call \(made.longestEvent) s, the corpus's \(source.longestEvent) s")
    }
}
