#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gating blocks kept as a histogram of their loudness, so that memory stays
/// fixed however long the programme (libebur128's "histogram mode", with
/// finer bins): 0.01 LU bins from the absolute gate, −70 LUFS, to +10 LUFS.
/// Each bin keeps its block count and the exact sum of its blocks' energies,
/// so gated means are exact; only the decision which blocks lie above a
/// relative gate is made per bin, to 0.01 LU. Louder blocks than +10 LUFS
/// (beyond a full-scale square wave) share the top bin, energies still exact.
///
/// "Energy" here is a block's channel-weighted mean square after
/// K-weighting; its loudness is 10·log10(energy) − 0.691 LUFS.
struct LoudnessHistogram: ~Copyable {
    /// The absolute gate and the histogram's floor.
    static let floorLUFS = -70.0
    static let binWidthLU = 0.01
    static let binCount = 8_000

    /// `binCount + 1` energies: bin i holds energies in [edges[i], edges[i+1]).
    /// Kept per histogram so that `add` needs no logarithm (it runs on the
    /// audio thread when a mixer meters its output) and no lazy global.
    private let edges: UnsafeMutablePointer<Double>
    private let counts: UnsafeMutablePointer<Int>
    private let energySums: UnsafeMutablePointer<Double>
    private let bins: Int
    /// Blocks at or above the absolute gate.
    private(set) var count = 0
    /// Their summed energy.
    private(set) var energySum = 0.0

    init() {
        bins = Self.binCount
        edges = .allocate(capacity: bins + 1)
        for i in 0...bins {
            edges[i] = Self.energy(lufs: Self.floorLUFS + Double(i) * Self.binWidthLU)
        }
        counts = .allocate(capacity: bins)
        counts.initialize(repeating: 0, count: bins)
        energySums = .allocate(capacity: bins)
        energySums.initialize(repeating: 0, count: bins)
    }

    deinit {
        edges.deallocate()
        counts.deallocate()
        energySums.deallocate()
    }

    /// Counts one block; blocks below the absolute gate are dropped, as
    /// BS.1770 drops them before any average. Never allocates.
    mutating func add(energy: Double) {
        guard energy >= edges[0] else { return }
        let index = bin(of: energy)
        counts[index] += 1
        energySums[index] += energy
        count += 1
        energySum += energy
    }

    /// The mean energy of the blocks more than `relativeGateLU` below the
    /// mean of all counted blocks, or nil if there are none (BS.1770's
    /// second gating stage).
    func gatedMeanEnergy(relativeGateLU: Double) -> Double? {
        guard let first = firstBin(aboveRelativeGate: relativeGateLU) else { return nil }
        var n = 0
        var sum = 0.0
        for i in first..<bins {
            n += counts[i]
            sum += energySums[i]
        }
        return n > 0 ? sum / Double(n) : nil
    }

    /// The loudness at the given quantile (0…1) of the blocks above the
    /// relative gate, as the centre of its bin; nil if there are none.
    /// The rank is rounded as libebur128 does: (n − 1)·q + 0.5, truncated.
    func loudness(atQuantile quantile: Double, relativeGateLU: Double) -> Double? {
        guard let first = firstBin(aboveRelativeGate: relativeGateLU) else { return nil }
        var n = 0
        for i in first..<bins { n += counts[i] }
        guard n > 0 else { return nil }
        let rank = Int(Double(n - 1) * quantile + 0.5)
        var seen = 0
        for i in first..<bins {
            seen += counts[i]
            if seen > rank { return Self.floorLUFS + (Double(i) + 0.5) * Self.binWidthLU }
        }
        return nil
    }

    /// Forgets every block.
    mutating func reset() {
        counts.update(repeating: 0, count: bins)
        energySums.update(repeating: 0, count: bins)
        count = 0
        energySum = 0
    }

    /// The energy of a block of the given loudness.
    static func energy(lufs: Double) -> Double { pow(10, (lufs + 0.691) / 10) }

    /// The loudness of a block of the given energy; −∞ for silence.
    static func lufs(energy: Double) -> Double { energy > 0 ? 10 * log10(energy) - 0.691 : -.infinity }

    /// The first bin whose centre lies above the relative gate (the mean of
    /// all counted blocks lowered by `relativeGateLU`), or nil if nothing was counted.
    private func firstBin(aboveRelativeGate relativeGateLU: Double) -> Int? {
        guard count > 0 else { return nil }
        let gate = energySum / Double(count) * pow(10, -relativeGateLU / 10)
        guard gate >= edges[0] else { return 0 }
        let index = bin(of: gate)
        // Centre of the bin in dB is the geometric mean of its edges.
        return (edges[index] * edges[index + 1]).squareRoot() >= gate ? index : index + 1
    }

    /// The bin holding `energy` (≥ the floor), by bisection of the edges.
    @inline(__always)
    private func bin(of energy: Double) -> Int {
        if energy >= edges[bins] { return bins - 1 }
        var low = 0
        var high = bins
        while high - low > 1 {
            let middle = (low + high) / 2
            if energy >= edges[middle] { low = middle } else { high = middle }
        }
        return low
    }
}
