import Foundation
@testable import SoundscapeCore

/// Renders built-in sounds for tests and, when `SOUNDSCAPE_RENDER_DIR` is
/// set, writes them as WAV files to look at and listen to.
enum SoundRendering {
    /// `seconds` of `sound`/`variant` at a fixed intensity, interleaved stereo,
    /// rendered in 480-frame blocks the way a worker would.
    static func render(
        _ sound: String, variant: String? = nil, seconds: Double, intensity: Float, seed: UInt64 = 1
    ) -> [Float] {
        guard let definition = SoundLibrary.builtIn(named: sound) else {
            fatalError("test asks for unknown sound \(sound)")
        }
        let source = definition.makeSynthesizer(variant ?? definition.variants[0], seed)
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var samples = [Float](repeating: .nan, count: frames * 2)
        let block = 480
        samples.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < frames {
                let count = min(block, frames - start)
                source.render(into: buffer.baseAddress! + 2 * start, frameCount: count, intensity: intensity)
                start += count
            }
        }
        return samples
    }

    /// The directory renders are written to, if the developer asked for them.
    static var outputDirectory: URL? {
        ProcessInfo.processInfo.environment["SOUNDSCAPE_RENDER_DIR"].map { URL(fileURLWithPath: $0) }
    }

    /// Writes interleaved stereo 48 kHz samples as a 16-bit PCM WAV file.
    static func writeWAV(_ samples: [Float], to url: URL) throws {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        let byteCount = UInt32(samples.count * 2)
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36) + byteCount)
        data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16)); append(UInt16(1)); append(UInt16(2))
        append(UInt32(AudioFormat.sampleRate)); append(UInt32(AudioFormat.sampleRate * 4)); append(UInt16(4)); append(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); append(byteCount)
        data.reserveCapacity(data.count + samples.count * 2)
        for x in samples {
            append(Int16((max(-1, min(1, x)) * 32767).rounded()))
        }
        try data.write(to: url)
    }
}
