import Foundation

/// Measurements the sound tests make on rendered audio: band energies,
/// spectral centroid, envelopes, onsets and periodicity. Plain and slow
/// enough for tests only.
package enum AudioAnalysis {
    package static let sampleRate = 48_000.0

    /// Left and right averaged.
    package static func mono(_ stereo: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: stereo.count / 2)
        for i in out.indices { out[i] = 0.5 * (stereo[2 * i] + stereo[2 * i + 1]) }
        return out
    }

    /// In-place iterative radix-2 complex FFT; `real.count` must be a power of two.
    package static func fft(_ real: inout [Double], _ imag: inout [Double]) {
        let n = real.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { real.swapAt(i, j); imag.swapAt(i, j) }
        }
        var length = 2
        while length <= n {
            let angle = -2 * Double.pi / Double(length)
            let wr = cos(angle), wi = sin(angle)
            var start = 0
            while start < n {
                var cr = 1.0, ci = 0.0
                for k in 0..<(length / 2) {
                    let a = start + k, b = a + length / 2
                    let tr = real[b] * cr - imag[b] * ci
                    let ti = real[b] * ci + imag[b] * cr
                    real[b] = real[a] - tr; imag[b] = imag[a] - ti
                    real[a] += tr; imag[a] += ti
                    let ncr = cr * wr - ci * wi
                    ci = cr * wi + ci * wr; cr = ncr
                }
                start += length
            }
            length <<= 1
        }
    }

    /// Power spectra of Hann-windowed frames of `size` samples, hop `size`.
    package static func powerSpectra(_ signal: [Float], size: Int = 2048) -> [[Double]] {
        var spectra: [[Double]] = []
        let window = (0..<size).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size)) }
        var start = 0
        while start + size <= signal.count {
            var re = (0..<size).map { Double(signal[start + $0]) * window[$0] }
            var im = [Double](repeating: 0, count: size)
            fft(&re, &im)
            spectra.append((0...(size / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] })
            start += size
        }
        return spectra
    }

    /// Frequency in Hz of bin `bin` for frames of `size`.
    package static func frequency(ofBin bin: Int, size: Int = 2048) -> Double { Double(bin) * sampleRate / Double(size) }

    /// Share of the total energy that lies between `low` and `high` Hz.
    package static func energyFraction(_ signal: [Float], from low: Double, to high: Double) -> Double {
        let spectra = powerSpectra(signal)
        var inBand = 0.0, total = 0.0
        for spectrum in spectra {
            for (bin, power) in spectrum.enumerated() {
                total += power
                let f = frequency(ofBin: bin)
                if f >= low && f < high { inBand += power }
            }
        }
        return total > 0 ? inBand / total : 0
    }

    /// Spectral centroid (Hz) of each frame of `size` samples.
    package static func centroids(_ signal: [Float], size: Int = 2048) -> [Double] {
        powerSpectra(signal, size: size).map { spectrum in
            var weighted = 0.0, total = 0.0
            for (bin, power) in spectrum.enumerated() { weighted += power * frequency(ofBin: bin, size: size); total += power }
            return total > 0 ? weighted / total : 0
        }
    }

    /// RMS of consecutive frames of `frameSeconds`.
    package static func envelope(_ signal: [Float], frameSeconds: Double) -> [Double] {
        let size = Int(frameSeconds * sampleRate)
        return stride(from: 0, to: signal.count - size + 1, by: size).map { start in
            var sum = 0.0
            for i in start..<(start + size) { sum += Double(signal[i]) * Double(signal[i]) }
            return (sum / Double(size)).squareRoot()
        }
    }

    /// The signal through a first-order high-pass at `cutoff` Hz (a pre-emphasis for transients).
    package static func highPassed(_ signal: [Float], cutoff: Double) -> [Float] {
        let rc = 1 / (2 * Double.pi * cutoff), dt = 1 / sampleRate
        let alpha = Float(rc / (rc + dt))
        var out = [Float](repeating: 0, count: signal.count)
        var previousIn: Float = 0, previousOut: Float = 0
        for i in signal.indices {
            previousOut = alpha * (previousOut + signal[i] - previousIn)
            previousIn = signal[i]
            out[i] = previousOut
        }
        return out
    }

    /// Onsets per second: frames (of `frameSeconds`) whose energy jumps above
    /// `ratio` × the mean of the previous `memory` frames and above `floor` × the loudest frame.
    package static func onsetsPerSecond(
        _ signal: [Float], frameSeconds: Double = 0.002, ratio: Double = 4, memory: Int = 10, floor: Double = 0.01
    ) -> Double {
        let energy = envelope(signal, frameSeconds: frameSeconds).map { $0 * $0 }
        let loudest = energy.max() ?? 0
        var count = 0
        var i = memory
        while i < energy.count {
            let past = energy[(i - memory)..<i].reduce(0, +) / Double(memory)
            if energy[i] > ratio * past && energy[i] > floor * loudest {
                count += 1
                i += memory  // one event, not several frames of it
            } else {
                i += 1
            }
        }
        return Double(count) / (Double(signal.count) / sampleRate)
    }

    /// Normalized autocorrelation of `series` (mean removed) at `lag`.
    package static func autocorrelation(_ series: [Double], lag: Int) -> Double {
        let mean = series.reduce(0, +) / Double(series.count)
        var numerator = 0.0, denominator = 0.0
        for i in series.indices {
            let a = series[i] - mean
            denominator += a * a
            if i + lag < series.count { numerator += a * (series[i + lag] - mean) }
        }
        return denominator > 0 ? numerator / denominator : 0
    }

    /// Standard deviation of `values`.
    package static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    }
}
