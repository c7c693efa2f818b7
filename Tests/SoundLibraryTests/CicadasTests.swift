@testable import DSP
import Foundation
import TestSupport
import Testing

/// Cicadas are a dense buzz in the 4–7 kHz band that swells and ebbs; more
/// intensity, more of them.
@Suite struct CicadasTests {
    private func mono(_ intensity: Float, seconds: Double = 40) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("cicadas", variant: "summer", seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test func theBuzzFillsTheFourToSevenKilohertzBand() {
        let signal = mono(0.5, seconds: 20)
        let band = AudioAnalysis.energyFraction(signal, from: 3_500, to: 8_000)
        // The real grove (Sounds/cicadas/cicadas-dobroide.ogg) holds 0.37 of its energy in
        // 3.5–8 kHz (sox sinc 3500-8000), the rest in a second species near 2 kHz and the
        // afternoon's air: 0.6 asked for a buzz over silence.
        #expect(band > 0.3, "\(band) of the energy in 3.5–8 kHz")
        // Dense, not ticking: while singing, 10 ms frames of the band barely dip (a chirping cricket's do).
        let buzz = IndoorSoundProbe.filtered(signal, .highPass, frequency: 3_500)
        let levels = IndoorSoundProbe.envelopeDecibels(buzz, frameSeconds: 0.01)
        let loudest = levels.max()!
        let singing = levels.filter { $0 > loudest - 12 }
        #expect(Double(singing.count) > 0.2 * Double(levels.count), "the buzz is on in only \(singing.count) of \(levels.count) frames")
    }

    @Test func theChorusSwellsAndEbbs() {
        let levels = IndoorSoundProbe.envelopeDecibels(mono(0.4), frameSeconds: 1)
        let spread = AudioAnalysis.standardDeviation(levels)
        // A real grove (Sounds/cicadas/cicadas-dobroide.ogg) is a steady wash: its 100 ms
        // levels spread only 2.2 dB (90th − 10th percentile), so a deviation of 2 dB in
        // one-second levels asked for more swell than real cicadas have. It must still move.
        #expect(spread > 0.5, "one-second levels vary by only \(spread) dB: \(levels.map(Int.init))")
    }

    @Test func aGroveIsLouderThanALoneCicadaAndFillsItsLulls() {
        let lone = mono(0.05), grove = mono(0.95)
        let loneLevel = lone.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let groveLevel = grove.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        #expect(groveLevel > loneLevel + 3, "\(loneLevel) dB alone, \(groveLevel) dB a grove")
        // A lone cicada rests, leaving only the afternoon's air below the buzz band; in a
        // grove someone is always singing.
        func lull(_ signal: [Float]) -> Double {
            IndoorSoundProbe.envelopeDecibels(AudioAnalysis.highPassed(signal, cutoff: 3000), frameSeconds: 1).sorted()[4]
        }
        #expect(lull(grove) > lull(lone) + 15, "quietest seconds: \(lull(lone)) dB alone, \(lull(grove)) dB a grove")
    }

    /// A real cicada recording (Sounds/cicadas/cicadas-dobroide.ogg) carries the afternoon
    /// under the buzz: −22…−20 dB of its 125 Hz–8 kHz energy in each octave 250 Hz–1 kHz.
    /// The buzz alone measured −62…−38 dB there.
    @Test func cicadasBuzzOverTheAirOfASummerAfternoon() {
        let shares = SoundProfile(stereo: SoundRendering.render("cicadas", seconds: 30, intensity: 0.5, seed: 3)).bandShares.decibels
        print("cicadas shares \(shares)")
        for band in 1...3 { #expect(shares[band] > -26, "band \(band): \(shares[band]) dB") }
    }
}
