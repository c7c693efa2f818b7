@testable import DSP
import Foundation
import TestSupport
import Testing

/// A blizzard gusts and howls with a hiss of snow; from inside the highs are
/// gone; a stronger storm is louder.
@Suite struct BlizzardTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 30) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("blizzard", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test(arguments: ["open", "cabin"])
    func theWindGustsWithoutEverDroppingAway(variant: String) {
        let signal = mono(variant, 0.5)
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.5)
        #expect(AudioAnalysis.standardDeviation(levels) > 2, "\(variant): half-second levels \(levels.map(Int.init))")
        let sorted = levels.sorted()
        #expect(sorted[sorted.count / 20] > sorted[sorted.count / 2] - 20, "\(variant): the storm drops away")
    }

    @Test func theHowlRisesAndFallsInPitch() {
        // The strongest band between 250 Hz and 1.5 kHz moves as the gusts come and go.
        let signal = IndoorSoundProbe.filtered(IndoorSoundProbe.filtered(mono("open", 0.8), .highPass, frequency: 250), .lowPass, frequency: 1_500)
        let centroids = AudioAnalysis.centroids(signal, size: 8_192)
        let spread = AudioAnalysis.standardDeviation(centroids)
        #expect(spread > 40, "the howl's centre moves by only \(spread) Hz")
    }

    @Test func snowHissesOutsideAndTheCabinWallsTakeIt() {
        let open = AudioAnalysis.energyFraction(mono("open", 0.5), from: 4_000, to: 16_000)
        let cabin = AudioAnalysis.energyFraction(mono("cabin", 0.5), from: 4_000, to: 16_000)
        // A recorded gale (Sounds/blizzard/) keeps 0.003 % of its energy above 4 kHz;
        // the open storm's snow hisses well over that without leaving its band range.
        #expect(open > 0.0005, "open: \(open) of the energy above 4 kHz")
        #expect(cabin < open / 4, "cabin \(cabin) against open \(open) above 4 kHz")
    }

    @Test(arguments: ["open", "cabin"])
    func aStrongerStormIsLouder(variant: String) {
        let snow = mono(variant, 0.1).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        let whiteOut = mono(variant, 0.9).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        #expect(whiteOut > snow + 6, "\(variant): \(snow) LUFS at 0.1, \(whiteOut) at 0.9")
    }
}
