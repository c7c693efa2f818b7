import Foundation
import TestSupport
import Testing

@testable import DSP

/// City traffic: on a street the cars pass one by one, swelling and sweeping
/// across from one side to the other; from afar they merge into a dark roar;
/// rush hour is louder than the dead of night; no tone sticks out.
@Suite struct TrafficTests {
    private func traffic(_ variant: String, intensity: Float, seconds: Double) -> [Float] {
        IndoorSoundProbe.render("traffic", variant, intensity: intensity, seconds: seconds)
    }

    /// Left and right of the tyre band (500 Hz – 4 kHz), each in dB per quarter second.
    private func tyreBand(_ stereo: [Float]) -> (left: [Double], right: [Double]) {
        func channel(_ offset: Int) -> [Double] {
            let samples = stride(from: offset, to: stereo.count, by: 2).map { stereo[$0] }
            let band = IndoorSoundProbe.filtered(
                IndoorSoundProbe.filtered(samples, .highPass, frequency: 500), .lowPass, frequency: 4_000)
            return IndoorSoundProbe.envelopeDecibels(band, frameSeconds: 0.25)
        }
        return (channel(0), channel(1))
    }

    @Test func streetCarsSwellAndSweepAcrossWhereDistantTrafficMerges() {
        let street = tyreBand(traffic("street", intensity: 0.3, seconds: 30))
        let distant = tyreBand(traffic("distant", intensity: 0.3, seconds: 30))
        let streetSpread = PlaceSoundProbe.spread(street.left)
        let distantSpread = PlaceSoundProbe.spread(distant.left)
        #expect(streetSpread > 2.5, "street tyre band spreads only \(streetSpread) dB: no car passes")
        // Distant traffic is no flat roar either: the real distant road
        // (Sounds/traffic/distant-cars.ogg) spreads 7.3 dB as the flow swells, so
        // only "it never stands still" is asked of it, not "less than the street".
        #expect(distantSpread > 1, "distant tyre band spreads only \(distantSpread) dB")
        // A passing car is heard first on one side, then on the other.
        let balance = zip(street.left, street.right).map { $0 - $1 }
        #expect(
            balance.max()! > 4 && balance.min()! < -4,
            "cars never sweep across: balance \(balance.min()!) … \(balance.max()!) dB")
    }

    @Test(arguments: ["distant", "street"])
    func rushHourIsLouderThanTheDeadOfNight(variant: String) {
        let night = traffic(variant, intensity: 0, seconds: 20)
        let rush = traffic(variant, intensity: 1, seconds: 20)
        let rise = PlaceSoundProbe.decibels(rush, over: night)
        #expect(rise > 8, "\(variant): rush hour only \(rise) dB above night")
    }

    @Test func distantTrafficIsDarkAndTheStreetIsBrighter() {
        let distant = PlaceSoundProbe.octaveBands(traffic("distant", intensity: 0.5, seconds: 12))
        let street = PlaceSoundProbe.octaveBands(traffic("street", intensity: 0.5, seconds: 12))
        // Density levels: the 4 kHz octave against the 250 Hz one (pink noise: −12 dB).
        let distantTilt = distant[6] - distant[2]
        let streetTilt = street[6] - street[2]
        // The real distant road (Sounds/traffic/distant-cars.ogg) has 4 kHz and 250 Hz
        // octaves of equal energy (−11.1, −11.0 dB): a tilt of −12 dB on this measure,
        // darker than pink only by its missing top. −25 was darker than any real road.
        #expect(distantTilt < -12, "distant traffic is not dark: 4 kHz at \(distantTilt) dB under 250 Hz")
        #expect(streetTilt > distantTilt, "street \(streetTilt) dB vs distant \(distantTilt) dB")
    }

    @Test(arguments: ["distant", "street"])
    func noSteadyToneSticksOut(variant: String) {
        let lines = PlaceSoundProbe.narrowLines(traffic(variant, intensity: 0.5, seconds: 20))
        #expect(lines.isEmpty, "\(variant): steady tones at \(lines.map(Int.init)) Hz")
    }
}
