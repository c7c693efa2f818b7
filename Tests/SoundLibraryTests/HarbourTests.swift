import TestSupport
import Testing

@testable import DSP

/// A harbour: water slaps the hulls at no fixed beat, each slap a broadband
/// splash as in real recordings of boats at their moorings; a choppy day
/// splashes more and louder than a still morning; no tone sticks out.
@Suite struct HarbourTests {
    private func harbour(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("harbour", "moorings", intensity: intensity, seconds: seconds)
    }

    /// The spray band, 1.5–8 kHz, where slaps splash.
    private func spray(_ stereo: [Float]) -> [Float] {
        IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(IndoorSoundProbe.mono(stereo), .highPass, frequency: 1_500), .lowPass,
            frequency: 8_000)
    }

    /// Slap onsets in the spray band.
    private func slaps(_ stereo: [Float]) -> [Double] {
        IndoorSoundProbe.onsets(
            spray(stereo), frameSeconds: 0.01, riseDecibels: 8, rangeDecibels: 30, refractorySeconds: 0.1)
    }

    @Test func waterSlapsTheHullsAtNoFixedBeat() {
        let onsets = slaps(harbour(intensity: 0.5, seconds: 30))
        #expect(onsets.count >= 15, "only \(onsets.count) slaps in 30 s")
        let gaps = IndoorSoundProbe.intervals(onsets)
        let mean = gaps.reduce(0, +) / Double(max(gaps.count, 1))
        #expect(PlaceSoundProbe.spread(gaps) / mean > 0.5, "slaps keep a beat: gaps \(gaps)")
    }

    @Test func slapsSplashAcrossTheSpectrumAsRealLappingDoes() {
        let bands = PlaceSoundProbe.octaveBands(harbour(intensity: 0.5, seconds: 20))
        // Octave-band levels, 63 Hz … 8 kHz: the real boat recording (boat.ogg) is within 3 dB from 125 Hz to 8 kHz.
        let levels = bands.enumerated().map { $1 + 3.01 * Double($0) }
        for octave in 4...7 {
            #expect(
                levels[octave] > levels[2] - 20, "octave \(octave) lies \(levels[2] - levels[octave]) dB under 250 Hz")
        }
        let lines = PlaceSoundProbe.narrowLines(harbour(intensity: 0.5, seconds: 20))
        #expect(lines.isEmpty, "steady tones at \(lines.map(Int.init)) Hz")
    }

    @Test func aChoppyDaySplashesMoreAndLouderThanAStillMorning() {
        let still = harbour(intensity: 0, seconds: 20)
        let choppy = harbour(intensity: 1, seconds: 20)
        let rise = PlaceSoundProbe.decibels(choppy, over: still)
        #expect(rise > 6, "choppy is only \(rise) dB louder than still")
        // Choppy water slaps so often the splashes merge: the spray band rises more than the whole.
        let splashing = PlaceSoundProbe.decibels(spray(choppy), over: spray(still))
        #expect(splashing > rise, "spray rises only \(splashing) dB, the whole \(rise) dB")
    }
}
