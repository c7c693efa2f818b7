import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A repetition and copy detector for the tests: 32-bit sub-fingerprints in
/// the manner of Haitsma & Kalker ("A Highly Robust Audio Fingerprinting
/// System", 2002). Audio is low-passed and decimated to 6 kHz, framed at
/// 2048 samples (0.34 s, Hann) every 64 samples (10.7 ms); the energies of
/// 33 log-spaced bands between 300 and 2000 Hz give 32 bits per frame, each
/// the sign of the band-energy difference's change over time. Such bits do
/// not care about gain or stereo position, and survive a shift of the grain
/// grid, so they find copies even after the decoder's variation.
package struct AudioFingerprint {
    package static let decimation = 8
    package static let frameLength = 2048
    package static let hop = 64
    /// Seconds per sub-fingerprint.
    package static let secondsPerFrame = Double(hop * decimation) / Double(AudioFormat.sampleRate)

    package let bits: [UInt32]

    package init(mono: [Float]) {
        // Two low-passes at 2.4 kHz before keeping every 8th sample.
        var a = Biquad(.lowPass, frequency: 2400), b = Biquad(.lowPass, frequency: 2400)
        var decimated: [Float] = []
        decimated.reserveCapacity(mono.count / Self.decimation + 1)
        for (i, x) in mono.enumerated() {
            let y = b.process(a.process(x))
            if i % Self.decimation == 0 { decimated.append(y) }
        }
        let rate = Float(AudioFormat.sampleRate / Self.decimation)
        let n = Self.frameLength
        let fft = RealFFT(size: n)
        let window = (0..<n).map { 0.5 - 0.5 * cosf(2 * Float.pi * Float($0) / Float(n)) }
        let edges = (0...33).map { b -> Int in
            let f = 300 * powf(2000 / 300, Float(b) / 33)
            return Int((f / rate * Float(n)).rounded())
        }
        var previous = [Float](repeating: 0, count: 33)
        var energies = [Float](repeating: 0, count: 33)
        var result: [UInt32] = []
        var start = 0
        var first = true
        while start + n <= decimated.count {
            for i in 0..<n { fft.samples[i] = decimated[start + i] * window[i] }
            fft.forward()
            for band in 0..<33 {
                var sum: Float = 0
                for k in edges[band]..<max(edges[band] + 1, edges[band + 1]) {
                    sum += fft.spectrum[2 * k] * fft.spectrum[2 * k] + fft.spectrum[2 * k + 1] * fft.spectrum[2 * k + 1]
                }
                energies[band] = sum
            }
            if !first {
                var word: UInt32 = 0
                for m in 0..<32 {
                    let difference = (energies[m] - energies[m + 1]) - (previous[m] - previous[m + 1])
                    if difference > 0 { word |= 1 << UInt32(m) }
                }
                result.append(word)
            }
            first = false
            swap(&previous, &energies)
            start += Self.hop
        }
        bits = result
    }

    /// The closest match found for any block of `seconds` of `self` elsewhere
    /// in `other` (or elsewhere in `self` when `other` is nil, at least
    /// `minimumLagSeconds` away): the lowest bit error rate over candidate
    /// alignments, found the way Haitsma–Kalker search does (a sub-fingerprint
    /// that matches exactly proposes an alignment; the whole block around it
    /// is then compared). Returns 0.5-ish for unrelated audio, near 0 for a copy.
    package func closestBlockMatch(in other: AudioFingerprint? = nil, seconds: Double, minimumLagSeconds: Double = 0.5)
        -> (bitErrorRate: Double, offset: Int, otherOffset: Int)
    {
        let target = other?.bits ?? bits
        let block = Int(seconds / Self.secondsPerFrame)
        let minimumLag = Int(minimumLagSeconds / Self.secondsPerFrame)
        var index: [UInt32: [Int]] = [:]
        for (j, word) in target.enumerated() { index[word, default: []].append(j) }
        var best = (bitErrorRate: 1.0, offset: -1, otherOffset: -1)
        var tried = Set<Int64>()
        guard bits.count >= block, target.count >= block else { return best }
        for (i, word) in bits.enumerated() {
            // Words that occur everywhere (silence, steady noise) carry no alignment.
            guard let hits = index[word], hits.count <= 64 else { continue }
            for j in hits {
                if other == nil && abs(j - i) < max(minimumLag, 1) { continue }
                let a = min(max(0, i - block / 2), bits.count - block)
                let shift = j - i
                let b = a + shift
                guard b >= 0, b + block <= target.count else { continue }
                if other == nil && abs(b - a) < minimumLag { continue }
                let key = Int64(shift) << 32 | Int64(a / (block / 8))
                guard tried.insert(key).inserted else { continue }
                var errors = 0
                for k in 0..<block { errors += (bits[a + k] ^ target[b + k]).nonzeroBitCount }
                let rate = Double(errors) / Double(block * 32)
                if rate < best.bitErrorRate { best = (rate, a, b) }
            }
        }
        return best
    }
}
