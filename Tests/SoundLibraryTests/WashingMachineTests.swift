import Foundation
import TestSupport
import Testing

@testable import DSP

/// A washing machine: the wash turns for several seconds and rests, the
/// laundry splashing once a turn but never like a clock; the spin throbs
/// once a revolution, faster the faster it spins.
@Suite struct WashingMachineTests {
    private func machine(_ cycle: String, intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.mono(IndoorSoundProbe.render("washing-machine", cycle, intensity: intensity, seconds: seconds))
    }

    @Test func theWashTurnsAndRestsAndSplashesOnceATurnButNotLikeAClock() {
        let wash = machine("wash", intensity: 0.5, seconds: 40)
        let levels = IndoorSoundProbe.envelopeDecibels(wash, frameSeconds: 1)
        let median = levels.sorted()[levels.count / 2]
        let resting = levels.filter { $0 < median - 10 }.count
        #expect(resting >= 3, "the drum never rests: \(levels.map(Int.init))")
        #expect(resting < levels.count / 2, "the drum hardly turns: \(levels.map(Int.init))")
        #expect(levels.allSatisfy { $0 > median - 45 }, "the machine falls silent at rest: \(levels.map(Int.init))")
        let splashes = IndoorSoundProbe.onsets(
            IndoorSoundProbe.filtered(wash, .highPass, frequency: 300), frameSeconds: 0.01, riseDecibels: 8,
            rangeDecibels: 25, refractorySeconds: 0.4)
        let gaps = IndoorSoundProbe.intervals(splashes).filter { $0 < 2 }
        #expect(gaps.count >= 10, "only \(gaps.count) splashes a turn apart")
        let mean = gaps.reduce(0, +) / Double(max(gaps.count, 1))
        #expect(mean > 0.8 && mean < 1.6, "splashes \(mean) s apart, the drum turns in 1.2 s")
        #expect(PlaceSoundProbe.spread(gaps) / mean > 0.08, "splashes keep time like a clock: \(gaps)")
    }

    /// The strongest modulation of the spin's level between 4 and 30 Hz, in hertz.
    private func throb(intensity: Float) -> Double {
        let spin = machine("spin", intensity: intensity, seconds: 10)
        let power = IndoorSoundProbe.envelopeDecibels(spin, frameSeconds: 0.005).map { pow(10, $0 / 10) }
        let mean = power.reduce(0, +) / Double(power.count)
        let centred = power.map { Float($0 - mean) }
        let candidates = Array(stride(from: 4.0, through: 30.0, by: 0.25))
        return candidates.max { a, b in
            IndoorSoundProbe.goertzelPower(centred[...], frequency: a, sampleRate: 200)
                < IndoorSoundProbe.goertzelPower(centred[...], frequency: b, sampleRate: 200)
        }!
    }

    @Test func theSpinThrobsOnceARevolutionFasterAsItSpinsFaster() {
        // 400 rpm at 0 to 1400 rpm at 1: 15 turns a second at 0.5, 21.7 at 0.9.
        let middle = throb(intensity: 0.5)
        let fast = throb(intensity: 0.9)
        #expect(abs(middle - 15) < 1.5, "the spin throbs \(middle) times a second at 0.5")
        #expect(abs(fast - 21.7) < 1.5, "the spin throbs \(fast) times a second at 0.9")
    }
}
