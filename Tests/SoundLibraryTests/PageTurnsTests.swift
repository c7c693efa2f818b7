import TestSupport
import Testing


/// A reader turns pages seconds apart, never in a flurry, and a more eager
/// reader turns them more often.
@Suite struct PageTurnsTests {
    /// Starts of paper sounds: 50 ms frames rising 15 dB over the quiet before them.
    static func paperEvents(intensity: Float, seconds: Double, seed: UInt64 = 7) -> [Double] {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("pages", "book", intensity: intensity, seconds: seconds, seed: seed))
        return IndoorSoundProbe.onsets(
            mono, frameSeconds: 0.05, lookbackFrames: 6, riseDecibels: 15, rangeDecibels: 30, refractorySeconds: 1)
    }

    @Test func pageTurnsAreSecondsApart() {
        let events = Self.paperEvents(intensity: 0.5, seconds: 60)
        #expect(events.count >= 5, "only \(events.count) page sounds in a minute")
        let intervals = IndoorSoundProbe.intervals(events)
        #expect(intervals.allSatisfy { $0 >= 1.2 }, "page sounds closer than 1.2 s: \(intervals.sorted().prefix(3))")
        let mean = intervals.reduce(0, +) / Double(max(intervals.count, 1))
        #expect(mean > 3 && mean < 15, "mean interval \(mean) s")
    }

    @Test func eagerReaderTurnsMoreOften() {
        let slow = Self.paperEvents(intensity: 0.1, seconds: 60).count
        let eager = Self.paperEvents(intensity: 0.9, seconds: 60).count
        #expect(Double(eager) > Double(slow) * 1.8, "\(eager) page sounds at 0.9 vs \(slow) at 0.1 per minute")
    }

    @Test func aPageTurnIsPaperNotAThud() {
        // A swish lives in the upper mids; check the band where paper sounds are loud.
        let mono = IndoorSoundProbe.mono(IndoorSoundProbe.render("pages", "book", intensity: 0.8, seconds: 30))
        let paper = IndoorSoundProbe.power(
            IndoorSoundProbe.filtered(
                IndoorSoundProbe.filtered(mono, .highPass, frequency: 1_000), .lowPass, frequency: 8_000))
        #expect(
            paper > 0.5 * IndoorSoundProbe.power(mono),
            "only \(paper / IndoorSoundProbe.power(mono)) of the energy at 1–8 kHz")
    }
}
