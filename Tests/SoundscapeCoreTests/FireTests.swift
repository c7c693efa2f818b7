import Foundation
import Testing
@testable import SoundscapeCore

@Suite struct FireTests {
    private func mono(_ variant: String, _ intensity: Float) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("fire", variant: variant, seconds: 20, intensity: intensity, seed: 5))
    }

    private func crackles(_ signal: [Float]) -> Double {
        AudioAnalysis.onsetsPerSecond(
            AudioAnalysis.highPassed(signal, cutoff: 2000), frameSeconds: 0.001, ratio: 6, memory: 8, floor: 0.02)
    }

    @Test(arguments: ["fireplace", "campfire"])
    func fireCracklesWithManyShortTransients(variant: String) {
        let signal = mono(variant, 0.5)
        let rate = crackles(signal)
        // Crest factor of the high band: sharp clicks stand far above the hiss.
        let high = AudioAnalysis.highPassed(signal, cutoff: 2000)
        let peak = high.map(abs).max() ?? 0
        let rms = (high.map { Double($0) * Double($0) }.reduce(0, +) / Double(high.count)).squareRoot()
        print("fire/\(variant): crackles/s \(rate), high-band crest \(Double(peak) / rms)")
        #expect(rate > 3)
        #expect(Double(peak) / rms > 8)
    }

    @Test(arguments: ["fireplace", "campfire"])
    func aBiggerFireCracklesMoreAndRoarsLouder(variant: String) {
        let embers = mono(variant, 0.1), blaze = mono(variant, 0.9)
        let lowEmbers = AudioAnalysis.energyFraction(embers, from: 0, to: 400)
        print("fire/\(variant): crackles embers \(crackles(embers)) blaze \(crackles(blaze))")
        #expect(crackles(blaze) > 1.5 * crackles(embers))
        let embersLevel = embers.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let blazeLevel = blaze.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        #expect(blazeLevel > embersLevel + 4)
        #expect(lowEmbers > 0.2, "a fire has its low roar")
    }

    @Test func aFireplaceRingsInItsRoomAndACampfireIsDry() {
        // After a crackle, the fireplace's high band decays more slowly (room reflections).
        func tail(_ variant: String) -> Double {
            let high = AudioAnalysis.envelope(AudioAnalysis.highPassed(mono(variant, 0.3), cutoff: 1500), frameSeconds: 0.005)
            var ratios: [Double] = []
            for i in 1..<(high.count - 4) where high[i] > 4 * high[i - 1] && high[i] > 0 {
                ratios.append(high[i + 3] / high[i])  // 15 ms later
            }
            return ratios.sorted()[ratios.count / 2]
        }
        let room = tail("fireplace"), open = tail("campfire")
        print("fire tails fireplace \(room) campfire \(open)")
        #expect(room > open)
    }
}
