@testable import DSP
import Foundation
import TestSupport
import Testing

@Suite struct CricketsTests {
    private func mono(_ intensity: Float, seconds: Double = 15) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("crickets", seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test func cricketsSingMostlyBetween3And6Kilohertz() {
        let share = AudioAnalysis.energyFraction(mono(0.5), from: 3000, to: 6000)
        print("crickets 3–6 kHz share \(share)")
        #expect(share > 0.8)
    }

    @Test func cricketSongIsAPulseTrain() {
        // The 2 ms envelope of the carrier band swings hard: pulses of ≈10 ms with gaps between.
        let band = AudioAnalysis.highPassed(mono(0.2), cutoff: 3000)
        let envelope = AudioAnalysis.envelope(band, frameSeconds: 0.002)
        let mean = envelope.reduce(0, +) / Double(envelope.count)
        let modulation = AudioAnalysis.standardDeviation(envelope) / mean
        // Pulse period ≈18–30 ms: the envelope correlates with itself one pulse later
        // better than half a pulse later.
        let halfPulse = (3...7).map { AudioAnalysis.autocorrelation(envelope, lag: $0) }.min()!
        let onePulse = (9...15).map { AudioAnalysis.autocorrelation(envelope, lag: $0) }.max()!
        print("crickets modulation \(modulation), r(half pulse) \(halfPulse), r(pulse) \(onePulse)")
        #expect(modulation > 0.5)
        #expect(onePulse > halfPulse + 0.2)
    }

    @Test func moreIntensityMeansMoreCricketsAndLouder() {
        let few = mono(0, seconds: 10), many = mono(1, seconds: 10)
        let fewLevel = few.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let manyLevel = many.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        // With many insects the pulses overlap: less silence between them.
        func silentShare(_ signal: [Float]) -> Double {
            let envelope = AudioAnalysis.envelope(AudioAnalysis.highPassed(signal, cutoff: 3000), frameSeconds: 0.002)
            let loud = envelope.sorted()[envelope.count * 95 / 100]
            return Double(envelope.filter { $0 < 0.05 * loud }.count) / Double(envelope.count)
        }
        print("crickets level few \(fewLevel) many \(manyLevel), silent share few \(silentShare(few)) many \(silentShare(many))")
        #expect(manyLevel > fewLevel + 1.5)
        #expect(silentShare(many) < 0.5 * silentShare(few))
    }
}
