import TestSupport
import Testing


/// Typing is recognised by its rhythm: keys a typist's interval apart, in
/// words, with pauses — and a busier typist types faster.
@Suite struct KeyboardTypingTests {
    static func keyOnsets(intensity: Float, seconds: Double) -> [Double] {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("keyboard", "typing", intensity: intensity, seconds: seconds))
        // Presses only: release clicks are well over 10 dB softer than the presses.
        return IndoorSoundProbe.onsets(mono, riseDecibels: 12, rangeDecibels: 10, refractorySeconds: 0.06)
    }

    @Test func keystrokesComeAtTypingIntervalsInBurstsWithPauses() {
        let onsets = Self.keyOnsets(intensity: 0.5, seconds: 30)
        let intervals = IndoorSoundProbe.intervals(onsets)
        #expect(intervals.count > 60, "only \(onsets.count) keystrokes in 30 s")
        let typingPace = intervals.filter { $0 >= 0.08 && $0 <= 0.30 }.count
        #expect(
            Double(typingPace) > 0.6 * Double(intervals.count),
            "\(typingPace) of \(intervals.count) intervals at 80–300 ms")
        #expect(
            intervals.filter { $0 < 0.07 }.count <= intervals.count / 50,
            "keys closer than 70 ms: \(intervals.sorted().prefix(5))")
        let pauses = intervals.filter { $0 > 0.6 }.count
        #expect(pauses >= 2, "only \(pauses) pauses longer than 0.6 s")
    }

    @Test func busierTypistTypesFaster() {
        let idle = Self.keyOnsets(intensity: 0.1, seconds: 20).count
        let busy = Self.keyOnsets(intensity: 0.9, seconds: 20).count
        #expect(Double(busy) > Double(idle) * 1.4, "\(busy) keys at 0.9 vs \(idle) at 0.1 in 20 s")
    }
}
