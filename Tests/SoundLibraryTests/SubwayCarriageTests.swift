import TestSupport
import Testing

@testable import DSP

/// Riding the underground is a cycle a rider knows: roaring through the
/// tunnel, braking, a hush at the platform, pulling away again; rail joints
/// thump at no fixed beat; a faster line is louder.
@Suite struct SubwayCarriageTests {
    private func ride(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.mono(IndoorSoundProbe.render("subway", "carriage", intensity: intensity, seconds: seconds))
    }

    @Test func theTrainStopsAtAPlatformAndPullsAwayAgain() {
        let levels = IndoorSoundProbe.envelopeDecibels(ride(intensity: 0.5, seconds: 90), frameSeconds: 1)
        let median = levels.sorted()[levels.count / 2]
        // The longest run of seconds at least 8 dB under the ride's median: the platform.
        var longest = 0
        var run = 0
        var lastQuiet = 0
        for (second, level) in levels.enumerated() {
            run = level < median - 8 ? run + 1 : 0
            if run > 0 { lastQuiet = second }
            longest = max(longest, run)
        }
        #expect(longest >= 6, "no stop: the longest hush is \(longest) s in \(levels.map(Int.init))")
        #expect(longest < 40, "the train never leaves: \(longest) s hush")
        let after = levels[(lastQuiet + 1)...]
        #expect(after.contains { $0 > median - 3 }, "the train never pulls away again: \(levels.map(Int.init))")
    }

    @Test func railJointsThumpAtNoFixedBeat() {
        let low = IndoorSoundProbe.filtered(ride(intensity: 0.5, seconds: 20), .lowPass, frequency: 150)
        let thumps = IndoorSoundProbe.onsets(
            low, frameSeconds: 0.01, riseDecibels: 10, rangeDecibels: 20, refractorySeconds: 0.3)
        #expect(thumps.count >= 6, "only \(thumps.count) joint thumps in 20 s at speed")
        let gaps = IndoorSoundProbe.intervals(thumps)
        let mean = gaps.reduce(0, +) / Double(max(gaps.count, 1))
        let variation = PlaceSoundProbe.spread(gaps) / mean
        #expect(variation > 0.25, "joint thumps keep a beat: gaps vary by only \(variation * 100) %")
    }

    @Test func aFasterLineIsLouder() {
        let slow = ride(intensity: 0, seconds: 15)
        let fast = ride(intensity: 1, seconds: 15)
        let rise = PlaceSoundProbe.decibels(fast, over: slow)
        #expect(rise > 5, "a fast line is only \(rise) dB louder")
    }

    @Test func noSteadyToneSticksOutOfTheRoar() {
        let stereo = IndoorSoundProbe.render("subway", "carriage", intensity: 0.5, seconds: 20)
        let lines = PlaceSoundProbe.narrowLines(stereo)
        #expect(lines.isEmpty, "steady tones at \(lines.map(Int.init)) Hz")
    }
}
