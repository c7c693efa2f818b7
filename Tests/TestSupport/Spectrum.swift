import AudioEngine
import CFFTW
import DSP


#if canImport(Glibc)
    import Glibc
#endif

/// FFTW's planner is not thread-safe and Swift Testing runs tests in parallel,
/// beside token tests whose codecs plan too: spectra are taken one at a time under
/// the same process-wide planner lock the codec uses (a lock of their own let a
/// spectrum's plan race a codec's, and the test process crashed inside FFTW).

/// Welch power spectrum of one channel of interleaved stereo: Hann-windowed
/// segments of `size` samples at 50% overlap, averaged. Returns power per bin
/// (bin k is k·sampleRate/size Hz); only ratios between bins are meaningful.
package func powerSpectrum(_ samples: [Float], channel: Int, size: Int = 16_384) -> [Double] {
    RealFFT.withPlannerLock { lockedPowerSpectrum(samples, channel: channel, size: size) }
}

private func lockedPowerSpectrum(_ samples: [Float], channel: Int, size: Int) -> [Double] {
    let input = fftwf_alloc_real(size)!
    let output = fftwf_alloc_complex(size / 2 + 1)!
    defer {
        fftwf_free(input)
        fftwf_free(output)
    }
    let plan = fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))
    defer { fftwf_destroy_plan(plan) }
    let window = (0..<size).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size)) }
    var power = [Double](repeating: 0, count: size / 2 + 1)
    let frames = samples.count / 2
    var start = 0
    var segments = 0
    while start + size <= frames {
        for i in 0..<size { input[i] = Float(window[i]) * samples[2 * (start + i) + channel] }
        fftwf_execute(plan)
        for k in 0...(size / 2) {
            let re = Double(output[k].0)
            let im = Double(output[k].1)
            power[k] += re * re + im * im
        }
        segments += 1
        start += size / 2
    }
    return power.map { $0 / Double(max(segments, 1)) }
}

/// Mean power density (dB) in each octave band [low·2ⁿ, low·2ⁿ⁺¹) for n in 0..<octaves.
package func octaveBandDecibels(_ power: [Double], size: Int = 16_384, lowHertz: Double, octaves: Int) -> [Double] {
    let binHertz = Double(AudioFormat.sampleRate) / Double(size)
    return (0..<octaves).map { n in
        let low = lowHertz * pow(2, Double(n))
        let high = low * 2
        let bins = Int((low / binHertz).rounded(.up))..<Int((high / binHertz).rounded(.up))
        let mean = bins.map { power[$0] }.reduce(0, +) / Double(bins.count)
        return 10 * log10(mean)
    }
}

/// Least-squares slope (dB per octave) through band levels one octave apart,
/// and the largest distance of any band from that line.
package func slopePerOctave(_ bandDecibels: [Double]) -> (slope: Double, worstDeviation: Double) {
    let n = Double(bandDecibels.count)
    let xs = (0..<bandDecibels.count).map(Double.init)
    let meanX = xs.reduce(0, +) / n
    let meanY = bandDecibels.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    for (x, y) in zip(xs, bandDecibels) {
        sxy += (x - meanX) * (y - meanY)
        sxx += (x - meanX) * (x - meanX)
    }
    let slope = sxy / sxx
    let worst = zip(xs, bandDecibels).map { abs($1 - (meanY + slope * ($0 - meanX))) }.max() ?? 0
    return (slope, worst)
}

/// Renders `seconds` of a layer source at a fixed intensity, in worker-sized blocks.
package func render(_ source: LayerSource, seconds: Double, intensity: Float, blockFrames: Int = 1024) -> [Float] {
    let frames = Int(seconds * Double(AudioFormat.sampleRate))
    var samples = [Float](repeating: 0, count: frames * 2)
    samples.withUnsafeMutableBufferPointer { buffer in
        var frame = 0
        while frame < frames {
            let n = min(blockFrames, frames - frame)
            source.render(into: buffer.baseAddress! + 2 * frame, frameCount: n, intensity: intensity)
            frame += n
        }
    }
    return samples
}
