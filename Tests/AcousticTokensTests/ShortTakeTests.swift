@testable import AcousticTokens
import DSP
import Foundation
import SoundLibrary
import TestSupport
import Testing

/// A recorded bed whose strongest take is short (the 7 s storm-rain, the 5 s
/// creek) beside long gentle ones: at that take's intensity the walk plays it
/// alone, and it must keep playing it for minutes without running out, without
/// forced repeats and without repeating itself, as a long take does.
@Suite struct ShortTakeTests {
    /// A bed of a 40 s take at 0.15 and a 6 s take at 0.9 (noise bands like
    /// RecordedBedTests' fixture), trained as the provider trains a recorded bed.
    static func model() throws -> AcousticModel {
        let directory = temporaryDirectory("short-take")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bed = RecordedBed(
            sound: "rain", variants: ["window"],
            takes: [RecordedTake("rain/long.ogg", intensity: 0.15), RecordedTake("rain/short.ogg", intensity: 0.9)])
        let shelf = RecordingShelf(directory: directory) { path, seconds in
            path.hasSuffix("short.ogg")
                ? FixtureShelf.band(seconds: min(seconds, 6), seed: 2) : FixtureShelf.band(seconds: min(seconds, 40), seed: 1)
        }
        let (corpus, intensities) = try RecordedBedModel(bed: bed, takeSeconds: 45).corpus(shelf: shelf)
        return AcousticModel.train(corpus, renderedIntensities: intensities)
    }

    @Test func aSixSecondTakePlaysForAMinuteWithNoForcedRepeatAndNoTwoSecondRepeat() throws {
        let layer = TokenLayer(model: try Self.model(), seed: 3)
        let output = render(layer, seconds: 60, intensity: 0.9)
        let statistics = layer.tokenModel.statistics
        // Before a take's grains could come back after 30 % of the take's own length, the
        // short take's every position stayed "recent" for 30 % of the average take (6.9 s
        // here, longer than the take): 363 of the minute's 2,800 steps were forced repeats.
        // Now 2 are (where jump candidates, contour and memory all refuse): at most 1 in 500.
        #expect(
            statistics.forcedRepeats * 500 <= statistics.steps,
            "\(statistics.forcedRepeats) forced repeats in \(statistics.steps) steps")
        let repeated = AudioFingerprint(mono: AudioAnalysis.mono(output)).closestBlockMatch(seconds: 2)
        #expect(repeated.bitErrorRate > 0.15, "a minute of the 6 s take repeats 2 s of itself: \(repeated)")
    }
}
