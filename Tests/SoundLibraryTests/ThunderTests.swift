import Foundation
import TestSupport
import Testing

@Suite struct ThunderTests {
    private func mono(_ intensity: Float, seconds: Double = 30, seed: UInt64 = 5) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("thunder", seconds: seconds, intensity: intensity, seed: seed))
    }

    @Test func distantThunderIsALowRumbleMostlyBelow200Hz() {
        let signal = mono(0)
        let low = AudioAnalysis.energyFraction(signal, from: 0, to: 200)
        let high = AudioAnalysis.energyFraction(signal, from: 1000, to: 24000)
        print("thunder distant: below 200 Hz \(low), above 1 kHz \(high)")
        #expect(low > 0.75)
        #expect(high < 0.01)
    }

    @Test func nearThunderCracksWithSubstantialEnergyAbove1kHz() {
        let signal = mono(1)
        let high = AudioAnalysis.energyFraction(signal, from: 1000, to: 24000)
        print("thunder near: above 1 kHz \(high)")
        #expect(high > 0.03)
    }

    @Test func strikesComeMoreOftenAsTheStormNears() {
        // Share of one-second frames within 20 dB of the loudest, over three
        // minutes: rare distant strikes leave long quiet gaps, a storm
        // overhead rolls almost without pause.
        func busyShare(_ intensity: Float) -> Double {
            let envelope = AudioAnalysis.envelope(mono(intensity, seconds: 180, seed: 9), frameSeconds: 1)
            let loudest = envelope.max() ?? 0
            return Double(envelope.filter { $0 > 0.1 * loudest }.count) / Double(envelope.count)
        }
        let rare = busyShare(0), frequent = busyShare(1)
        print("thunder busy share rare \(rare) frequent \(frequent)")
        #expect(rare < 0.4)
        #expect(frequent > 2 * rare)
    }

    @Test func aRollLastsSecondsAfterItsStrike() {
        // The loudest 100 ms frame is followed by seconds of rumble, not a click.
        let envelope = AudioAnalysis.envelope(mono(0.6), frameSeconds: 0.1)
        let loudest = envelope.indices.max { envelope[$0] < envelope[$1] }!
        let threeSecondsLater = min(loudest + 30, envelope.count - 1)
        #expect(envelope[threeSecondsLater] > 0.05 * envelope[loudest])
    }
}
