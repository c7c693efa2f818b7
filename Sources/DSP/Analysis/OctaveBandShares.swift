import Foundation

/// How a sound's energy divides among the seven octave bands centred 125 Hz … 8 kHz.
///
/// Each band runs from its centre ÷ √2 to its centre × √2 (88 Hz … 11.3 kHz in all);
/// a band's share is its energy over the energy of all seven bands, in dB (so the
/// seven shares of a sound always add up to 0 dB in power). Shares say where a
/// sound sits — a rain with no body, a stream without its hiss — independent of
/// how loud it is, which is why the realism tests compare them with real recordings.
public struct OctaveBandShares: Sendable, Equatable {
    /// Centre frequencies of the bands, in Hz.
    public static let centreHertz: [Double] = [125, 250, 500, 1000, 2000, 4000, 8000]

    /// The share of each band, in dB (≤ 0), in the order of `centreHertz`.
    public var decibels: [Double]

    /// Creates shares from band energies (any unit); a silent input gives −120 dB everywhere.
    public init(bandEnergies: [Double]) {
        let total = bandEnergies.reduce(0, +)
        decibels = bandEnergies.map { total > 0 ? max(10 * log10(max($0, 1e-30) / total), -120) : -120 }
    }

    /// Band energies from a power spectrum whose bin k lies at k × `binHertz`.
    static func bandEnergies(of power: UnsafePointer<Double>, binCount: Int, binHertz: Double) -> [Double] {
        centreHertz.map { centre in
            let low = centre / 2.0.squareRoot()
            let high = centre * 2.0.squareRoot()
            let first = max(Int((low / binHertz).rounded(.up)), 1)
            let last = min(Int((high / binHertz).rounded(.up)), binCount)
            var energy = 0.0
            if first < last {
                for bin in first..<last { energy += power[bin] }
            }
            return energy
        }
    }

    /// Band labels for tables: "125", "250", …, "8k".
    public static var labels: [String] {
        centreHertz.map { $0 >= 1000 ? "\(Int($0 / 1000))k" : "\(Int($0))" }
    }
}
