#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loudness meter after ITU-R BS.1770-4 and EBU R 128 (EBU Tech 3341 and
/// 3342) for interleaved audio at any sample rate: momentary (400 ms),
/// short-term (3 s) and integrated (gated) loudness in LUFS, loudness range
/// in LU, and the true peak in dBTP.
///
/// Each channel is K-weighted (`KWeightingFilter`) and its mean square taken
/// over 100 ms steps. Gating blocks are 400 ms long and start every 100 ms
/// (75 % overlap), so every block is the sum of four steps and the meter
/// keeps only the last 30 steps, never the audio. Integrated loudness gates
/// blocks twice: absolutely at −70 LUFS, then relatively at 10 LU below the
/// mean of what passed. Loudness range (Tech 3342) takes the short-term
/// values every 100 ms, gates them at −70 LUFS and 20 LU below their mean,
/// and spans the 10th to the 95th percentile. Both keep their blocks in
/// fixed histograms (`LoudnessHistogram`), so an eight-hour programme costs
/// no more memory than a minute: about 400 kB per meter, all of it
/// allocated in `init`.
///
/// Every channel weighs 1.0, which is right for mono, stereo and L/R/C;
/// BS.1770's 1.41 weights for surround channels are not applied.
///
/// Readings change at 100 ms boundaries of the input, counted from the
/// first sample; a window that is not yet full counts its missing steps as
/// silence (so 200 ms of a tone reads 3 LU below its loudness, as
/// libebur128 does). `measure` never allocates or locks, but it indexes
/// arrays, which the `@_noLocks` checker refuses in debug builds: meter on
/// a worker or the control side (fed from a ring), not on the audio thread.
///
/// ```swift
/// var meter = LoudnessMeter(sampleRate: 48_000)
/// meter.measure(period)          // as often as audio arrives
/// print(meter.integratedLUFS, meter.truePeakDBTP)
/// ```
///
/// The meter is not copyable: it owns its buffers and frees them when it
/// goes away.
public struct LoudnessMeter: ~Copyable {
    /// Samples per second of the input.
    public let sampleRate: Int
    /// Channels per frame of the interleaved input.
    public let channelCount: Int
    /// Whether `measure` also runs the true-peak meter (four times the
    /// work of the loudness measurement itself).
    public let measuresTruePeak: Bool

    /// The relative gate of integrated loudness, below the absolutely gated mean.
    public static let integratedRelativeGateLU = 10.0
    /// The relative gate of loudness range, below the absolutely gated mean.
    public static let rangeRelativeGateLU = 20.0

    private static let stepsPerMomentaryWindow = 4
    private static let stepsPerShortTermWindow = 30

    /// Frames in one 100 ms step (rounded, as libebur128 does for rates not divisible by 10).
    private let framesPerStep: Int
    /// Per channel.
    private let filters: UnsafeMutablePointer<KWeightingFilter>
    /// Summed squared K-weighted samples of the last 30 steps, all channels
    /// together; a ring written at `nextStep`.
    private let stepEnergies: UnsafeMutablePointer<Double>
    private var nextStep = 0
    private var completedSteps = 0
    /// The step being filled.
    private var openStepEnergy = 0.0
    private var openStepFrames = 0

    private var blocks = LoudnessHistogram()
    private var shortTermBlocks = LoudnessHistogram()
    private var peakMeter: TruePeakMeter

    private var momentaryEnergy = 0.0
    private var shortTermEnergy = 0.0
    private var loudestMomentaryEnergy = 0.0
    private var loudestShortTermEnergy = 0.0

    /// A meter for interleaved audio of `channelCount` channels at `sampleRate` Hz.
    /// - Parameter measuresTruePeak: false to skip true-peak metering when
    ///   only loudness is wanted; `truePeakDBTP` then reads −∞.
    public init(sampleRate: Int = 48_000, channelCount: Int = 2, measuresTruePeak: Bool = true) {
        precondition(sampleRate >= 1_000, "a loudness meter needs a sample rate of at least 1 kHz, not \(sampleRate)")
        precondition(channelCount >= 1, "a loudness meter needs at least one channel")
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.measuresTruePeak = measuresTruePeak
        framesPerStep = (sampleRate + 5) / 10
        filters = .allocate(capacity: channelCount)
        filters.initialize(repeating: KWeightingFilter(sampleRate: Double(sampleRate)), count: channelCount)
        stepEnergies = .allocate(capacity: Self.stepsPerShortTermWindow)
        stepEnergies.initialize(repeating: 0, count: Self.stepsPerShortTermWindow)
        peakMeter = TruePeakMeter(channelCount: channelCount)
    }

    deinit {
        filters.deallocate()
        stepEnergies.deallocate()
    }

    /// Measures interleaved frames (`channelCount` samples each, full scale
    /// ±1); a trailing partial frame is ignored. Call it with consecutive
    /// pieces of one programme, of any length. Never allocates or locks.
    public mutating func measure(_ samples: UnsafeBufferPointer<Float>) {
        guard let base = samples.baseAddress else { return }
        measure(base, frameCount: samples.count / channelCount)
    }

    /// Measures `frameCount` interleaved frames at `samples`. Never allocates or locks.
    public mutating func measure(_ samples: UnsafePointer<Float>, frameCount: Int) {
        if measuresTruePeak { peakMeter.measure(samples, frameCount: frameCount) }
        var done = 0
        while done < frameCount {
            let take = Swift.min(frameCount - done, framesPerStep - openStepFrames)
            let start = samples + done * channelCount
            for channel in 0..<channelCount {
                openStepEnergy += filters[channel].sumOfSquares(start + channel, stride: channelCount, count: take)
            }
            openStepFrames += take
            done += take
            if openStepFrames == framesPerStep { closeStep() }
        }
    }

