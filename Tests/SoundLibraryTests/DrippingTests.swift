@testable import DSP
import Foundation
import TestSupport
import Testing

/// Drips are separate, irregular plinks with quiet between them, pitched where
/// a drop's bubble rings; faster water drips more often; a cave echoes on.
@Suite struct DrippingTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 30) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("dripping", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    private func drips(_ signal: [Float]) -> [Double] {
        IndoorSoundProbe.onsets(signal, frameSeconds: 0.01, riseDecibels: 15, rangeDecibels: 30, refractorySeconds: 0.1)
    }

    @Test(arguments: ["cave", "tap"])
    func dripsAreIrregularPlinksWithQuietBetween(variant: String) {
        let signal = mono(variant, 0.5)
        let onsets = drips(signal)
        #expect(onsets.count >= 20 && onsets.count <= 150, "\(variant): \(onsets.count) drips in 30 s")
        let intervals = IndoorSoundProbe.intervals(onsets)
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        let spread = AudioAnalysis.standardDeviation(intervals) / mean
        #expect(spread > 0.15, "\(variant): drip intervals vary by only \(spread * 100) %")
        // Between drips it falls quiet: the quietest tenth of 50 ms frames is far below the loudest tenth.
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.05).sorted()
        let quiet = levels[levels.count / 10], loud = levels[levels.count * 9 / 10]
        #expect(loud - quiet > 10, "\(variant): loud frames only \(loud - quiet) dB above quiet ones")
        // The plinks ring between 500 Hz and 4 kHz.
        #expect(AudioAnalysis.energyFraction(signal, from: 500, to: 4000) > 0.5)
    }

    @Test(arguments: ["cave", "tap"])
    func fasterWaterDripsMoreOften(variant: String) {
        let slow = drips(mono(variant, 0.1)).count
        let fast = drips(mono(variant, 0.9)).count
        #expect(fast > 2 * slow, "\(variant): \(fast) drips at 0.9 against \(slow) at 0.1")
    }

    @Test func aCaveEchoesLongAfterADropAndASinkDoesNot() {
        // Decay after a drip: how far the level has fallen 0.3 s after each onset's peak.
        func fall(_ variant: String) -> Double {
            let signal = mono(variant, 0.1)
            let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.01)
            let falls = drips(signal).compactMap { onset -> Double? in
                let index = Int(onset / 0.01)
                guard index + 40 < levels.count else { return nil }
                let peak = levels[index..<(index + 5)].max()!
                return peak - levels[index + 30]
            }
            return falls.sorted()[falls.count / 2]
        }
        let cave = fall("cave"), tap = fall("tap")
        #expect(cave < tap - 6, "0.3 s after a drip: cave down \(cave) dB, tap down \(tap) dB")
    }
}
