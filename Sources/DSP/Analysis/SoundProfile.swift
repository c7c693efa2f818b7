import Foundation

/// What the realism checks measure of a sound: its octave-band shares, its
/// steady narrow lines and its envelope statistics, from one pass over the audio.
///
/// Used by `soundscape analyze`, `scripts/sound-sheet.sh` and the per-sound
/// realism tests, so a contributor sees the same numbers the tests judge.
public struct SoundProfile: Sendable {
    public var bandShares: OctaveBandShares
    /// Lines held longer than 2 s, the longest first.
    public var narrowLines: [NarrowLine]
    public var envelope: EnvelopeStatistics
    /// Length of the audio measured, in seconds.
    public var durationSeconds: Double

    /// Frames of 8192 samples (5.9 Hz bins at 48 kHz), hop 4096.
    static let frameLength = 8192

    /// Measures interleaved stereo at `AudioFormat.sampleRate` (the mid channel).
    public init(stereo: [Float]) {
        var mono = [Float](repeating: 0, count: stereo.count / 2)
        for i in mono.indices { mono[i] = 0.5 * (stereo[2 * i] + stereo[2 * i + 1]) }
        self.init(mono: mono)
    }

    /// Measures one channel at `AudioFormat.sampleRate`.
    public init(mono: [Float]) {
        let sampleRate = Double(AudioFormat.sampleRate)
        let size = Self.frameLength
        let hop = size / 2
        let fft = RealFFT(size: size)
        let binCount = fft.binCount
        let binHertz = sampleRate / Double(size)
        var window = [Float](repeating: 0, count: size)
        for i in 0..<size { window[i] = Float(0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(size))) }
        var frame = [Double](repeating: 0, count: binCount)
        var longTerm = [Double](repeating: 0, count: binCount)
        var detector = NarrowLineDetector(binCount: binCount, binHertz: binHertz, hopSeconds: Double(hop) / sampleRate)
        var start = 0
        while start + size <= mono.count {
            for i in 0..<size { fft.samples[i] = window[i] * mono[start + i] }
            fft.forward()
            for k in 0..<binCount {
                let re = Double(fft.spectrum[2 * k])
                let im = Double(fft.spectrum[2 * k + 1])
                frame[k] = re * re + im * im
                longTerm[k] += frame[k]
            }
            frame.withUnsafeBufferPointer { detector.add($0.baseAddress!) }
            start += hop
        }
        bandShares = longTerm.withUnsafeBufferPointer {
            OctaveBandShares(
                bandEnergies: OctaveBandShares.bandEnergies(of: $0.baseAddress!, binCount: binCount, binHertz: binHertz))
        }
        narrowLines = detector.finish()
        envelope = EnvelopeStatistics(mono: mono, sampleRate: sampleRate)
        durationSeconds = Double(mono.count) / sampleRate
    }
}
