import TestSupport
import Testing


/// The clock is the one sound a listener times: a drifting or uneven beat
/// is heard at once.
@Suite struct WallClockTests {
    /// Sample index of each beat's first sample above a threshold well over the
    /// room floor and the movement's faint clatter (both some 30 dB under a tick,
    /// so their peaks stay under a fifth of the loudest tick's).
    static func beatOnsets(_ mono: [Float]) -> [Int] {
        let threshold = 0.2 * (mono.map(abs).max() ?? 0)
        var onsets: [Int] = []
        var index = 0
        while index < mono.count {
            if abs(mono[index]) > threshold {
                onsets.append(index)
                index += IndoorSoundProbe.sampleRate / 2  // skip this beat's ring
            } else {
                index += 1
            }
        }
        return onsets
    }

    @Test func beatsAreOneSecondApartToTheSample() {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("clock", "wall", intensity: 0.5, seconds: 20))
        let onsets = Self.beatOnsets(mono)
        #expect(onsets.count >= 19)
        for (later, earlier) in zip(onsets.dropFirst(), onsets) {
            let periodMilliseconds = Double(later - earlier) * 1000 / Double(IndoorSoundProbe.sampleRate)
            #expect(abs(periodMilliseconds - 1000) < 3, "beat period \(periodMilliseconds) ms")
        }
    }

    @Test func tickAndTockAlternateInPitch() {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("clock", "wall", intensity: 0.7, seconds: 12))
        let onsets = Self.beatOnsets(mono)
        let window = IndoorSoundProbe.sampleRate * 30 / 1000
        // The strongest partial of the metal ring between 1.5 and 3 kHz, in 10 Hz steps.
        let pitches: [Double] = onsets.filter { $0 + window < mono.count }.map { onset in
            let slice = mono[onset..<(onset + window)]
            return stride(from: 1_500.0, through: 3_000.0, by: 10).max { a, b in
                IndoorSoundProbe.goertzelPower(slice, frequency: a)
                    < IndoorSoundProbe.goertzelPower(slice, frequency: b)
            }!
        }
        #expect(pitches.count >= 10)
        let even = stride(from: 0, to: pitches.count, by: 2).map { pitches[$0] }
        let odd = stride(from: 1, to: pitches.count, by: 2).map { pitches[$0] }
        let (high, low) = even[0] > odd[0] ? (even, odd) : (odd, even)
        #expect(
            high.min()! > low.max()! * 1.03, "tick pitches \(high) do not sit above tock pitches \(low)")
    }

    @Test func closerClockIsBrighter() {
        func brightness(_ intensity: Float) -> Double {
            let mono = IndoorSoundProbe.mono(
                IndoorSoundProbe.render("clock", "wall", intensity: intensity, seconds: 6))
            let high = IndoorSoundProbe.power(
                IndoorSoundProbe.filtered(mono, .highPass, frequency: 4_000))
            return high / IndoorSoundProbe.power(mono)
        }
        #expect(brightness(0.9) > brightness(0.1) * 2)
    }
}
