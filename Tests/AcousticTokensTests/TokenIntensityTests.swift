@testable import AcousticTokens
import Foundation
import TestSupport
import Testing


/// Built-in sounds play through tokens by default, so what intensity means to
/// a synthesizer must survive the token model: 0.5 must sound like the
/// synthesizer's 0.5 (not the average of its range, nor whatever part of the
/// corpus is loudest), and the control must go the synthesizer's way.
@Suite struct TokenIntensityTests {
    /// The trained token model of a built-in sound, cached in a fresh temporary directory.
    static func builtInModel(_ sound: String) throws -> AcousticModel {
        let directory = temporaryDirectory("token-intensity")
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: directory.appendingPathComponent("cache")),
            store: LearnedSoundStore(directory: directory.appendingPathComponent("sounds")))
        return try provider.model(sound: sound)
    }

    /// Slope (dB per octave) of the left channel from 20 Hz to 20 kHz.
    static func slope(_ stereo: [Float]) -> Double {
        slopePerOctave(octaveBandDecibels(powerSpectrum(stereo, channel: 0), lowHertz: 20, octaves: 10)).slope
    }

    /// Pink noise's corpus spans a ±6 dB tilt (intensity 0 … 1). Scored by
    /// loudness, the darker, louder end drew the walk and pink noise played at
    /// −3.7 dB/octave at 0.5, and intensity ran backwards.
    @Test func pinkNoiseThroughTokensFallsThreeDecibelsPerOctaveAtHalfIntensity() throws {
        let model = try Self.builtInModel("pink-noise")
        #expect(model.isScoredByRenderedIntensity)
        for seed: UInt64 in [3, 8] {
            let slope = Self.slope(render(TokenLayer(model: model, seed: seed), seconds: 60, intensity: 0.5))
            #expect(abs(slope - -3.01) < 0.3, "pink through tokens (seed \(seed)) slopes \(slope) dB/octave")
        }
    }

    @Test func pinkNoiseThroughTokensGetsBrighterWithIntensity() throws {
        let model = try Self.builtInModel("pink-noise")
        let slopes = [0, 0.5, 1].map { (intensity: Float) in
            Self.slope(render(TokenLayer(model: model, seed: 5), seconds: 30, intensity: intensity))
        }
        #expect(slopes[1] > slopes[0] + 0.3, "intensity 0 → 0.5 slopes \(slopes)")
        #expect(slopes[2] > slopes[1] + 0.3, "intensity 0.5 → 1 slopes \(slopes)")
    }
}
