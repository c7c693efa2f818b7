@testable import AcousticTokens
@testable import DSP
import Foundation
import TestSupport
import Testing

/// A built-in sound's model knows each corpus segment's loud level and loud
/// stretches, measured as issue 13 measures a sound (`LoudSegment`).
///
/// The fixture is a built-in sound's corpus in miniature: two gusts of 15 s
/// labelled as rendered at 0.4 and 0.6, the 0.4 one 12 dB quieter, so one
/// loud level for the whole corpus would count the quiet gust as never
/// loud. (Capping a built-in walk by them raised hole rates; `LoudRuns`.)
@Suite struct LoudSegmentTests {
    static let segmentSeconds = 15.0

    /// The two gusts, quiet (0.4) then loud (0.6), and the model trained on them as a built-in's.
    static let fixture: (segments: [[Float]], model: AcousticModel) = {
        let quiet = StructureFixtures.gust(seconds: segmentSeconds, seed: 24).map { $0 * 0.25 }
        let loud = StructureFixtures.gust(seconds: segmentSeconds, seed: 25)
        let corpus = Corpus(interleaved: quiet + loud)
        let layout = CorpusLayout(intensities: [0.4, 0.6], seconds: 2 * segmentSeconds)
        let n = Framing.frameCount(sampleFrames: corpus.frameCount)
        let model = AcousticModel.train(corpus, renderedIntensities: layout.renderedIntensities(codecFrames: n))
        return ([quiet, loud], model)
    }()

    @Test func eachSegmentOfABuiltInCorpusKeepsItsOwnLoudLevelAndStretches() throws {
        let model = Self.fixture.model
        #expect(model.loudSegments.map(\.score) == [0.4, 0.6])
        for (segment, audio) in zip(model.loudSegments, Self.fixture.segments) {
            let measured = TemporalStructure(mono: TokenFixtures.mono(audio))
            // The same measure as the issue's, up to the frames a segment's edge shares with its neighbour.
            #expect(abs(Double(segment.thresholdDecibels) - measured.thresholdDecibels) < 0.5)
            #expect(abs(Double(segment.longestSeconds) - measured.longestEvent) <= 0.1)
            #expect(segment.stretchSeconds.count >= 10, "\(segment.stretchSeconds.count) loud stretches in 15 s")
        }
        let decoded = try ModelFile.decode(ModelFile.encode(model))
        #expect(decoded.loudSegments == model.loudSegments)
    }
}
