@testable import AcousticTokens
@testable import DSP
import SoundLibrary
import Testing

/// Beat locking holds a walk to a corpus's cycle; it must only happen where
/// the corpus is measurably periodic (`BeatAnalysis.isPeriodic`), or sounds
/// with bouts and pauses are spliced on a beat they do not have.
@Suite struct BeatCriterionTests {
    /// Beat phases of `sound`'s built-in corpus, as its model is trained.
    static func phases(_ sound: String) -> [Float] {
        let definition = SoundLibrary.builtIn(named: sound)!
        let corpus = Corpus(
            rendering: definition.makeSynthesizer(definition.variants[0], TokenSoundProvider.corpusSeed),
            layout: TokenSoundProvider.corpusLayout(of: definition))
        let features = Features(corpus: corpus)
        return BeatAnalysis.phases(
            loudnessDecibels: features.loudnessDecibels,
            bandDecibels: AcousticModel.bandDecibels(features, from: 1_000, to: 6_000))
    }

    @Test(arguments: ["birds", "crickets", "pages", "keyboard"])
    func soundsWithBoutsAndPausesAreNotBeatLocked(sound: String) {
        let phases = Self.phases(sound)
        #expect(phases.allSatisfy { $0 < 0 }, "\(phases.filter { $0 >= 0 }.count) of \(phases.count) frames given a beat phase")
    }

    @Test(arguments: ["train", "clock", "heartbeat"])
    func periodicSoundsAreBeatLocked(sound: String) {
        let phases = Self.phases(sound)
        let covered = Double(phases.filter { $0 >= 0 }.count) / Double(phases.count)
        #expect(covered >= 0.4, "only \(covered) of the corpus has a beat phase")
    }

    @Test func aSongAndPauseSourceIsNotBeatLocked() {
        let model = AcousticModel.train(Corpus(interleaved: StructureFixtures.songAndPause(seconds: 40, seed: 31)))
        #expect(model.beatPhases.allSatisfy { $0 < 0 })
    }
}
