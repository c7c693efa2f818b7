@testable import DSP
import Foundation
import TestSupport
import Testing

/// A river is an unbroken broadband wash whose balance keeps shifting, with
/// gulps of air; rapids are brighter and busier, and more flow is louder.
@Suite struct RiverTests {
    private func render(_ variant: String, _ intensity: Float, seconds: Double = 12) -> [Float] {
        SoundRendering.render("river", variant: variant, seconds: seconds, intensity: intensity, seed: 5)
    }

    @Test(arguments: ["wide", "rapids"])
    func aRiverIsAnUnbrokenWashFromTheLowsToTheHighs(variant: String) {
        let stereo = render(variant, 0.5)
        let signal = AudioAnalysis.mono(stereo)
        let frames = AudioAnalysis.envelope(signal, frameSeconds: 0.02).sorted()
        // Never a gap: the quietest 20 ms (5th percentile) within 10 dB of the median.
        #expect(frames[frames.count / 20] > 0.3 * frames[frames.count / 2])
        // Every octave from 125 Hz to 8 kHz carries the water (a gurgle around 1 kHz alone would not).
        let bands = octaveBandDecibels(powerSpectrum(stereo, channel: 0), lowHertz: 125, octaves: 6)
        let loudest = bands.max()!
        #expect(bands.allSatisfy { $0 > loudest - 30 }, "octave bands 125 Hz–8 kHz: \(bands.map(Int.init))")
    }

    @Test(arguments: ["wide", "rapids"])
    func theWashSurgesRatherThanHissingSteadily(variant: String) {
        // Steady noise varies by a tenth of a dB from one half second to the next; water surges.
        let low = IndoorSoundProbe.filtered(AudioAnalysis.mono(render(variant, 0.5, seconds: 20)), .lowPass, frequency: 500)
        let levels = IndoorSoundProbe.envelopeDecibels(low, frameSeconds: 0.5)
        let spread = AudioAnalysis.standardDeviation(levels)
        #expect(spread > 0.8, "the low wash varies by \(spread) dB between half seconds")
    }

    @Test func rapidsAreBrighterThanAWideRiver() {
        func share(_ variant: String) -> Double {
            AudioAnalysis.energyFraction(AudioAnalysis.mono(render(variant, 0.5)), from: 2000, to: 16_000)
        }
        let wide = share("wide"), rapids = share("rapids")
        // Real rivers (Sounds/river/) put 80–92 % of their 125 Hz–8 kHz energy above 2 kHz
        // (river-medium.ogg 0.80, river-fast.ogg 0.92, 1.15×): a wide river cannot have half
        // the rapids' share, but it stays darker by as much as the real ones differ.
        #expect(rapids > 1.1 * wide, "energy above 2 kHz: rapids \(rapids), wide \(wide)")
    }

    @Test(arguments: ["wide", "rapids"])
    func moreFlowIsLouder(variant: String) {
        let low = render(variant, 0.1).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        let high = render(variant, 0.9).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        #expect(high > low + 5, "\(variant): \(low) LUFS at 0.1, \(high) LUFS at 0.9")
    }
}
