import Foundation
import Testing
@testable import SoundscapeCore

/// Writes 60 s of every nature sound and variant at intensities 0.2, 0.5 and
/// 0.9 to `$SOUNDSCAPE_RENDER_DIR`, for spectrograms and ears. Runs only when
/// that variable is set; `SOUNDSCAPE_RENDER_ONLY` limits it to one sound.
@Test(.enabled(if: SoundRendering.outputDirectory != nil))
func writeNatureSoundsForListening() throws {
    let directory = SoundRendering.outputDirectory!
    let only = ProcessInfo.processInfo.environment["SOUNDSCAPE_RENDER_ONLY"]
    let seconds = Double(ProcessInfo.processInfo.environment["SOUNDSCAPE_RENDER_SECONDS"] ?? "60") ?? 60
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for definition in NatureSounds.definitions where only == nil || only == definition.name {
        for variant in definition.variants {
            let intensities = (ProcessInfo.processInfo.environment["SOUNDSCAPE_RENDER_INTENSITIES"] ?? "0.2,0.5,0.9")
                .split(separator: ",").compactMap { Float($0) }
            for intensity in intensities {
                let start = Date()
                let seed = UInt64(ProcessInfo.processInfo.environment["SOUNDSCAPE_RENDER_SEED"] ?? "1") ?? 1
                let samples = SoundRendering.render(
                    definition.name, variant: variant, seconds: seconds, intensity: intensity, seed: seed)
                let elapsed = Date().timeIntervalSince(start)
                let name = "\(definition.name)-\(variant)-\(Int((intensity * 100).rounded()))"
                try SoundRendering.writeWAV(samples, to: directory.appendingPathComponent("\(name).wav"))
                let level = samples.withUnsafeBufferPointer { Loudness.gatedRMSDecibels($0) }
                let peak = samples.withUnsafeBufferPointer { Loudness.peak($0) }
                let mean = samples.withUnsafeBufferPointer { Loudness.mean($0) }
                print(
                    "render \(name): gated \(String(format: "%.2f", level)) dBFS, peak \(String(format: "%.2f", 20 * log10(Double(peak)))) dBFS, mean \(String(format: "%.6f", mean)), speed \(String(format: "%.0f", seconds / elapsed))x")
            }
        }
    }
}
