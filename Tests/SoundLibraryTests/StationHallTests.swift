import TestSupport
import Testing

@testable import DSP

/// A station hall: the morning rush is louder and full of footsteps and
/// voices where the late evening has a few; a train pulling out swells the low end; the
/// long reverberation never rings as a tone.
@Suite struct StationHallTests {
    private func hall(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("station", "hall", intensity: intensity, seconds: seconds)
    }

    /// The 1.5–5 kHz band, where heels click, cases rattle and voices carry their consonants.
    private func clickBand(_ stereo: [Float]) -> [Float] {
        IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(IndoorSoundProbe.mono(stereo), .highPass, frequency: 1_500), .lowPass,
            frequency: 5_000)
    }

    @Test func theRushIsLouderAndFullerOfFootstepsAndVoicesThanTheLateEvening() {
        let evening = hall(intensity: 0, seconds: 20)
        let rush = hall(intensity: 1, seconds: 20)
        let rise = PlaceSoundProbe.decibels(rush, over: evening)
        #expect(rise > 5, "the rush is only \(rise) dB louder than the evening")
        let bustle = PlaceSoundProbe.decibels(clickBand(rush), over: clickBand(evening))
        #expect(bustle > 8, "steps and voices at 1.5–5 kHz rise only \(bustle) dB from evening to rush")
    }

    @Test func aTrainPullingOutSwellsTheLowEndForSeconds() {
        let low = IndoorSoundProbe.filtered(
            IndoorSoundProbe.mono(hall(intensity: 0.5, seconds: 60)), .lowPass, frequency: 100)
        let levels = IndoorSoundProbe.envelopeDecibels(low, frameSeconds: 1)
        let quietest = levels.sorted()[levels.count / 10]
        let swelling = levels.filter { $0 > quietest + 6 }.count
        #expect(
            swelling >= 8,
            "no departure: only \(swelling) s of the low end 6 dB above its quiet: \(levels.map(Int.init))")
    }

    @Test func theHallsReverberationNeverRingsAsATone() {
        let lines = PlaceSoundProbe.narrowLines(hall(intensity: 0.5, seconds: 20))
        #expect(lines.isEmpty, "steady tones at \(lines.map(Int.init)) Hz")
    }
}
