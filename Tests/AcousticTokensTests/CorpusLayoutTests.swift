@testable import AcousticTokens
import Foundation
import DSP
import SoundLibrary
import Testing

/// A built-in corpus holds a sound's rare events at every intensity it is
/// rendered at (issue 20): the walk plays only the segments bracketing the
/// request, so an event missing from a segment is never heard there.
@Suite struct CorpusLayoutTests {
    /// Even segments render the corpus every built-in sound but thunder was
    /// learned from before layouts (so their cached models stay valid), and
    /// label each codec frame as the provider always did.
    @Test func evenLayoutKeepsTheSegmentsAndLabelsOfBefore() {
        let intensities = TokenSoundProvider.corpusIntensities
        let layout = CorpusLayout(intensities: intensities, seconds: 72)
        #expect(layout.segmentFrames == [Int](repeating: 12 * AudioFormat.sampleRate, count: 6))
        #expect(layout.cacheKeyPart == "72.0")
        let total = 72 * AudioFormat.sampleRate
        let frames = Framing.frameCount(sampleFrames: total)
        let before = (0..<frames).map { frame in
            intensities[min(5, (frame * Framing.hopFrames + Framing.windowFrames / 2) * 6 / total)]
        }
        #expect(layout.renderedIntensities(codecFrames: frames) == before)
    }

    /// A texture keeps the even 72 s corpus (and so its cached model); a sparse
    /// sound's segments are as many of its waits as its pace asks, longest
    /// where its events are rarest, and never shorter than a texture's.
    @Test func segmentsHoldTheSoundsEvents() throws {
        let intensities = TokenSoundProvider.corpusIntensities
        let rain = try #require(SoundLibrary.builtIn(named: "rain"))
        #expect(TokenSoundProvider.corpusLayout(of: rain) == CorpusLayout(intensities: intensities, seconds: 72))
        let thunder = try #require(SoundLibrary.builtIn(named: "thunder"))
        let seconds = TokenSoundProvider.corpusLayout(of: thunder).segmentFrames.map { Double($0) / Double(AudioFormat.sampleRate) }
        #expect(zip(seconds, seconds.dropFirst()).allSatisfy { $0 > $1 }, "rarer strikes at low intensity: \(seconds)")
        #expect(abs(seconds.reduce(0, +) - 240) < 0.01, "two strikes' worth at each step: \(seconds)")
        for sound in SoundLibrary.builtIn {
            let layout = TokenSoundProvider.corpusLayout(of: sound)
            #expect(layout.segmentFrames.allSatisfy { $0 >= 12 * AudioFormat.sampleRate }, "\(sound.name)")
        }
    }
}
