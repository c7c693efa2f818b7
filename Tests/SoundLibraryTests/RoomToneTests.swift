import TestSupport
import Testing


/// Room tone is a bed to work over: it must be steady and dark, and its
/// intensity must change the room, not only the level.
@Suite struct RoomToneTests {
    @Test(arguments: ["library", "room"])
    func roomToneIsSteadyAndWeightedToTheLows(variant: String) {
        let mono = IndoorSoundProbe.mono(
            IndoorSoundProbe.render("room-tone", variant, intensity: 0.5, seconds: 20))
        let levels = IndoorSoundProbe.envelopeDecibels(mono, frameSeconds: 0.4)
        let mean = levels.reduce(0, +) / Double(levels.count)
        let deviation = (levels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(levels.count))
            .squareRoot()
        #expect(deviation < 1.5, "level wanders by \(deviation) dB (400 ms blocks)")
        let low = IndoorSoundProbe.power(IndoorSoundProbe.filtered(mono, .lowPass, frequency: 500))
        let high = IndoorSoundProbe.power(IndoorSoundProbe.filtered(mono, .highPass, frequency: 2_000))
        #expect(low > high * 30, "energy below 500 Hz is only \(low / high)× that above 2 kHz")
    }

    @Test func moreIntenseRoomHasMoreAirMoving() {
        func airShare(_ intensity: Float) -> Double {
            let mono = IndoorSoundProbe.mono(
                IndoorSoundProbe.render("room-tone", "room", intensity: intensity, seconds: 6))
            return IndoorSoundProbe.power(IndoorSoundProbe.filtered(mono, .highPass, frequency: 1_000))
                / IndoorSoundProbe.power(mono)
        }
        #expect(airShare(0.9) > airShare(0.1) * 1.5)
    }
}
