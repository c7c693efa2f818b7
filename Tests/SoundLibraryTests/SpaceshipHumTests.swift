import TestSupport
import Testing

@testable import DSP

/// A starship hums — the one place sound meant to hold low tones — and its
/// drone beats slowly instead of standing still; a full burn is louder and
/// higher than idling; nothing whines up high.
@Suite struct SpaceshipHumTests {
    private func ship(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("spaceship", "engine", intensity: intensity, seconds: seconds)
    }

    @Test func theDroneHoldsLowTonesThatBeatSlowlyAndNothingWhinesHigh() {
        let samples = ship(intensity: 0.5, seconds: 20)
        let low = PlaceSoundProbe.narrowLines(samples, from: 30, to: 400)
        #expect(!low.isEmpty, "the engines hold no tone")
        let high = PlaceSoundProbe.narrowLines(samples, from: 2_000, to: 12_000)
        #expect(high.isEmpty, "something whines at \(high.map(Int.init)) Hz")
        let drone = IndoorSoundProbe.filtered(IndoorSoundProbe.mono(samples), .lowPass, frequency: 200)
        let levels = IndoorSoundProbe.envelopeDecibels(drone, frameSeconds: 0.25)
        #expect(PlaceSoundProbe.spread(levels) > 0.5, "the drone stands still: \(levels.map(Int.init))")
    }

    /// The drone's fundamental: the strongest bin between 30 and 75 Hz.
    private func tone(_ stereo: [Float]) -> Double {
        let power = powerSpectrum(stereo, channel: 0)
        let binHertz = 48_000.0 / 16_384
        let bins = Int(30 / binHertz)...Int(75 / binHertz)
        return Double(bins.max { power[$0] < power[$1] }!) * binHertz
    }

    @Test func aFullBurnIsLouderAndHigherThanIdling() {
        let idle = ship(intensity: 0, seconds: 12)
        let burn = ship(intensity: 1, seconds: 12)
        #expect(PlaceSoundProbe.decibels(burn, over: idle) > 4)
        #expect(
            tone(burn) > tone(idle) * 1.2 && tone(burn) < tone(idle) * 1.4,
            "drone at \(tone(idle)) Hz idling, \(tone(burn)) Hz burning")
    }
}