    /// Loudness of the last 400 ms, in LUFS; −∞ for silence.
    public var momentaryLUFS: Double { LoudnessHistogram.lufs(energy: momentaryEnergy) }

    /// Loudness of the last 3 s, in LUFS; −∞ for silence.
    public var shortTermLUFS: Double { LoudnessHistogram.lufs(energy: shortTermEnergy) }

    /// The loudest momentary reading so far, in LUFS.
    public var maximumMomentaryLUFS: Double { LoudnessHistogram.lufs(energy: loudestMomentaryEnergy) }

    /// The loudest short-term reading so far, in LUFS.
    public var maximumShortTermLUFS: Double { LoudnessHistogram.lufs(energy: loudestShortTermEnergy) }

    /// Integrated (programme) loudness of everything measured, in LUFS:
    /// the mean energy of the 400 ms blocks above −70 LUFS and above the
    /// relative gate 10 LU under their mean. −∞ when no block passes the
    /// gates (silence, or less than 400 ms measured). Costs a pass over the
    /// histogram (8000 bins); read it when needed, not per sample.
    public var integratedLUFS: Double {
        guard let energy = blocks.gatedMeanEnergy(relativeGateLU: Self.integratedRelativeGateLU) else {
            return -.infinity
        }
        return LoudnessHistogram.lufs(energy: energy)
    }

    /// Loudness range (EBU Tech 3342), in LU: the spread from the 10th to the
    /// 95th percentile of the short-term loudness, taken every 100 ms once
    /// 3 s have been measured and gated at −70 LUFS and 20 LU below their
    /// mean. 0 when there is nothing to measure.
    public var loudnessRangeLU: Double {
        let gate = Self.rangeRelativeGateLU
        guard let low = shortTermBlocks.loudness(atQuantile: 0.10, relativeGateLU: gate),
            let high = shortTermBlocks.loudness(atQuantile: 0.95, relativeGateLU: gate)
        else { return 0 }
        return high - low
    }

    /// The highest true peak so far, in dBTP; −∞ for silence or when true
    /// peaks are not measured.
    public var truePeakDBTP: Double { peakMeter.truePeakDBTP }

    /// The highest sample peak so far, in dBFS; −∞ for silence or when true
    /// peaks are not measured.
    public var samplePeakDBFS: Double { peakMeter.samplePeakDBFS }

    /// Forgets everything measured: the meter continues as if new.
    public mutating func reset() {
        for channel in 0..<channelCount { filters[channel].reset() }
        stepEnergies.update(repeating: 0, count: Self.stepsPerShortTermWindow)
        nextStep = 0
        completedSteps = 0
        openStepEnergy = 0
        openStepFrames = 0
        blocks.reset()
        shortTermBlocks.reset()
        peakMeter.reset()
        momentaryEnergy = 0
        shortTermEnergy = 0
        loudestMomentaryEnergy = 0
        loudestShortTermEnergy = 0
    }

    /// The loudness in LUFS of a mean K-weighted energy (channels summed); −∞ for 0.
    public static func lufs(energy: Double) -> Double { LoudnessHistogram.lufs(energy: energy) }

    /// Integrated loudness in LUFS of a whole interleaved programme; −∞ for silence.
    public static func integratedLoudness(
        of samples: UnsafeBufferPointer<Float>, sampleRate: Int = 48_000, channelCount: Int = 2
    ) -> Double {
        var meter = LoudnessMeter(sampleRate: sampleRate, channelCount: channelCount, measuresTruePeak: false)
        meter.measure(samples)
        return meter.integratedLUFS
    }

    /// Files the finished 100 ms step and updates the windows that end with it.
    private mutating func closeStep() {
        stepEnergies[nextStep] = openStepEnergy
        nextStep = nextStep == Self.stepsPerShortTermWindow - 1 ? 0 : nextStep + 1
        completedSteps += 1
        openStepEnergy = 0
        openStepFrames = 0
        for channel in 0..<channelCount { filters[channel].flushSubnormals() }

        momentaryEnergy = meanEnergy(ofLastSteps: Self.stepsPerMomentaryWindow)
        loudestMomentaryEnergy = Swift.max(loudestMomentaryEnergy, momentaryEnergy)
        if completedSteps >= Self.stepsPerMomentaryWindow { blocks.add(energy: momentaryEnergy) }

        shortTermEnergy = meanEnergy(ofLastSteps: Self.stepsPerShortTermWindow)
        loudestShortTermEnergy = Swift.max(loudestShortTermEnergy, shortTermEnergy)
        if completedSteps >= Self.stepsPerShortTermWindow { shortTermBlocks.add(energy: shortTermEnergy) }
    }

    /// Mean square per frame over the last `steps` steps (steps not yet
    /// measured count as silence), summed over channels.
    private func meanEnergy(ofLastSteps steps: Int) -> Double {
        var sum = 0.0
        var index = nextStep
        for _ in 0..<steps {
            index = index == 0 ? Self.stepsPerShortTermWindow - 1 : index - 1
            sum += stepEnergies[index]
        }
        return sum / Double(steps * framesPerStep)
    }
}
