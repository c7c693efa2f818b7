@testable import DSP
import Foundation
import TestSupport

/// The temporal structure a listener hears in a sound, measured the way
/// issue 13 states it: events are above-threshold runs of the 100 Hz–8 kHz
/// envelope in 20 ms frames, pauses the runs below it, and the slow rises and
/// falls are the envelope's modulation spectrum over 0.05–2 Hz.
///
/// The threshold is the source's (halfway between its 10th and 90th
/// percentile frame levels, in dB) and is applied unchanged to what the
/// token walk made from it, so both are cut at the same level.
struct TemporalStructure {
    static let frameSeconds = 0.02
    /// Modulation bands (Hz), octave-ish, covering 0.05–2 Hz.
    static let modulationBands: [(Double, Double)] = [(0.05, 0.1), (0.1, 0.2), (0.2, 0.5), (0.5, 1), (1, 2)]

    /// Event (above-threshold run) lengths in seconds.
    var events: [Double]
    /// Pause (below-threshold run) lengths in seconds, between events.
    var pauses: [Double]
    /// Modulation power per `modulationBands` entry, dB (envelope normalised by its mean).
    var modulationDecibels: [Double]
    /// The threshold the runs were cut at, dB.
    var thresholdDecibels: Double

    var longestEvent: Double { events.max() ?? 0 }
    var medianEvent: Double { Self.median(events) }
    var medianPause: Double { Self.median(pauses) }

    /// Measures mono `signal`; `threshold` nil takes the signal's own (a source).
    init(mono signal: [Float], thresholdDecibels threshold: Double? = nil) {
        let band = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(signal, .highPass, frequency: 100), .lowPass, frequency: 8_000)
        let levels = Self.frameDecibels(band)
        let sorted = levels.sorted()
        let own = sorted.isEmpty ? 0 : 0.5 * (sorted[sorted.count / 10] + sorted[sorted.count * 9 / 10])
        thresholdDecibels = threshold ?? own
        (events, pauses) = Self.runs(levels, threshold: thresholdDecibels)
        modulationDecibels = Self.modulationSpectrum(levels)
    }

    /// Level of consecutive 20 ms frames, dB.
    static func frameDecibels(_ signal: [Float]) -> [Double] {
        let hop = Int(frameSeconds * AudioAnalysis.sampleRate)
        var levels: [Double] = []
        levels.reserveCapacity(signal.count / hop)
        var start = 0
        while start + hop <= signal.count {
            var sum = 0.0
            for i in start..<(start + hop) { sum += Double(signal[i]) * Double(signal[i]) }
            levels.append(10 * log10(sum / Double(hop) + 1e-20))
            start += hop
        }
        return levels
    }

    /// Lengths of above- and below-threshold runs; the first and last run
    /// (cut by the signal's ends) are left out.
    static func runs(_ levels: [Double], threshold: Double) -> (events: [Double], pauses: [Double]) {
        var events: [Double] = [], pauses: [Double] = []
        var start = 0
        var first = true
        for i in 1...levels.count {
            let ended = i == levels.count || (levels[i] > threshold) != (levels[start] > threshold)
            guard ended else { continue }
            if !first && i < levels.count {
                let length = Double(i - start) * frameSeconds
                if levels[start] > threshold { events.append(length) } else { pauses.append(length) }
            }
            first = false
            start = i
        }
        return (events, pauses)
    }

    /// Welch spectrum of the amplitude envelope divided by its mean: 2048
    /// frames (41 s) per Hann segment, 75% overlap, power averaged per band.
    static func modulationSpectrum(_ levels: [Double]) -> [Double] {
        let size = 2048
        let amplitude = levels.map { pow(10, $0 / 20) }
        let mean = amplitude.reduce(0, +) / Double(max(1, amplitude.count))
        var power = [Double](repeating: 0, count: size / 2)
        var segments = 0
        var start = 0
        while start + size <= amplitude.count {
            var real = (0..<size).map { i in
                (amplitude[start + i] / mean - 1) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(size)))
            }
            var imag = [Double](repeating: 0, count: size)
            AudioAnalysis.fft(&real, &imag)
            for k in 0..<(size / 2) { power[k] += real[k] * real[k] + imag[k] * imag[k] }
            segments += 1
            start += size / 4
        }
        let binHz = 1 / (Double(size) * frameSeconds)
        return modulationBands.map { band in
            let bins = (0..<(size / 2)).filter { Double($0) * binHz >= band.0 && Double($0) * binHz < band.1 }
            let total = bins.reduce(0) { $0 + power[$1] } / Double(max(1, segments * bins.count))
            return 10 * log10(total + 1e-20)
        }
    }

    /// Two-sample Kolmogorov–Smirnov distance: the largest gap between the
    /// two empirical distribution functions (1 when either sample is empty).
    static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 1 }
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0
        var worst = 0.0
        while i < x.count && j < y.count {
            let v = min(x[i], y[j])
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            worst = max(worst, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return worst
    }

    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }

    /// One line comparing `generated` with this source, for the report.
    func comparison(_ generated: TemporalStructure, name: String) -> String {
        let modulation = zip(modulationDecibels, generated.modulationDecibels).map { String(format: "%+.1f", $1 - $0) }
        return name + String(
            format: ": events %d vs %d, median %.2f vs %.2f s, KS %.2f; pauses median %.2f vs %.2f s, KS %.2f; longest %.2f vs %.2f s; modulation Δ dB [",
            events.count, generated.events.count, medianEvent, generated.medianEvent,
            Self.ksDistance(events, generated.events), medianPause, generated.medianPause,
            Self.ksDistance(pauses, generated.pauses), longestEvent, generated.longestEvent
        ) + modulation.joined(separator: " ") + "]"
    }
}
