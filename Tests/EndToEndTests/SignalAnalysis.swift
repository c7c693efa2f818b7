@testable import DSP
import Foundation

/// Measures used to check that what came out is what was meant to.
enum SignalAnalysis {
    /// RMS level of interleaved samples in dBFS.
    static func rmsDecibels(_ samples: ArraySlice<Float>) -> Double {
        samples.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
    }

    /// The frequency of a steady tone, from upward zero crossings of the left channel.
    static func toneFrequency(_ samples: ArraySlice<Float>) -> Double {
        var crossings = 0
        var index = samples.startIndex + 2
        while index < samples.endIndex {
            if samples[index - 2] < 0 && samples[index] >= 0 { crossings += 1 }
            index += 2
        }
        return Double(crossings) / (Double(samples.count / 2) / Double(AudioFormat.sampleRate))
    }

    /// Power spectral density slope in dB per octave, fitted over octave bands
    /// from 125 Hz to 8 kHz of the left channel.
    ///
    /// Each band is a constant-Q band-pass (one octave wide), so its energy is the
    /// density times a bandwidth that doubles every octave: the density's slope is
    /// the band energies' slope minus 3 dB. Pink noise gives −3, brown −6, white 0.
    static func spectralSlopeDecibelsPerOctave(_ samples: ArraySlice<Float>) -> Double {
        let centres: [Double] = [125, 250, 500, 1000, 2000, 4000, 8000]
        var levels: [Double] = []
        for centre in centres {
            // Two cascaded sections make the skirts steep enough that neighbouring octaves
            // of a steep spectrum do not leak in.
            var first = Biquad(.bandPass, frequency: Float(centre), q: 1.414)
            var second = Biquad(.bandPass, frequency: Float(centre), q: 1.414)
            var sum = 0.0
            var count = 0
            var index = samples.startIndex
            var frame = 0
            while index < samples.endIndex {
                let y = second.process(first.process(samples[index]))
                // Skip the filters' settling time.
                if frame > 4_800 {
                    sum += Double(y) * Double(y)
                    count += 1
                }
                index += 2
                frame += 1
            }
            levels.append(10 * log10(sum / Double(max(count, 1))))
        }
        let octaves = centres.map { log2($0 / 1000) }
        let meanX = octaves.reduce(0, +) / Double(octaves.count)
        let meanY = levels.reduce(0, +) / Double(levels.count)
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(octaves, levels) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        return numerator / denominator - 3
    }
}
