@testable import DSP
import Foundation
import TestSupport
import Testing

/// Owls hoot in low, near-pure tones, in phrases with long irregular
/// silences between; more intensity, more hoots.
@Suite struct OwlsTests {
    private func mono(_ intensity: Float, seconds: Double = 60) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("owls", variant: "night", seconds: seconds, intensity: intensity, seed: 5))
    }

    private func hoots(_ signal: [Float]) -> [Double] {
        IndoorSoundProbe.onsets(signal, frameSeconds: 0.01, riseDecibels: 12, rangeDecibels: 30, refractorySeconds: 0.07)
    }

    @Test func hootsAreLowTonesWithLongSilencesBetween() {
        let signal = mono(0.5)
        // The hoot's fundamental carries the energy: 250 Hz–1 kHz.
        #expect(AudioAnalysis.energyFraction(signal, from: 250, to: 1_000) > 0.7)
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.1)
        let loudest = levels.max()!
        let silent = levels.filter { $0 < loudest - 25 }.count
        #expect(Double(silent) > 0.5 * Double(levels.count), "quiet only \(silent) of \(levels.count) frames")
        let onsets = hoots(signal)
        #expect(onsets.count >= 4 && onsets.count <= 80, "\(onsets.count) hoots in a minute")
        let intervals = IndoorSoundProbe.intervals(onsets)
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        #expect(AudioAnalysis.standardDeviation(intervals) / mean > 0.5, "hoots too evenly spaced: \(intervals)")
    }

    @Test func moreOwlsHootMoreOften() {
        let few = hoots(mono(0.05, seconds: 120)).count
        let many = hoots(mono(0.95, seconds: 120)).count
        #expect(many > 2 * few, "\(few) hoots at 0.05, \(many) at 0.95 in two minutes")
    }
}
