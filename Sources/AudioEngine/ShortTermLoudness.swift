import DSP

/// BS.1770 short-term loudness (the last 3 s) of interleaved stereo, cheap
/// enough for the audio thread: K-weighting and a ring of thirty 100 ms
/// energies, no histogram, no logarithm. `LoudnessMeter` is the full meter;
/// this is its short-term window alone, for a live master meter.
///
/// Owns a small buffer: `init` allocates it, `deallocate()` frees it.
struct ShortTermLoudness {
    private static let steps = 30
    private var left: KWeightingFilter
    private var right: KWeightingFilter
    private let energies: UnsafeMutablePointer<Double>
    private let framesPerStep: Int
    private var next = 0
    private var filled = 0
    private var openEnergy = 0.0
    private var openFrames = 0
    private var windowEnergy = 0.0

    init(sampleRate: Int = AudioFormat.sampleRate) {
        left = KWeightingFilter(sampleRate: Double(sampleRate))
        right = left
        framesPerStep = (sampleRate + 5) / 10
        energies = .allocate(capacity: Self.steps)
        energies.initialize(repeating: 0, count: Self.steps)
    }

    func deallocate() { energies.deallocate() }

    /// Mean K-weighted energy of the last 3 s (both channels summed), the
    /// quantity `LoudnessMeter.lufs(energy:)` turns into LUFS; 0 in silence.
    var energy: Double { windowEnergy }

    /// Measures `frameCount` interleaved stereo frames. Never allocates or locks.
    mutating func measure(_ samples: UnsafePointer<Float>, frameCount: Int) {
        var done = 0
        while done < frameCount {
            let take = Swift.min(frameCount - done, framesPerStep - openFrames)
            openEnergy += sumOfSquares(samples + 2 * done, frameCount: take)
            openFrames += take
            done += take
            if openFrames == framesPerStep { closeStep() }
        }
    }

    /// Both channels in one pass: each filter's recursion waits on its previous sample, so
    /// two independent channels side by side keep the CPU busy where one at a time stalls
    /// (this meter is most of what the audio thread computes).
    private mutating func sumOfSquares(_ samples: UnsafePointer<Float>, frameCount: Int) -> Double {
        var left = self.left
        var right = self.right
        var leftSum = 0.0
        var rightSum = 0.0
        var p = samples
        for _ in 0..<frameCount {
            let l = left.process(Double(p[0]))
            let r = right.process(Double(p[1]))
            leftSum += l * l
            rightSum += r * r
            p += 2
        }
        self.left = left
        self.right = right
        return leftSum + rightSum
    }

    private mutating func closeStep() {
        energies[next] = openEnergy / Double(framesPerStep)
        next = next == Self.steps - 1 ? 0 : next + 1
        filled = Swift.min(filled + 1, Self.steps)
        openEnergy = 0
        openFrames = 0
        left.flushSubnormals()
        right.flushSubnormals()
        var sum = 0.0
        for step in 0..<Self.steps { sum += energies[step] }
        // Until 3 s have passed, the mean of what there is.
        windowEnergy = sum / Double(filled)
    }
}
