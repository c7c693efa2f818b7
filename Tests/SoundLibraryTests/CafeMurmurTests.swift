import Foundation
import SoundLibrary
import DSP
import TestSupport
import Testing


/// A café is heard as speech without words: energy in the speech band,
/// pulsing at the rate of syllables, with cups and spoons on top.
@Suite struct CafeMurmurTests {
    static func render(intensity: Float, seconds: Double = 30) -> [Float] {
        IndoorSoundProbe.mono(IndoorSoundProbe.render("cafe", "murmur", intensity: intensity, seconds: seconds))
    }

    /// Linear amplitude envelope of the voice band in 10 ms frames.
    static func voiceEnvelope(_ mono: [Float]) -> [Float] {
        let band = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(mono, .highPass, frequency: 200), .lowPass, frequency: 1_500)
        return IndoorSoundProbe.envelopeDecibels(band, frameSeconds: 0.01).map { Float(pow(10, $0 / 20)) }
    }

    /// Bright onsets above 5 kHz: clinks of cups, spoons and glasses.
    static func brightTransients(_ mono: [Float]) -> Int {
        let bright = IndoorSoundProbe.filtered(mono, .highPass, frequency: 5_000)
        return IndoorSoundProbe.onsets(bright, riseDecibels: 15, rangeDecibels: 30, refractorySeconds: 0.08).count
    }

    @Test func murmurPulsesAtSyllableRate() {
        let envelope = Self.voiceEnvelope(Self.render(intensity: 0.5))
        let mean = envelope.reduce(0, +) / Float(envelope.count)
        let centred = envelope.map { $0 - mean }[...]
        func modulation(_ range: ClosedRange<Double>) -> Double {
            let frequencies = stride(from: range.lowerBound, through: range.upperBound, by: 0.25)
            return frequencies.map { IndoorSoundProbe.goertzelPower(centred, frequency: $0, sampleRate: 100) }
                .reduce(0, +) / Double(Array(frequencies).count)
        }
        let syllables = modulation(3...6)
        let faster = modulation(10...20)
        #expect(syllables > faster * 3, "modulation at 3–6 Hz only \(syllables / faster)× that at 10–20 Hz")
    }

    @Test func energyIsConcentratedInTheSpeechBand() {
        let mono = Self.render(intensity: 0.5)
        let speech = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(mono, .highPass, frequency: 200), .lowPass, frequency: 4_000)
        let below = IndoorSoundProbe.power(IndoorSoundProbe.filtered(mono, .lowPass, frequency: 200))
        let above = IndoorSoundProbe.power(IndoorSoundProbe.filtered(mono, .highPass, frequency: 4_000))
        let inBand = IndoorSoundProbe.power(speech)
        // The 24 dB/octave edges leak; a real café recording measures 1.4× and 76× here.
        #expect(inBand > below * 1.2, "speech band only \(inBand / below)× the energy below 200 Hz")
        #expect(inBand > above * 10, "speech band only \(inBand / above)× the energy above 4 kHz")
    }

    @Test func cupsAndSpoonsClinkNowAndThenMoreWhenBusy() {
        let quiet = Self.brightTransients(Self.render(intensity: 0.1))
        let busy = Self.brightTransients(Self.render(intensity: 0.9))
        #expect(quiet >= 2, "only \(quiet) clinks in 30 s of a quiet café")
        #expect(Double(busy) > Double(quiet) * 1.5, "\(busy) clinks when busy vs \(quiet) when quiet")
    }

    @Test func busierCafeHasFewerGapsInTheMurmur() {
        func quietMoments(_ intensity: Float) -> Float {
            let envelope = Self.voiceEnvelope(Self.render(intensity: intensity, seconds: 20)).sorted()
            // The 10th-percentile level relative to the median: how deep the gaps between words go.
            return envelope[envelope.count / 10] / envelope[envelope.count / 2]
        }
        #expect(quietMoments(0.9) > quietMoments(0.1) * 1.3)
    }

    /// Tableware in a café is clatter, not bells: a glass set down is 30 dB down within
    /// 100 ms (it rang 0.3–0.6 s before), a cup 40 dB down within 200 ms.
    @Test func cupsAndGlassesClatterBrieflyRatherThanRing() {
        func decibelsBelowPeak(_ kind: CafeTableware.Kind, seed: UInt64, atSeconds: Double) -> Double {
            var random = Random(seed: seed)
            var piece = CafeTableware()
            piece.start(kind, &random)
            let window = AudioFormat.sampleRate / 200
            var levels: [Double] = []
            var power = 0.0
            for sample in 1...(AudioFormat.sampleRate / 2) {
                let x = Double(piece.next(&random))
                power += x * x
                if sample % window == 0 { levels.append(power / Double(window)); power = 0 }
            }
            let at = levels[Int(atSeconds * 200)]
            return 10 * log10(max(at, 1e-30) / levels.max()!)
        }
        for seed: UInt64 in 1...20 {
            let glass = decibelsBelowPeak(.glass, seed: seed, atSeconds: 0.1)
            let cup = decibelsBelowPeak(.cup, seed: seed, atSeconds: 0.2)
            #expect(glass < -30, "a glass (seed \(seed)) is only \(glass) dB down after 100 ms")
            #expect(cup < -40, "a cup (seed \(seed)) is only \(cup) dB down after 200 ms")
        }
    }

    /// Voices and tableware draw no steady tone above 1 kHz: a ringing spoon or cup, or a
    /// talker's harmonics held steady, shows as a line held over 2 s.
    @Test(arguments: [UInt64(1), 3])
    func noToneIsHeldAboveOneKilohertz(seed: UInt64) {
        let profile = SoundProfile(stereo: SoundRendering.render("cafe", seconds: 60, intensity: 0.5, seed: seed))
        print("cafe seed \(seed) lines \(profile.narrowLines)")
        let high = profile.narrowLines.filter { $0.frequencyHertz > 1000 }
        #expect(high.isEmpty, "\(high)")
    }
}
