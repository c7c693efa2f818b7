@testable import AcousticTokens
@testable import DSP
import Foundation
import TestSupport
import Testing

/// A built-in sound's walk holds no loud stretch longer than the segment it
/// plays ever holds one (issue 13), each segment by its own loud level and
/// longest stretch (`LoudSegment`, `LoudRuns`).
///
/// The fixture is a built-in sound's corpus in miniature: two gusts of 15 s
/// labelled as rendered at 0.4 and 0.6, the 0.4 one 12 dB quieter, so one
/// loud level for the whole corpus would count the quiet gust as never
/// loud. Built-in owls and seagulls through tokens held a loud stretch
/// 1.58× and 1.64× their synthesizer's longest before the cap covered
/// built-in sounds.
@Suite struct SegmentLoudCapTests {
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

    /// The cap is the segment's longest stretch, so the walk's longest
    /// stands within a few hops of it (a dip's crossfade, the measure's
    /// 20 ms frames): 1.00–1.03× over seeds 5–8 at both intensities, where
    /// without a cap for built-in sounds four minutes held 1.37–1.55× at
    /// 0.4 and 1.03–1.38× at 0.6 (seed 5: 1.45× and 1.37×).
    @Test(arguments: [(Float(0.4), 0), (Float(0.6), 1)] as [(Float, Int)])
    func aBuiltInWalkNeverHoldsALoudStretchLongerThanItsSegmentDoes(intensity: Float, segment: Int) {
        let source = TemporalStructure(mono: TokenFixtures.mono(Self.fixture.segments[segment]))
        let layer = TokenLayer(model: Self.fixture.model, seed: 5)
        let output = TokenFixtures.render(layer, seconds: 240, intensity: intensity)
        let made = TemporalStructure(mono: TokenFixtures.mono(output), thresholdDecibels: source.thresholdDecibels)
        print(source.comparison(made, name: "segment \(intensity)"))
        #expect(source.events.count >= 10, "the segment's gust flickers: \(source.events.count) loud stretches")
        #expect(
            made.longestEvent <= 1.2 * source.longestEvent,
            "longest loud stretch \(made.longestEvent) s against the segment's \(source.longestEvent) s")
    }
}
