@testable import DSP
import Foundation
import TestSupport
import Testing

/// The household and meditation sounds keep their intensity's meaning: a faster
/// heart, a busier wind, a faster fan, a closer cat, a bowl struck more often.
@Suite struct HouseholdSoundsTests {
    private func mono(_ sound: String, _ variant: String, intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.mono(IndoorSoundProbe.render(sound, variant, intensity: intensity, seconds: seconds))
    }

    /// Lub onsets (below 200 Hz, where the first heart sound sits) per minute.
    private func beatsPerMinute(intensity: Float) -> Double {
        let low = IndoorSoundProbe.filtered(mono("heartbeat", "resting", intensity: intensity, seconds: 30), .lowPass, frequency: 200)
        let onsets = IndoorSoundProbe.onsets(low, riseDecibels: 15, rangeDecibels: 20, refractorySeconds: 0.45)
        return Double(onsets.count) * 2
    }

    /// The strongest modulation of `envelope` (sampled `rate` times a second) among `frequencies`,
    /// Welch-style: Goertzel power summed over one-second segments, so each candidate's band is
    /// about a hertz wide and a modulation between two candidates is not missed.
    private func strongestModulation(_ envelope: [Double], rate: Double, among frequencies: [Double]) -> Double {
        let mean = envelope.reduce(0, +) / Double(envelope.count)
        let centred = envelope.map { Float($0 - mean) }
        let segment = Int(rate)
        let starts = Array(stride(from: 0, to: centred.count - segment + 1, by: segment))
        let scored = frequencies.map { frequency in
            (frequency, starts.reduce(0.0) { total, start in
                total + IndoorSoundProbe.goertzelPower(centred[start..<(start + segment)], frequency: frequency, sampleRate: rate)
            })
        }
        return scored.max { $0.1 < $1.1 }!.0
    }

    @Test func heartbeatQuickensFromRestToExcitedAndIsNeverAMetronome() {
        let resting = beatsPerMinute(intensity: 0)
        let excited = beatsPerMinute(intensity: 1)
        #expect(resting > 44 && resting < 60, "\(resting) beats a minute at rest")
        #expect(excited > 80 && excited < 96, "\(excited) beats a minute excited")
        let low = IndoorSoundProbe.filtered(mono("heartbeat", "resting", intensity: 0.5, seconds: 30), .lowPass, frequency: 200)
        let intervals = IndoorSoundProbe.intervals(
            IndoorSoundProbe.onsets(low, riseDecibels: 15, rangeDecibels: 20, refractorySeconds: 0.45))
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        let spread = (intervals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(intervals.count)).squareRoot()
        #expect(spread / mean > 0.01, "beat intervals vary by \(spread / mean * 100) %, a metronome by 0")
    }

    @Test func windChimesRingMoreOftenInMoreWind() {
        func strikes(_ intensity: Float) -> Int {
            IndoorSoundProbe.onsets(
                mono("wind-chimes", "porch", intensity: intensity, seconds: 30), riseDecibels: 6, rangeDecibels: 40,
                refractorySeconds: 0.08
            ).count
        }
        let still = strikes(0.1)
        let breezy = strikes(0.9)
        #expect(breezy > 2 * still, "\(breezy) strikes in a breeze against \(still) on a still evening")
        #expect(still >= 3, "a still evening still has a chime now and then: \(still)")
    }

    @Test(arguments: ["desk", "ceiling"])
    func aFasterFanIsLouderAndBrighter(variant: String) {
        let slow = mono("fan", variant, intensity: 0.1, seconds: 8)
        let fast = mono("fan", variant, intensity: 0.9, seconds: 8)
        let ratio = 10 * log10(IndoorSoundProbe.power(fast) / IndoorSoundProbe.power(slow))
        #expect(ratio > 3, "fast is only \(ratio) dB above slow")
        func brightness(_ signal: [Float]) -> Double {
            let high = IndoorSoundProbe.power(IndoorSoundProbe.filtered(signal, .highPass, frequency: 2_000))
            return 10 * log10(high / IndoorSoundProbe.power(signal))
        }
        #expect(brightness(fast) > brightness(slow) + 2, "\(brightness(fast)) vs \(brightness(slow)) dB above 2 kHz")
    }

    @Test func theCeilingFansBladesSwellTheAirFourToSixTimesASecond() {
        let band = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(mono("fan", "ceiling", intensity: 0.5, seconds: 20), .highPass, frequency: 250),
            .lowPass, frequency: 700)
        // The band's power in 10 ms frames, then its strongest modulation between 1 and 20 Hz.
        let power = IndoorSoundProbe.envelopeDecibels(band, frameSeconds: 0.01).map { pow(10, $0 / 10) }
        let strongest = strongestModulation(power, rate: 100, among: Array(stride(from: 1.0, through: 20.0, by: 0.5)))
        #expect(strongest >= 4 && strongest <= 6, "the blades swell the air \(strongest) times a second")
    }

    @Test func aCloserCatPurrsLouderAndItsPurrPulsesNearTwentyFiveHertz() {
        let far = mono("cat-purr", "lap", intensity: 0, seconds: 12)
        let near = mono("cat-purr", "lap", intensity: 1, seconds: 12)
        #expect(10 * log10(IndoorSoundProbe.power(near) / IndoorSoundProbe.power(far)) > 5)
        let power = IndoorSoundProbe.envelopeDecibels(near, frameSeconds: 0.004).map { pow(10, $0 / 10) }
        let strongest = strongestModulation(power, rate: 250, among: Array(stride(from: 10.0, through: 60.0, by: 1)))
        #expect(strongest >= 22 && strongest <= 29, "the purr pulses \(strongest) times a second")
    }

    @Test func theBowlIsStruckMoreOftenAtHigherIntensityAndRingsOnBetweenStrikes() {
        func strikes(_ intensity: Float) -> [Double] {
            IndoorSoundProbe.onsets(
                mono("singing-bowl", "struck", intensity: intensity, seconds: 120), riseDecibels: 10,
                rangeDecibels: 30, refractorySeconds: 3)
        }
        let calm = strikes(0).count
        let busy = strikes(1).count
        #expect(busy > calm, "\(busy) strikes at 1 against \(calm) at 0 in two minutes")
        #expect(calm >= 2 && busy <= 14, "calm \(calm), busy \(busy)")
        let levels = IndoorSoundProbe.envelopeDecibels(mono("singing-bowl", "struck", intensity: 0.5, seconds: 40), frameSeconds: 0.5)
        let loudest = levels.max()!
        #expect(levels.dropFirst().allSatisfy { $0 > loudest - 60 }, "the bowl never falls silent between strikes: \(levels.map(Int.init))")
    }
}
