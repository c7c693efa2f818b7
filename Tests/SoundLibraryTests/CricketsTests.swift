@testable import DSP
import Foundation
import SoundLibrary
import TestSupport
import Testing

@Suite struct CricketsTests {
    private func mono(_ intensity: Float, seconds: Double = 15) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("crickets", seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test func cricketsSingBetween3And6KilohertzOverTheNightsFloor() {
        // The real night in Sounds/crickets/ holds 22 % of its energy at 3–6 kHz (the
        // song) and most of the rest below 500 Hz (the night's floor: air, the land).
        // Crickets alone on silence held 90 %; a floor that drowned them, under 11 %.
        let share = AudioAnalysis.energyFraction(mono(0.5), from: 3000, to: 6000)
        print("crickets 3–6 kHz share \(share)")
        #expect(share > 0.11)
        #expect(share < 0.6)
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
        // More and nearer insects over the same night: the song band takes more of the energy.
        let fewSong = AudioAnalysis.energyFraction(few, from: 3000, to: 6000)
        let manySong = AudioAnalysis.energyFraction(many, from: 3000, to: 6000)
        print("crickets level few \(fewLevel) many \(manyLevel), 3–6 kHz share few \(fewSong) many \(manySong)")
        #expect(manyLevel > fewLevel + 1.5)
        #expect(manySong > fewSong + 0.1)
    }

    @Test func theNightHasABroadbandFloorBelowTheSong() {
        // A summer-night recording (shared/recordings/summer-night.ogg) holds 0.3 % of its
        // energy at 1.4–2.8 kHz and 1–7 % in each octave from 125 Hz to 1 kHz: night air,
        // leaves, the far countryside. Crickets alone on silence had 0.0003 % near 2 kHz.
        let signal = mono(0.5, seconds: 20)
        let nearTwoKilohertz = AudioAnalysis.energyFraction(signal, from: 1414, to: 2828)
        let lowOctaves = AudioAnalysis.energyFraction(signal, from: 88, to: 1414)
        print("crickets 1.4–2.8 kHz share \(nearTwoKilohertz), 88 Hz–1.4 kHz share \(lowOctaves)")
        #expect(nearTwoKilohertz > 0.0007)
        #expect(lowOctaves > 0.01)
    }

    @Test func eachCricketChirpsIrregularlyWithPauses() {
        // Real crickets keep rough time only; a chirp every N ms exactly, for a minute,
        // is what made the old night sound like a machine.
        var worstVariation = Double.infinity
        var longestGapSeconds = 0.0
        for seed: UInt64 in 1...4 {
            var cricket = Cricket(seed: seed, distance: 0.2, pan: 0)
            var onsets: [Int] = []
            var quietSamples = Int.max / 2
            for sample in 0..<(60 * AudioFormat.sampleRate) {
                let level = abs(cricket.next(isSinging: true).left)
                if level > 0.01 {
                    // A chirp starts after ≥100 ms of quiet (longer than any gap between its pulses).
                    if quietSamples > AudioFormat.sampleRate / 10 { onsets.append(sample) }
                    quietSamples = 0
                } else {
                    quietSamples += 1
                }
            }
            let intervals = zip(onsets.dropFirst(), onsets).map { Double($0 - $1) / Double(AudioFormat.sampleRate) }
            let sorted = intervals.sorted()
            // The spread of ordinary intervals (pauses aside): inter-quartile range over median.
            let median = sorted[sorted.count / 2]
            let spread = (sorted[sorted.count * 3 / 4] - sorted[sorted.count / 4]) / median
            worstVariation = min(worstVariation, spread)
            longestGapSeconds = max(longestGapSeconds, sorted.last! / median)
            print("cricket seed \(seed): \(onsets.count) chirps, interval IQR/median \(spread), longest/median \(sorted.last! / median)")
        }
        #expect(worstVariation > 0.08)
        #expect(longestGapSeconds > 3)
    }
}
