import TestSupport
import Testing

@testable import DSP

/// An airliner's cabin is a deep, dark roar that breathes, with no whistle in
/// it; more thrust is louder and brighter, and rough air brings bumps that
/// smooth air never has.
@Suite struct AirplaneCabinTests {
    private func cabin(intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("airplane", "cabin", intensity: intensity, seconds: seconds)
    }

    @Test func theRoarIsDeepAndFallsSteeplyAboveAKilohertz() {
        let samples = cabin(intensity: 0.5, seconds: 12)
        #expect(IndoorSoundProbe.power(samples) > 1e-4, "the cabin is silent")
        // Octave-band levels (total power per band), centres 63 Hz … 8 kHz.
        let bands = PlaceSoundProbe.octaveBands(samples).enumerated().map { $1 + 3.01 * Double($0) }
        let loudest = bands.indices.max { bands[$0] < bands[$1] }!
        #expect(loudest <= 2, "the loudest octave is band \(loudest) of \(bands.map(Int.init))")
        // Real cabins (A320, 737 at cruise) fall 20–30 dB from 250 Hz to 4 kHz; pink noise is flat, brown falls 12.
        #expect(
            bands[2] - bands[6] > 18,
            "250 Hz to 4 kHz falls only \(bands[2] - bands[6]) dB: \(bands.map(Int.init))")
        #expect(
            abs(bands[1] - bands[2]) < 6 && bands[2] - bands[3] < 8,
            "no body at 125–500 Hz: \(bands.map(Int.init))")
    }

    @Test func theRoarBreathesButNoToneSticksOutOfIt() {
        let samples = cabin(intensity: 0.5, seconds: 20)
        // The engines' hum under 100 Hz is the one steady tone a real cabin has
        // (Sounds/airplane/jet-cabin.ogg: 80 Hz, well over its roar); nothing above it.
        let lines = PlaceSoundProbe.narrowLines(samples).filter { $0 >= 100 }
        #expect(lines.isEmpty, "steady tones at \(lines.map(Int.init)) Hz")
        let spread = PlaceSoundProbe.spread(PlaceSoundProbe.levels(samples, frameSeconds: 1))
        #expect(
            spread > 0.2 && spread < 4,
            "one-second levels spread \(spread) dB: frozen noise or a pumping bed")
    }

    @Test func moreThrustIsLouderAndBrighter() {
        let descent = IndoorSoundProbe.mono(cabin(intensity: 0.1, seconds: 8))
        let climb = IndoorSoundProbe.mono(cabin(intensity: 0.9, seconds: 8))
        #expect(PlaceSoundProbe.decibels(climb, over: descent) > 4)
        func share(_ signal: [Float]) -> Double {
            AudioAnalysis.energyFraction(signal, from: 500, to: 2_000)
        }
        #expect(
            share(climb) > 1.5 * share(descent), "500 Hz–2 kHz share \(share(climb)) vs \(share(descent))"
        )
    }

    @Test func roughAirBringsBumpsThatSmoothAirNeverHas() {
        func bumpyFrames(_ intensity: Float) -> Int {
            // The roar's band, over the engines' steady hum (under 100 Hz, as in a real
            // cabin), is where chop swells.
            let low = IndoorSoundProbe.filtered(
                IndoorSoundProbe.filtered(
                    IndoorSoundProbe.mono(cabin(intensity: intensity, seconds: 40)), .highPass, frequency: 120),
                .lowPass, frequency: 500)
            let levels = IndoorSoundProbe.envelopeDecibels(low, frameSeconds: 0.25)
            let median = levels.sorted()[levels.count / 2]
            return levels.filter { $0 > median + 4 }.count
        }
        let smooth = bumpyFrames(0)
        let rough = bumpyFrames(1)
        #expect(smooth == 0, "\(smooth) bumpy quarter-seconds in smooth air")
        #expect(rough >= 4, "only \(rough) bumpy quarter-seconds in 40 s of rough air")
    }
}
