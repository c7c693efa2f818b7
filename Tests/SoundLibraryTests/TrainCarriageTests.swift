import TestSupport
import Testing


/// A train on jointed track is its rhythm: clack-clack pairs, one pair per
/// rail length, coming faster as the train speeds up.
@Suite struct TrainCarriageTests {
    /// Clack onsets in the 1–4 kHz band, where the rattle stands above the roar.
    static func clacks(intensity: Float, seconds: Double = 30) -> [Double] {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("train", "carriage", intensity: intensity, seconds: seconds))
        let band = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(mono, .highPass, frequency: 1_000), .lowPass, frequency: 4_000)
        return IndoorSoundProbe.onsets(band, riseDecibels: 10, rangeDecibels: 12, refractorySeconds: 0.04)
    }

    @Test func clacksComeInPairsAtARegularRailPeriod() {
        let onsets = Self.clacks(intensity: 0.5)
        let gaps = IndoorSoundProbe.intervals(onsets)
        let pairGaps = gaps.filter { $0 > 0.06 && $0 < 0.35 }
        #expect(onsets.count >= 30, "only \(onsets.count) clacks in 30 s")
        #expect(
            Double(pairGaps.count) > 0.4 * Double(gaps.count), "\(pairGaps.count) of \(gaps.count) gaps are pair gaps")
        let periods = IndoorSoundProbe.intervals(IndoorSoundProbe.pairStarts(onsets)).sorted()
        #expect(periods.count >= 15)
        let median = periods[periods.count / 2]
        let regular = periods.filter { abs($0 - median) < 0.1 * median }.count
        #expect(Double(regular) > 0.8 * Double(periods.count), "rail period irregular: \(periods)")
    }

    @Test func fasterTrainClacksMoreOften() {
        let slow = IndoorSoundProbe.pairStarts(Self.clacks(intensity: 0.2)).count
        let fast = IndoorSoundProbe.pairStarts(Self.clacks(intensity: 0.9)).count
        #expect(Double(fast) > Double(slow) * 1.6, "\(fast) clack pairs at 0.9 vs \(slow) at 0.2 in 30 s")
    }
}
