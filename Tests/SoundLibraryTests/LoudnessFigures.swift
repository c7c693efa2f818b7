@testable import DSP
import Foundation
@testable import SoundLibrary
import TestSupport
import Testing

/// Measures the figures `SoundLoudness` stores, for a contributor who changed a
/// synthesizer: `SOUNDSCAPE_MEASURE_LOUDNESS=1 swift test -c release --filter LoudnessFigures`
/// prints one `loudness:` line per variant to paste into its definition
/// (`SOUNDSCAPE_MEASURE_LOUDNESS=rain,fan` measures only those sounds). A tool,
/// not an assertion (the contract test holds the figures); CI never sets the variable.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SOUNDSCAPE_MEASURE_LOUDNESS"] != nil))
struct LoudnessFigures {
    @Test(arguments: SoundLibrary.builtIn.map(\.name))
    func printFigures(sound: String) throws {
        let asked = ProcessInfo.processInfo.environment["SOUNDSCAPE_MEASURE_LOUDNESS"] ?? "1"
        guard asked == "1" || asked.split(separator: ",").contains(Substring(sound)) else { return }
        let definition = try #require(SoundLibrary.builtIn(named: sound))
        let (low, middle, high) = SoundLoudness.intensities
        for variant in definition.variants {
            // What is rendered is trimmed; the figures are before the trim.
            let trim = definition.loudness(of: variant).middle - SoundLoudness.reference
            let figures = [low, middle, high].map { intensity in
                let power = [UInt64(1), 2, 3].map { seed in
                    let samples = SoundRendering.render(sound, variant: variant, seconds: 60, intensity: intensity, seed: seed)
                    let lufs = samples.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
                    return pow(10, (lufs + trim) / 10)
                }.reduce(0.0, +) / 3
                return 10 * log10(power)
            }
            print(String(format: "%@/%@ loudness: SoundLoudness(low: %.1f, middle: %.1f, high: %.1f)",
                sound, variant, figures[0], figures[1], figures[2]))
        }
    }
}
