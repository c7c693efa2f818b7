@testable import DSP
import Foundation
import TestSupport
import Testing

/// Frogs croak in the 200 Hz–1.5 kHz band, in irregular bouts with pauses;
/// at higher intensity more frogs call.
@Suite struct FrogsTests {
    private func mono(_ intensity: Float, seconds: Double = 40) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("frogs", variant: "pond", seconds: seconds, intensity: intensity, seed: 5))
    }

    private func croaks(_ signal: [Float]) -> [Double] {
        IndoorSoundProbe.onsets(signal, frameSeconds: 0.01, riseDecibels: 12, rangeDecibels: 30, refractorySeconds: 0.06)
    }

    @Test func croaksSitBetween200HzAnd1500Hz() {
        let signal = mono(0.5, seconds: 20)
        #expect(AudioAnalysis.energyFraction(signal, from: 150, to: 1600) > 0.75)
        #expect(AudioAnalysis.energyFraction(signal, from: 3000, to: 24_000) < 0.05)
    }

    @Test func aFewFrogsCallInIrregularBoutsWithPauses() {
        let signal = mono(0.2)
        let onsets = croaks(signal)
        #expect(onsets.count >= 8, "\(onsets.count) croaks in 40 s")
        let intervals = IndoorSoundProbe.intervals(onsets)
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        #expect(AudioAnalysis.standardDeviation(intervals) / mean > 0.5, "croak intervals too even: \(intervals)")
        // Pauses: a good part of the time the pond is quiet, well below the calls.
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.1).sorted()
        let quiet = levels[levels.count / 5], loud = levels[levels.count * 19 / 20]
        #expect(loud - quiet > 20, "calls only \(loud - quiet) dB above the pauses")
    }

    @Test func moreFrogsCallAtHigherIntensity() {
        // Share of 100 ms frames with a call in them (within 25 dB of the loudest).
        func busy(_ intensity: Float) -> Double {
            let levels = IndoorSoundProbe.envelopeDecibels(mono(intensity), frameSeconds: 0.1)
            let loudest = levels.max()!
            return Double(levels.filter { $0 > loudest - 25 }.count) / Double(levels.count)
        }
        let few = busy(0.1), many = busy(0.9)
        #expect(many > few + 0.2, "frames with calls: \(few) at 0.1, \(many) at 0.9")
    }
}
