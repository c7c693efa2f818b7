import TestSupport
import Testing

@testable import DSP

/// An open-plan office: a fuller office is louder and clicks with more
/// keyboards; typing comes in bursts with pauses over a steady bed of air
/// that never whistles.
@Suite struct OfficeHumTests {
    private func office(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("office", "open-plan", intensity: intensity, seconds: seconds)
    }

    /// The key-click band, 2–8 kHz, where typing stands above the air.
    private func clicks(_ stereo: [Float]) -> [Float] {
        IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(IndoorSoundProbe.mono(stereo), .highPass, frequency: 2_000), .lowPass,
            frequency: 8_000)
    }

    @Test func aFullerOfficeIsLouderAndClicksWithMoreKeyboards() {
        let early = office(intensity: 0, seconds: 20)
        let busy = office(intensity: 1, seconds: 20)
        let rise = PlaceSoundProbe.decibels(busy, over: early)
        // The air handling sets most of the level either way; people add to it.
        #expect(rise > 1, "a full office is only \(rise) dB louder than an empty one")
        let earlyKeys = IndoorSoundProbe.onsets(
            clicks(early), riseDecibels: 10, rangeDecibels: 35, refractorySeconds: 0.04
        ).count
        let busyKeys = IndoorSoundProbe.onsets(
            clicks(busy), riseDecibels: 10, rangeDecibels: 35, refractorySeconds: 0.04
        ).count
        #expect(busyKeys > earlyKeys * 3 / 2, "\(busyKeys) key clicks in a full office vs \(earlyKeys) early")
        #expect(earlyKeys >= 20, "even early someone types: \(earlyKeys) clicks in 20 s")
    }

    @Test func typingComesInBurstsOverASteadyBedThatNeverWhistles() {
        let samples = office(intensity: 0.5, seconds: 20)
        let clickLevels = IndoorSoundProbe.envelopeDecibels(clicks(samples), frameSeconds: 0.5)
        #expect(PlaceSoundProbe.spread(clickLevels) > 2, "typing never pauses: \(clickLevels.map(Int.init))")
        let bed = PlaceSoundProbe.levels(samples, frameSeconds: 1)
        #expect(PlaceSoundProbe.spread(bed) < 3, "the office's level pumps: \(bed.map(Int.init))")
        let lines = PlaceSoundProbe.narrowLines(samples)
        #expect(lines.isEmpty, "steady tones at \(lines.map(Int.init)) Hz")
    }
}
