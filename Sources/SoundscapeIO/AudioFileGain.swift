import AudioEngine
import CSndfile
import Foundation

/// Scales an audio file by a fixed gain, in its own format, replacing it
/// atomically: `render --loudness` normalises a finished file this way.
public enum AudioFileGain {
    /// Multiplies every sample of the file at `path` by 10^(decibels/20).
    /// The scaled copy is written beside it and renamed over it, so a failure
    /// leaves the original as it was.
    public static func apply(decibels: Double, toFileAt path: String) throws(SinkError) {
        var info = SF_INFO()
        guard let input = sf_open(path, Int32(SFM_READ), &info) else {
            throw .fileFailed(path: path, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(input) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).gain-\(getpid())").path
        var outputInfo = info
        guard let output = sf_open(temporary, Int32(SFM_WRITE), &outputInfo) else {
            throw .fileFailed(path: path, reason: String(cString: sf_strerror(nil)))
        }
        sf_command(output, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        let gain = Float(pow(10, decibels / 20))
        let channels = Int(info.channels)
        let blockFrames = 48_000
        var block = [Float](repeating: 0, count: blockFrames * channels)
        var failure: String?
        block.withUnsafeMutableBufferPointer { buffer in
            let samples = buffer.baseAddress!
            while true {
                let read = Int(sf_readf_float(input, samples, sf_count_t(blockFrames)))
                if read <= 0 { break }
                for i in 0..<(read * channels) { samples[i] *= gain }
                if Int(sf_writef_float(output, samples, sf_count_t(read))) != read {
                    failure = String(cString: sf_strerror(output))
                    break
                }
            }
        }
        if sf_close(output) != 0 && failure == nil { failure = "closing the scaled copy failed" }
        if let failure {
            unlink(temporary)
            throw .fileFailed(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .fileFailed(path: path, reason: reason)
        }
    }
}
