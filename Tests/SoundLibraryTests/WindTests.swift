import Foundation
import DSP
import TestSupport
import Testing

@Suite struct WindTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 30) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("wind", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test(arguments: ["open", "trees"])
    func windsCentreFrequencyWandersAndItsLevelVariesSlowly(variant: String) {
        let signal = mono(variant, 0.6)
        // Centroid of 43 ms frames, averaged over half-second stretches, wanders.
        let centroids = AudioAnalysis.centroids(signal)
        let halfSeconds = stride(from: 0, to: centroids.count - 11, by: 11).map { start in
            centroids[start..<(start + 11)].reduce(0, +) / 11
        }
        let wander = AudioAnalysis.standardDeviation(halfSeconds) / (halfSeconds.reduce(0, +) / Double(halfSeconds.count))
        // Level in 250 ms frames: it varies (gusts) and slowly (neighbours alike).
        let envelope = AudioAnalysis.envelope(signal, frameSeconds: 0.25).map { 20 * log10(max($0, 1e-9)) }
        let levelSpread = AudioAnalysis.standardDeviation(envelope)
        let slowness = AudioAnalysis.autocorrelation(envelope, lag: 2)
        print("wind/\(variant): centroid wander \(wander), level spread \(levelSpread) dB, lag-0.5 s correlation \(slowness)")
        #expect(wander > 0.1)
        #expect(levelSpread > 1.5)
        #expect(slowness > 0.6)
    }

    @Test func windIsMostlyLowFrequencyRushLikeRealWind() {
        let signal = mono("open", 0.5)
        #expect(AudioAnalysis.energyFraction(signal, from: 0, to: 1000) > 0.8)
    }

    /// The wind's body sounds at 250–1000 Hz, as in the real winds the repository
    /// ships (Sounds/wind: 33 %, 36 % and 70 % of their energy at 400–2000 Hz), not
    /// sunk at 100 Hz: this render held 2.7 % there when it was tuned to one dark
    /// development recording (2 %), and the shipped ones put it out of their range.
    /// (This render: 15 %.) Above 2 kHz it stays a rush, not a hiss (the next tests).
    @Test func windsBodySoundsWhereRealWindsDoes() {
        let middle = AudioAnalysis.energyFraction(mono("open", 0.5), from: 400, to: 2000)
        print("wind/open: energy at 400–2000 Hz \(middle)")
        #expect(middle > 0.1, "the body sinks to a rumble")
        #expect(middle < 0.75, "the body is a mid-band rush")
    }

    @Test func aGaleIsGustierThanABreeze() {
        func gustiness(_ intensity: Float) -> Double {
            let envelope = AudioAnalysis.envelope(mono("open", intensity, seconds: 40), frameSeconds: 0.5)
            return AudioAnalysis.standardDeviation(envelope.map { 20 * log10(max($0, 1e-9)) })
        }
        let breeze = gustiness(0.1), gale = gustiness(1)
        print("wind gustiness breeze \(breeze) dB, gale \(gale) dB")
        #expect(gale > breeze * 1.2)
    }

    @Test func windInTreesHasLeafRustleAboveTwoKilohertz() {
        let open = AudioAnalysis.energyFraction(mono("open", 0.7), from: 2000, to: 10000)
        let trees = AudioAnalysis.energyFraction(mono("trees", 0.7), from: 2000, to: 10000)
        print("wind 2–10 kHz share open \(open) trees \(trees)")
        #expect(trees > 3 * open)
    }

    /// Strong wind rushes over grass and ground at 1–5 kHz: real wind recordings (Sounds/wind/,
    /// two) hold −26…−22 dB of their 125 Hz–8 kHz energy at 2 kHz and −30…−22 dB at 4 kHz. The
    /// old synthesizer stopped near 1 kHz (−32 and −49 dB here), a muffled fan.
    @Test func windRushesAt1To5KilohertzAndMoreInAGale() {
        let middle = SoundProfile(mono: mono("open", 0.5)).bandShares.decibels
        let breeze = SoundProfile(mono: mono("open", 0.1)).bandShares.decibels
        let gale = SoundProfile(mono: mono("open", 0.9)).bandShares.decibels
        print("wind/open 2 kHz, 4 kHz shares: breeze \(breeze[4]), \(breeze[5]); 0.5 \(middle[4]), \(middle[5]); gale \(gale[4]), \(gale[5])")
        #expect(middle[4] > -30.2)
        #expect(middle[5] > -34.3)
        #expect(gale[5] > breeze[5] + 6)
    }
}
