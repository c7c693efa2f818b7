import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A slow, bounded drift of every layer's weight and intensity, like weather changing.
///
/// Each parameter moves by `range × d(t)`, where d(t) is a sum of three sinusoids with
/// periods between 1.5 and 15 minutes, random phases and amplitudes summing to 1, so
/// |d(t)| ≤ 1 always: the value never leaves the user's setting ± `range` (nor 0…1), it
/// changes smoothly (its slope is at most `range × 2π / 90 s`, under 0.011 per second at
/// the default range), and it is a pure function of time and seed — the same seed
/// replays the same weather, and any moment can be computed without the ones before.
public struct Evolve: Sendable {
    /// The periods of the sinusoids are drawn log-uniformly from this range, in seconds.
    public static let periodRange: ClosedRange<Double> = 90...900
    static let componentCount = 3

    /// One parameter's drift: d(t) = Σ amplitude·sin(2π·t/period + phase).
    struct Drift: Sendable, Equatable {
        var amplitudes: [Double]
        var periods: [Double]
        var phases: [Double]

        init(random: inout Random) {
            var amplitudes = (0..<Evolve.componentCount).map { _ in 0.2 + Double(random.unit()) }
            let total = amplitudes.reduce(0, +)
            amplitudes = amplitudes.map { $0 / total }
            let low = log(Evolve.periodRange.lowerBound)
            let high = log(Evolve.periodRange.upperBound)
            self.amplitudes = amplitudes
            periods = (0..<Evolve.componentCount).map { _ in exp(low + (high - low) * Double(random.unit())) }
            phases = (0..<Evolve.componentCount).map { _ in 2 * Double.pi * Double(random.unit()) }
        }

        /// In [-1, 1].
        func value(at seconds: Double) -> Double {
            var sum = 0.0
            for k in amplitudes.indices { sum += amplitudes[k] * sin(2 * Double.pi * seconds / periods[k] + phases[k]) }
            return sum
        }
    }

    /// The settings the drift moves around (the user's), one per layer.
    public var bases: [(weight: Float, intensity: Float)]
    /// How far a value may move from its base.
    public let range: Float
    let weightDrifts: [Drift]
    let intensityDrifts: [Drift]

    /// A drift around `bases` with `range` (clamped to 0…0.5); `seed` fixes the whole drift.
    public init(bases: [(weight: Float, intensity: Float)], range: Float, seed: UInt64) {
        self.bases = bases
        self.range = min(max(range.isFinite ? range : 0, 0), 0.5)
        // Each layer gets its own generator from (seed, index), so adding a layer
        // at the end leaves the drift of the others unchanged.
        var weights: [Drift] = []
        var intensities: [Drift] = []
        for index in bases.indices {
            var random = Random(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            weights.append(Drift(random: &random))
            intensities.append(Drift(random: &random))
        }
        weightDrifts = weights
        intensityDrifts = intensities
    }

    /// The drift of `scene`'s layers around their settings, within its `evolveRange`.
    public init(scene: Scene, seed: UInt64) {
        self.init(
            bases: scene.layers.map { ($0.weight, $0.intensity) }, range: scene.evolveRange, seed: seed)
    }

    /// Every layer's (weight, intensity) `seconds` after the drift began.
    public func values(at seconds: Double) -> [(weight: Float, intensity: Float)] {
        bases.indices.map { index in
            (
                weight: drifted(bases[index].weight, by: weightDrifts[index], at: seconds),
                intensity: drifted(bases[index].intensity, by: intensityDrifts[index], at: seconds)
            )
        }
    }

    private func drifted(_ base: Float, by drift: Drift, at seconds: Double) -> Float {
        let offset = Float(drift.value(at: seconds)) * range
        // The sinusoids already keep |offset| ≤ range; the clamp guards rounding and 0…1.
        let low = max(0, base - range)
        let high = min(1, base + range)
        return min(max(base + offset, low), max(low, high))
    }
}
