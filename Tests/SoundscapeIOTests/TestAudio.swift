import CSndfile
@testable import DSP
import Foundation

/// Fixtures made in code: tones, temporary paths, and files written with libsndfile directly.
enum TestAudio {
    /// Interleaved stereo sine at `frequency`, amplitude `amplitude`, 48 kHz unless told.
    static func sine(
        frequency: Double, seconds: Double, amplitude: Float = 0.5, sampleRate: Int = AudioFormat.sampleRate,
        channels: Int = 2
    ) -> [Float] {
        let frames = Int(seconds * Double(sampleRate))
        var samples = [Float](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            let value = amplitude * Float(sin(2 * Double.pi * frequency * Double(frame) / Double(sampleRate)))
            for channel in 0..<channels { samples[frame * channels + channel] = value }
        }
        return samples
    }

    /// A fresh directory under the system's temporary directory, removed by the caller.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("soundscape-io-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `samples` (interleaved, `channels` wide) with libsndfile in `format`.
    static func writeFile(
        _ samples: [Float], to path: String, sampleRate: Int, channels: Int,
        format: Int32 = Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
    ) {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            fatalError("test fixture: cannot write \(path): \(String(cString: sf_strerror(nil)))")
        }
        samples.withUnsafeBufferPointer { _ = sf_writef_float(file, $0.baseAddress, sf_count_t(samples.count / channels)) }
        sf_close(file)
    }

    /// What libsndfile says about a file: (frames, rate, channels, format), or nil when it cannot open it.
    static func describe(_ path: String) -> (frames: Int, sampleRate: Int, channels: Int, format: Int32)? {
        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else { return nil }
        sf_close(file)
        return (Int(info.frames), Int(info.samplerate), Int(info.channels), info.format)
    }

    /// The frequency of a steady tone, from zero crossings of the left channel.
    static func toneFrequency(_ stereo: [Float], sampleRate: Int = AudioFormat.sampleRate) -> Double {
        var crossings = 0
        var first = -1
        var last = -1
        for frame in 1..<(stereo.count / 2) where stereo[2 * frame - 2] < 0 && stereo[2 * frame] >= 0 {
            crossings += 1
            if first < 0 { first = frame }
            last = frame
        }
        guard crossings > 1 else { return 0 }
        return Double(crossings - 1) * Double(sampleRate) / Double(last - first)
    }

    /// RMS of a stretch of samples.
    static func rms(_ samples: ArraySlice<Float>) -> Double {
        var sum = 0.0
        for x in samples { sum += Double(x) * Double(x) }
        return (sum / Double(max(samples.count, 1))).squareRoot()
    }
}
