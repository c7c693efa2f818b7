import Foundation
import DSP
import TestSupport
import Testing

@Suite struct BirdsTests {
    private func mono(_ variant: String, _ intensity: Float) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("birds", variant: variant, seconds: 30, intensity: intensity, seed: 5))
    }

    /// Per 21 ms frame: the frequency of its sharp spectral peak in 1.5–8 kHz
    /// (peak bin ≥ 30× the frame's mean power), or nil if the frame is not tonal.
    private func tonalPeaks(_ signal: [Float]) -> [Double?] {
        AudioAnalysis.powerSpectra(signal, size: 1024).map { spectrum in
            let mean = spectrum.reduce(0, +) / Double(spectrum.count)
            let peak = (32...171).max { spectrum[$0] < spectrum[$1] }!
            return spectrum[peak] > 30 * mean && spectrum[peak] > 1e-9
                ? AudioAnalysis.frequency(ofBin: peak, size: 1024) : nil
        }
    }

    /// Distinct tonal events per second: a tonal frame after a silent one, or
    /// a jump of more than a quarter octave from the previous frame's peak.
    private func tonalEventsPerSecond(_ signal: [Float]) -> Double {
        var events = 0
        var previous: Double? = nil
        for peak in tonalPeaks(signal) {
            if let peak, previous == nil || abs(log2(peak / previous!)) > 0.25 { events += 1 }
            previous = peak
        }
        return Double(events) / (Double(signal.count) / AudioAnalysis.sampleRate)
    }

    @Test(arguments: ["dawn", "forest"])
    func birdsongLivesBetween1500And8000HzAsManyTonalEvents(variant: String) {
        let signal = mono(variant, 0.5)
        let share = AudioAnalysis.energyFraction(signal, from: 1500, to: 8000)
        let events = tonalEventsPerSecond(signal)
        print("birds/\(variant): 1.5–8 kHz share \(share), tonal events/s \(events)")
        #expect(share > 0.8)
        #expect(events > 3)
    }

    @Test func moreDensityMeansMoreSong() {
        // Share of frames with song in them.
        func singing(_ intensity: Float) -> Double {
            let peaks = tonalPeaks(mono("dawn", intensity))
            return Double(peaks.compactMap { $0 }.count) / Double(peaks.count)
        }
        let sparse = singing(0.1), dense = singing(0.9)
        print("birds singing share sparse \(sparse) dense \(dense)")
        #expect(dense > 1.5 * sparse)
    }

    @Test func theChorusUsesManyDifferentPitches() {
        // The loudest bin of each tonal frame, in 1/6-octave steps: a chorus, not one whistle.
        let spectra = AudioAnalysis.powerSpectra(mono("dawn", 0.7), size: 1024)
        var bands = Set<Int>()
        for spectrum in spectra {
            let mean = spectrum.reduce(0, +) / Double(spectrum.count)
            let peak = spectrum.indices.max { spectrum[$0] < spectrum[$1] }!
            if spectrum[peak] > 30 * mean && peak > 0 {
                bands.insert(Int((6 * log2(AudioAnalysis.frequency(ofBin: peak, size: 1024))).rounded()))
            }
        }
        #expect(bands.count >= 8)
    }

    /// Every real bird recording (Sounds/birds/, four) carries the place under the song:
    /// each octave 125 Hz–1 kHz holds −25…−13 dB of the 125 Hz–8 kHz energy. Songs alone
    /// on silence measured −47…−44 dB there.
    @Test(arguments: ["dawn", "forest"])
    func birdsSingOverTheAmbienceOfThePlace(variant: String) {
        let shares = SoundProfile(mono: mono(variant, 0.5)).bandShares.decibels
        print("birds/\(variant) shares \(shares)")
        for band in 0..<4 { #expect(shares[band] > -29.3, "band \(band): \(shares[band]) dB") }
    }
}
