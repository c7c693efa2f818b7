#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The true-peak level of interleaved audio, as ITU-R BS.1770-4 Annex 2
/// estimates it: the signal is oversampled four times with the Annex's
/// 48-tap interpolation filter (four polyphase branches of 12 taps), and the
/// largest absolute oversampled value is the true peak. Peaks between samples
/// — up to +3 dB over the sample peak for a tone at a quarter of the sample
/// rate — are what clip a DAC or a lossy encoder, hence R 128's ≤ −1 dBTP.
///
/// The filter is defined relative to the input's own rate, so it is used
/// unchanged at every rate (BS.1770 only asks for ≥ 4× below 96 kHz).
/// Working in floating point, the Annex's 12.04 dB attenuation before
/// oversampling (headroom for fixed-point arithmetic) is not needed.
///
/// Memory is allocated once in `init`; `measure` never allocates. The meter
/// is not copyable: it owns its buffers and frees them when it goes away.
public struct TruePeakMeter: ~Copyable {
    /// Channels per frame of the interleaved input.
    public let channelCount: Int

    private static let phaseCount = 4
    private static let tapsPerPhase = 12

    /// The Annex 2 table, one row per phase, taps in the Recommendation's
    /// order (the coefficient of the newest sample first). The prototype is
    /// symmetric, so phase 3 is phase 0 reversed and phase 2 is phase 1
    /// reversed; only phases 0 and 1 are written out.
    private static let phase0: [Float] = [
        0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000,
        -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750,
        0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500,
    ]
    private static let phase1: [Float] = [
        -0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250,
        -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125,
        0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375,
    ]

    /// The four phases' taps, each phase stored oldest-sample-first so that
    /// a phase's output is a straight dot product with the history window.
    private let taps: UnsafeMutablePointer<Float>
    /// Per channel, the last 12 input samples stored twice (at `position`
    /// and `position + 12`), so the newest 12 are always contiguous at
    /// `position + 1 … position + 12`, oldest first.
    private let history: UnsafeMutablePointer<Float>
    private var position = 0
    private var oversampledPeak: Float = 0
    private var largestSample: Float = 0

    /// A meter for interleaved frames of `channelCount` samples.
    public init(channelCount: Int = 2) {
        precondition(channelCount >= 1, "a true-peak meter needs at least one channel")
        self.channelCount = channelCount
        let phase2 = Array(Self.phase1.reversed())
        let phase3 = Array(Self.phase0.reversed())
        let table = Self.phase0 + Self.phase1 + phase2 + phase3
        taps = .allocate(capacity: Self.phaseCount * Self.tapsPerPhase)
        for phase in 0..<Self.phaseCount {
            for tap in 0..<Self.tapsPerPhase {
                // Tap k weighs the sample k steps old; store oldest first.
                taps[phase * Self.tapsPerPhase + tap] = table[phase * Self.tapsPerPhase + Self.tapsPerPhase - 1 - tap]
            }
        }
        history = .allocate(capacity: channelCount * 2 * Self.tapsPerPhase)
        history.initialize(repeating: 0, count: channelCount * 2 * Self.tapsPerPhase)
    }

    deinit {
        taps.deallocate()
        history.deallocate()
    }

    /// Measures interleaved frames; a trailing partial frame is ignored.
    public mutating func measure(_ samples: UnsafeBufferPointer<Float>) {
        guard let base = samples.baseAddress else { return }
        measure(base, frameCount: samples.count / channelCount)
    }

    /// Measures `frameCount` interleaved frames at `samples`. Never allocates.
    public mutating func measure(_ samples: UnsafePointer<Float>, frameCount: Int) {
        let taps = self.taps
        let history = self.history
        let channels = channelCount
        let width = Self.tapsPerPhase
        var peak = oversampledPeak
        var samplePeak = largestSample
        var position = self.position
        var input = samples
        for _ in 0..<frameCount {
            position = position == width - 1 ? 0 : position + 1
            for channel in 0..<channels {
                let x = input[channel]
                samplePeak = Swift.max(samplePeak, Swift.abs(x))
                let line = history + channel * 2 * width
                line[position] = x
                line[position + width] = x
                let window = line + position + 1
                for phase in 0..<Self.phaseCount {
                    let h = taps + phase * width
                    var y: Float = 0
                    for k in 0..<width { y += h[k] * window[k] }
                    peak = Swift.max(peak, Swift.abs(y))
                }
            }
            input += channels
        }
        self.position = position
        oversampledPeak = peak
        largestSample = samplePeak
    }

    /// The largest absolute value of the oversampled signal so far (linear, 1 = full scale).
    public var truePeak: Float { oversampledPeak }

    /// The true peak in dBTP (dB relative to full scale, true-peak); −∞ for silence.
    public var truePeakDBTP: Double { Self.decibels(oversampledPeak) }

    /// The largest absolute sample value so far (linear).
    public var samplePeak: Float { largestSample }

    /// The sample peak in dBFS; −∞ for silence.
    public var samplePeakDBFS: Double { Self.decibels(largestSample) }

    /// Forgets everything measured so far.
    public mutating func reset() {
        history.update(repeating: 0, count: channelCount * 2 * Self.tapsPerPhase)
        position = 0
        oversampledPeak = 0
        largestSample = 0
    }

    private static func decibels(_ linear: Float) -> Double {
        linear > 0 ? 20 * log10(Double(linear)) : -.infinity
    }
}
