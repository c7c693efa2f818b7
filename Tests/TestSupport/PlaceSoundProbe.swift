import DSP
import Foundation

/// Measurements for the places-and-things sounds (airplane, traffic, subway,
/// station, office, harbour, temple, washing machine, spaceship): what a
/// listener notices about a long steady bed — how its energy spreads over the
/// octaves, whether a tone sticks out of it, and how its level moves.
package enum PlaceSoundProbe {
    /// Mid-channel octave-band levels in dB (mean power density) with centres
    /// 63 Hz … 8 kHz (bands [44·2ⁿ, 88·2ⁿ) Hz), from a long-term spectrum.
    package static func octaveBands(_ stereo: [Float]) -> [Double] {
        var mid = stereo
        for index in stride(from: 0, to: stereo.count - 1, by: 2) {
            mid[index] = 0.5 * (stereo[index] + stereo[index + 1])
        }
        return octaveBandDecibels(powerSpectrum(mid, channel: 0), lowHertz: 44.2, octaves: 8)
    }

    /// Frequencies (Hz) between `low` and `high` where the long-term spectrum
    /// (2.9 Hz bins) holds a narrow line: a bin more than `decibels` above the
    /// median of the bins from a third of an octave below to a third above it,
    /// the line's own ±4 bins left out. A steady tone over a noise bed is such
    /// a line; noise, however coloured, is not.
    package static func narrowLines(
        _ stereo: [Float], from low: Double = 60, to high: Double = 12_000, decibels: Double = 12
    ) -> [Double] {
        let size = 16_384
        let power = powerSpectrum(stereo, channel: 0, size: size)
        let binHertz = Double(AudioFormat.sampleRate) / Double(size)
        var lines: [Double] = []
        var bin = Int(low / binHertz)
        while bin < min(Int(high / binHertz), power.count - 1) {
            let frequency = Double(bin) * binHertz
            let below = max(Int(frequency / 1.26 / binHertz), 0)
            let above = min(Int(frequency * 1.26 / binHertz), power.count - 1)
            var neighbours = (below...above).filter { abs($0 - bin) > 4 }.map { power[$0] }
            neighbours.sort()
            if !neighbours.isEmpty {
                let median = neighbours[neighbours.count / 2]
                if 10 * log10(power[bin] / max(median, 1e-30)) > decibels {
                    lines.append(frequency)
                    bin += 4
                }
            }
            bin += 1
        }
        return lines
    }

    /// Level in dB of consecutive `frameSeconds` frames of the mid channel.
    package static func levels(_ stereo: [Float], frameSeconds: Double) -> [Double] {
        IndoorSoundProbe.envelopeDecibels(IndoorSoundProbe.mono(stereo), frameSeconds: frameSeconds)
    }

    /// Standard deviation of `values`.
    package static func spread(_ values: [Double]) -> Double {
        AudioAnalysis.standardDeviation(values)
    }

    /// Power ratio in dB of `louder` over `quieter`.
    package static func decibels(_ louder: [Float], over quieter: [Float]) -> Double {
        10 * log10(IndoorSoundProbe.power(louder) / max(IndoorSoundProbe.power(quieter), 1e-30))
    }
}
