@testable import DSP
import Foundation
import TestSupport
import Testing

/// Under water the world is low and muffled, it swells, and bubbles drift past.
@Suite struct UnderwaterTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 30) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("underwater", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test(arguments: ["sea", "deep"])
    func theEnergyIsLowAndTheHighsAreMuffled(variant: String) {
        let signal = mono(variant, 0.5, seconds: 15)
        let low = AudioAnalysis.energyFraction(signal, from: 0, to: 1000)
        let high = AudioAnalysis.energyFraction(signal, from: 3000, to: 24_000)
        #expect(low > 0.9, "\(variant): \(low) of the energy below 1 kHz")
        #expect(high < 0.002, "\(variant): \(high) of the energy above 3 kHz")
    }

    @Test(arguments: ["sea", "deep"])
    func itSwellsOverSecondsAndBubblesDriftPast(variant: String) {
        let signal = mono(variant, 0.6)
        // One-second levels rise and fall by several dB with the swell (steady noise: a tenth of a dB).
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 1)
        #expect(AudioAnalysis.standardDeviation(levels) > 1, "\(variant): one-second levels \(levels.map(Int.init))")
        // Bubbles: onsets in the 250–1000 Hz band where large bubbles ring.
        let band = IndoorSoundProbe.filtered(IndoorSoundProbe.filtered(signal, .highPass, frequency: 250), .lowPass, frequency: 1000)
        let pops = IndoorSoundProbe.onsets(band, frameSeconds: 0.01, riseDecibels: 10, rangeDecibels: 30, refractorySeconds: 0.03)
        #expect(pops.count >= 5, "\(variant): \(pops.count) bubbles in 30 s")
    }

    @Test func aRougherSeaIsLouder() {
        let calm = mono("sea", 0.1, seconds: 20).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        let rough = mono("sea", 0.9, seconds: 20).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        #expect(rough > calm + 4, "\(calm) LUFS calm, \(rough) LUFS rough")
    }
}
