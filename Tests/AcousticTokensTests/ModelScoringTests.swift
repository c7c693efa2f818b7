@testable import AcousticTokens
import Foundation
import Testing

/// How a model's frame scores were made is a field of its file, so a
/// learned recording is never mistaken for a built-in sound (or back).
@Suite struct ModelScoringTests {
    /// A loudness-scored model whose quantiles happen to be exactly 0, 0.1 … 1.
    static func loudnessModelWithIntensityLikeQuantiles() -> AcousticModel {
        let trained = AcousticModel.train(TokenFixtures.mixedCorpus(seconds: 4))
        return AcousticModel(
            corpus: trained.corpus, codebook: trained.codebook, frameScores: trained.frameScores,
            isEvent: trained.isEvent, jumpTable: trained.jumpTable, contextScale: trained.contextScale,
            scoreQuantiles: AcousticModel.renderedIntensityQuantiles, beatPhases: trained.beatPhases,
            scoring: .loudness, frameLevels: trained.frameLevels,
            hopBandLevels: trained.hopBandLevels, loudThresholdDecibels: trained.loudThresholdDecibels,
            longestLoudSeconds: trained.longestLoudSeconds)
    }

    @Test func aLoudnessModelWhoseQuantilesLookLikeIntensitiesStaysLoudnessScoredThroughItsFile() throws {
        let model = Self.loudnessModelWithIntensityLikeQuantiles()
        let decoded = try ModelFile.decode(ModelFile.encode(model))
        #expect(decoded.scoring == .loudness)
        #expect(!decoded.isScoredByRenderedIntensity)
        #expect(decoded == model)
    }

    @Test func aModelTrainedOnRenderedIntensitiesIsMarkedSoAndKeepsTheMarkThroughItsFile() throws {
        let corpus = TokenFixtures.mixedCorpus(seconds: 4)
        let n = Framing.frameCount(sampleFrames: corpus.frameCount)
        let model = AcousticModel.train(corpus, renderedIntensities: (0..<n).map { Float($0 * 2 / n) * 0.5 })
        let decoded = try ModelFile.decode(ModelFile.encode(model))
        #expect(decoded.scoring == .renderedIntensity)
        #expect(decoded.isScoredByRenderedIntensity)
    }

    @Test func aFileFromTheCodecBeforeTheScoringFieldIsRetrainedNotMisread() throws {
        var data = ModelFile.encode(Self.loudnessModelWithIntensityLikeQuantiles())
        // Codec 5 had no scoring field: such a file must miss, keeping only its corpus.
        data.replaceSubrange(4..<8, with: [5, 0, 0, 0])
        let body = data.prefix(data.count - 8)
        data.replaceSubrange((data.count - 8)..<data.count, with: withUnsafeBytes(of: ModelFile.checksum(body).littleEndian) { Array($0) })
        #expect(throws: ModelFile.ReadError.self) { try ModelFile.decode(data) }
        do {
            _ = try ModelFile.decode(data)
        } catch {
            guard case .otherCodecVersion(5, _) = error else {
                Issue.record("expected otherCodecVersion(5), got \(error)")
                return
            }
        }
    }
}
