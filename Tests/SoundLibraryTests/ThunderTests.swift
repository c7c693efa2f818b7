import Foundation
import SoundLibrary
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

    @Test func turningTheStormUpBringsTheNextStrikeNear() throws {
        // Ten seconds at 0 (the first strike has rolled past), then 1: the
        // next strike (a rise of 12 dB within half a second) comes at the
        // rate 1 asks, a mean of 8 s, not after the rest of a gap drawn at
        // 0 (a mean of 32 s: storms turned up stayed quiet for a minute).
        let definition = try #require(SoundLibrary.builtIn(named: "thunder"))
        let rate = 48_000, tenth = 4_800
        var waits: [Double] = []
        for seed: UInt64 in 1...8 {
            let source = definition.makeSynthesizer("storm", seed)
            var stereo = [Float](repeating: 0, count: 70 * rate * 2)
            stereo.withUnsafeMutableBufferPointer { out in
                var frame = 0
                while frame < 70 * rate {
                    let count = min(1_024, 70 * rate - frame)
                    source.render(into: out.baseAddress! + frame * 2, frameCount: count, intensity: frame < 10 * rate ? 0 : 1)
                    frame += count
                }
            }
            let levels = AudioAnalysis.envelope(AudioAnalysis.mono(stereo), frameSeconds: 0.1).map { 20 * log10($0 + 1e-9) }
            #expect(levels.count == 70 * rate / tenth)
            // From a second after the change, when the louder bed has settled.
            let strike = (110..<levels.count).first { t in levels[t] - levels[(t - 5)..<t].min()! >= 12 }
            waits.append(strike.map { Double($0) / 10 - 10 } ?? 60)
        }
        let mean = waits.reduce(0, +) / Double(waits.count)
        print("thunder: seconds from turning up to the next strike \(waits), mean \(mean)")
        #expect(mean < 16, "a storm turned up from 0 to 1 waited \(mean) s on average for its next strike: \(waits)")
    }
}
