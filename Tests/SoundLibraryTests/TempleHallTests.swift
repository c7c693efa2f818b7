import TestSupport
import Testing

@testable import DSP
@testable import SoundLibrary

/// A temple: the chant is a murmur of many voices in phrases with pauses
/// for breath, with no single pitch in it; bells ring on for seconds across
/// a dark hall; a full service is louder than an empty hall.
@Suite struct TempleHallTests {
    private func temple(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("temple", "hall", intensity: intensity, seconds: seconds)
    }

    /// The vowel band, 300 Hz – 1.2 kHz, where the chant's formants sit.
    private func vowels(_ stereo: [Float]) -> [Float] {
        IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(IndoorSoundProbe.mono(stereo), .highPass, frequency: 300), .lowPass,
            frequency: 1_200)
    }

    @Test func theChantBreathesInPhrasesAndHoldsNoPitch() {
        let chant = render(TempleHall(seed: 7, ringsBells: false), seconds: 30, intensity: 0.8)
        let lines = PlaceSoundProbe.narrowLines(chant, from: 60, to: 4_000)
        #expect(lines.isEmpty, "the chant holds tones at \(lines.map(Int.init)) Hz")
        let levels = IndoorSoundProbe.envelopeDecibels(vowels(chant), frameSeconds: 0.5)
        let median = levels.sorted()[levels.count / 2]
        #expect(levels.contains { $0 < median - 6 }, "the chant never pauses for breath: \(levels.map(Int.init))")
        #expect(PlaceSoundProbe.spread(levels) > 2, "the chant is a flat drone: \(levels.map(Int.init))")
    }

    @Test func aBellRingsOnAcrossADarkHall() {
        let quietHall = temple(intensity: 0, seconds: 40)
        #expect(!PlaceSoundProbe.narrowLines(quietHall, from: 60, to: 2_000).isEmpty, "no bell rang in 40 s")
        let bands = PlaceSoundProbe.octaveBands(temple(intensity: 0.5, seconds: 20))
        #expect(bands[6] < bands[2] - 20, "the hall is not dark: 4 kHz at \(bands[6] - bands[2]) dB from 250 Hz")
    }

    @Test func aFullServiceIsLouderThanAnEmptyHall() {
        let empty = temple(intensity: 0, seconds: 20)
        let full = temple(intensity: 1, seconds: 20)
        let rise = PlaceSoundProbe.decibels(full, over: empty)
        #expect(rise > 6, "a full service is only \(rise) dB louder")
        #expect(PlaceSoundProbe.decibels(vowels(full), over: vowels(empty)) > rise, "the chant is not what grew")
    }
}
