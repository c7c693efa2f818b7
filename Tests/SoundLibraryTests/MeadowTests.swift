@testable import DSP
import Foundation
import TestSupport
import Testing

/// A meadow has a soft floor of grass, bees that swell and fade as they pass,
/// and birds beyond; a livelier field is louder and busier.
@Suite struct MeadowTests {
    private func mono(_ intensity: Float, seconds: Double = 40) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("meadow", variant: "summer", seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test func grassNeverFallsSilentAndBeesComeAndGo() {
        let signal = mono(0.6)
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.1).sorted()
        #expect(levels[levels.count / 20] > levels[levels.count / 2] - 20, "the meadow falls silent")
        // Bees: the 150–700 Hz band swells by well over 10 dB as one passes, then falls back.
        let hum = IndoorSoundProbe.filtered(IndoorSoundProbe.filtered(signal, .highPass, frequency: 150), .lowPass, frequency: 700)
        let humLevels = IndoorSoundProbe.envelopeDecibels(hum, frameSeconds: 0.5).sorted()
        let swing = humLevels[humLevels.count * 19 / 20] - humLevels[humLevels.count / 5]
        #expect(swing > 10, "the bee band swings by only \(swing) dB")
    }

    @Test func birdsSingBeyondTheField() {
        let band = IndoorSoundProbe.filtered(IndoorSoundProbe.filtered(mono(0.6), .highPass, frequency: 1_800), .lowPass, frequency: 7_000)
        let notes = IndoorSoundProbe.onsets(band, frameSeconds: 0.01, riseDecibels: 10, rangeDecibels: 30, refractorySeconds: 0.05)
        #expect(notes.count >= 10, "\(notes.count) bird notes in 40 s")
    }

    @Test func aLivelierFieldIsLouderAndBusier() {
        let still = mono(0.1), lively = mono(0.9)
        let stillLevel = still.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let livelyLevel = lively.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        #expect(livelyLevel > stillLevel + 3, "\(stillLevel) dB still, \(livelyLevel) dB lively")
        // More birds singing and grasshoppers scraping: more high notes.
        func notes(_ signal: [Float]) -> Int {
            IndoorSoundProbe.onsets(
                IndoorSoundProbe.filtered(signal, .highPass, frequency: 1_800), frameSeconds: 0.01, riseDecibels: 10,
                rangeDecibels: 30, refractorySeconds: 0.05
            ).count
        }
        #expect(notes(lively) > notes(still) * 3 / 2, "\(notes(still)) notes still, \(notes(lively)) lively")
    }
}
