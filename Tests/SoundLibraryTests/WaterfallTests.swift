@testable import DSP
import Foundation
import TestSupport
import Testing

/// A waterfall roars without a break, full in the lows; from afar its highs
/// are gone; more water is louder.
@Suite struct WaterfallTests {
    private func render(_ variant: String, _ intensity: Float, seconds: Double = 12) -> [Float] {
        SoundRendering.render("waterfall", variant: variant, seconds: seconds, intensity: intensity, seed: 5)
    }

    @Test(arguments: ["near", "distant"])
    func aWaterfallRoarsWithoutABreakAndNeverHissesSteadily(variant: String) {
        let signal = AudioAnalysis.mono(render(variant, 0.5, seconds: 20))
        let frames = AudioAnalysis.envelope(signal, frameSeconds: 0.02).sorted()
        #expect(frames[frames.count / 20] > 0.5 * frames[frames.count / 2], "the roar has gaps")
        // It swells: half-second levels spread more than steady noise's tenth of a dB.
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.5)
        let spread = AudioAnalysis.standardDeviation(levels)
        #expect(spread > 0.4, "\(variant): the roar varies by \(spread) dB between half seconds")
        // The water lands with weight: a good share of the energy under 500 Hz.
        #expect(AudioAnalysis.energyFraction(signal, from: 30, to: 500) > 0.3)
    }

    @Test func closeByTheSprayHissesAndFromAfarItIsGone() {
        let near = AudioAnalysis.energyFraction(AudioAnalysis.mono(render("near", 0.5)), from: 3000, to: 16_000)
        let distant = AudioAnalysis.energyFraction(AudioAnalysis.mono(render("distant", 0.5)), from: 3000, to: 16_000)
        #expect(near > 0.05, "near: \(near) of the energy above 3 kHz")
        // Real distant falls (Sounds/waterfall/waterfall-corsica.ogg) keep some 4 kHz: a fifth, not a tenth.
        #expect(distant < near / 5, "distant: \(distant) above 3 kHz against near \(near)")
    }

    @Test(arguments: ["near", "distant"])
    func moreWaterIsLouder(variant: String) {
        let veil = render(variant, 0.1).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        let torrent = render(variant, 0.9).withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        #expect(torrent > veil + 5, "\(variant): \(veil) LUFS at 0.1, \(torrent) LUFS at 0.9")
    }
}
