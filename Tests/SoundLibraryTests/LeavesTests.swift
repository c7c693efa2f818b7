@testable import DSP
import Foundation
import TestSupport
import Testing

/// A rustle is a crowd of tiny clicks above 1 kHz that comes in waves with
/// the breeze; dry leaves are crisper; more breeze, more rustle.
@Suite struct LeavesTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 30) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("leaves", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test(arguments: ["trees", "autumn"])
    func aRustleIsManyTinyClicksThatComeInWaves(variant: String) {
        let signal = mono(variant, 0.5)
        #expect(AudioAnalysis.energyFraction(signal, from: 800, to: 16_000) > 0.7)
        // Many separate clicks a second, not a steady hiss.
        let clicks = AudioAnalysis.onsetsPerSecond(
            AudioAnalysis.highPassed(signal, cutoff: 1_000), frameSeconds: 0.002, ratio: 3, memory: 5)
        #expect(clicks > 8, "\(variant): \(clicks) clicks a second")
        // The breeze comes and goes: one-second levels spread by several dB.
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 1)
        #expect(AudioAnalysis.standardDeviation(levels) > 2, "\(variant): \(levels.map(Int.init))")
    }

    @Test func dryLeavesAreCrisperThanGreenOnes() {
        let green = AudioAnalysis.energyFraction(mono("trees", 0.5), from: 5_000, to: 20_000)
        let dry = AudioAnalysis.energyFraction(mono("autumn", 0.5), from: 5_000, to: 20_000)
        #expect(dry > 1.5 * green, "energy above 5 kHz: dry \(dry), green \(green)")
    }

    @Test(arguments: ["trees", "autumn"])
    func moreBreezeRustlesMore(variant: String) {
        let stir = mono(variant, 0.1).withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let gusty = mono(variant, 0.9).withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        #expect(gusty > stir + 6, "\(variant): \(stir) dB at 0.1, \(gusty) dB at 0.9")
    }
}
