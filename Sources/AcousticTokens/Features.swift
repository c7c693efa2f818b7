import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Per-frame perceptual features of a corpus, the space the codebook
/// clusters in: log energies in 32 ERB-spaced bands plus spectral flatness
/// and a transient measure.
///
/// Why ERB bands: the ear resolves spectra roughly on the ERB scale, so equal
/// steps there are equally audible, and distances between feature vectors
/// track how different two grains sound. Energies are in decibels / 10, so a
/// 10 dB difference in one band counts one unit.
public struct Features: Sendable {
    /// Bands per frame.
    public static let bandCount = 32
    /// Values per feature vector: band energies, flatness, transient.
    public static let dimension = bandCount + 2
    /// Weight of flatness (0…1) in the vector: noise vs tone separates clusters.
    static let flatnessWeight: Float = 3
    /// Weight of the transient measure (0…≈2) in the vector.
    static let transientWeight: Float = 1.5

    /// `frameCount × dimension` values, frame-major.
    public let vectors: [Float]
    /// Frames analysed.
    public let frameCount: Int
    /// Power of each frame's windowed mono mix, in dBFS.
    public let loudnessDecibels: [Float]
    /// Spectral flatness within bands (geometric / arithmetic mean power), averaged over bands: ≈0.56 for noise, near 0 for tones.
    public let flatness: [Float]
    /// log(max / mean) of eight sub-block energies of the first difference: ≈0.3 for steady noise, ≈2 for a click.
    public let transient: [Float]

    /// Band edges as FFT bin indices, `bandCount + 1` of them: ERB-rate
    /// spaced from 50 Hz to 20 kHz, each band at least one bin wide.
    static let bandEdges: [Int] = {
        func erbRate(_ f: Double) -> Double { 21.4 * log10(1 + 0.00437 * f) }
        func frequency(_ e: Double) -> Double { (pow(10, e / 21.4) - 1) / 0.00437 }
        let low = erbRate(50), high = erbRate(20_000)
        let binHz = Double(AudioFormat.sampleRate) / Double(Framing.windowFrames)
        var edges: [Int] = []
        for b in 0...bandCount {
            let f = frequency(low + (high - low) * Double(b) / Double(bandCount))
            var bin = Int((f / binHz).rounded())
            if let last = edges.last { bin = max(bin, last + 1) }
            edges.append(bin)
        }
        return edges
    }()

    /// Analyses every whole frame of `corpus` (mono mix).
    public init(corpus: Corpus) {
        self.init(mono: corpus.monoMix())
    }

    /// Analyses every whole frame of a mono signal.
    public init(mono: [Float]) {
        let n = Framing.windowFrames
        let count = Framing.frameCount(sampleFrames: mono.count)
        let fft = RealFFT(size: n)
        let dimension = Self.dimension
        let edges = Self.bandEdges
        var vectors = [Float](repeating: 0, count: count * dimension)
        var loudness = [Float](repeating: 0, count: count)
        var flatness = [Float](repeating: 0, count: count)
        var transient = [Float](repeating: 0, count: count)
        var power = [Float](repeating: 0, count: fft.binCount)
        let floor: Float = 1e-10
        // Normalise so a full-scale sine's band energy is near 0 dB.
        let powerScale = 4 / (Float(n) * Float(n) * 0.5)
        var subBlocks = [Float](repeating: 0, count: 8)
        mono.withUnsafeBufferPointer { signal in
            for frame in 0..<count {
                let start = frame * Framing.hopFrames
                for i in 0..<8 { subBlocks[i] = 0 }
                var total: Float = 0
                var last = start > 0 ? signal[start - 1] : 0
                for i in 0..<n {
                    let x = signal[start + i]
                    // Transients are judged on the first difference, which
                    // favours clicks and crackle over the slow swell of rumble.
                    let slope = x - last
                    last = x
                    subBlocks[i >> 8] += slope * slope
                    fft.samples[i] = x * Framing.sqrtHann[i]
                    total += fft.samples[i] * fft.samples[i]
                }
                fft.forward()
                for k in 0..<fft.binCount {
                    let re = fft.spectrum[2 * k], im = fft.spectrum[2 * k + 1]
                    power[k] = (re * re + im * im) * powerScale
                }
                let base = frame * dimension
                for b in 0..<Self.bandCount {
                    var sum: Float = 0
                    for k in edges[b]..<edges[b + 1] { sum += power[k] }
                    let mean = sum / Float(edges[b + 1] - edges[b])
                    vectors[base + b] = log10f(mean + floor)  // decibels / 10
                }
                // Flatness within each band of four or more bins, averaged by energy:
                // noise measures ≈0.56 (the mean of exponentially distributed
                // bin powers), partials far less, whatever the overall tilt.
                var flatSum: Float = 0
                var weightSum: Float = 0
                for b in 0..<Self.bandCount where edges[b + 1] - edges[b] >= 4 {
                    var logSum: Float = 0, linearSum: Float = 0
                    for k in edges[b]..<edges[b + 1] {
                        logSum += logf(power[k] + floor)
                        linearSum += power[k] + floor
                    }
                    let bins = Float(edges[b + 1] - edges[b])
                    // Weighted by the band's energy: what is heard is what is loud.
                    flatSum += expf(logSum / bins) / (linearSum / bins) * linearSum
                    weightSum += linearSum
                }
                let flat = flatSum / max(weightSum, floor)
                let meanBlock = subBlocks.reduce(0, +) / 8
                let crest = meanBlock > 1e-12 ? logf(subBlocks.max()! / meanBlock) : 0
                flatness[frame] = flat
                transient[frame] = crest
                vectors[base + Self.bandCount] = flat * Self.flatnessWeight
                vectors[base + Self.bandCount + 1] = crest * Self.transientWeight
                loudness[frame] = 10 * log10f(2 * total / Float(n) + floor)
            }
        }
        self.vectors = vectors
        self.frameCount = count
        self.loudnessDecibels = loudness
        self.flatness = flatness
        self.transient = transient
    }
}
