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
}
