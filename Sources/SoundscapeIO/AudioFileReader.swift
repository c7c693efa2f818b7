import CSamplerate
import CSndfile
import DSP
import Foundation

/// Audio decoded into the engine's format: 48 kHz interleaved stereo Float.
public struct DecodedAudio: Sendable {
    /// Interleaved left/right samples at `AudioFormat.sampleRate`.
    public var samples: [Float]
    /// The file's own sample rate and channel count, before conversion.
    public var sourceSampleRate: Int
    public var sourceChannelCount: Int
    /// True when the file was longer than the limit it was read with and was cut there.
    public var wasTruncated: Bool

    /// Stereo frames in `samples`.
    public var frameCount: Int { samples.count / AudioFormat.channelCount }
    /// Length in seconds.
    public var durationSeconds: Double { Double(frameCount) / Double(AudioFormat.sampleRate) }
}

/// Why an audio file could not be read, naming the file.
public enum AudioFileError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist, is a directory, or cannot be opened.
    case unreadable(path: String, reason: String)
    /// libsndfile does not recognise the contents as audio.
    case notAudio(path: String, reason: String)
    /// The file is audio but holds no samples.
    case empty(path: String)
    /// Decoding or resampling failed part-way.
    case decodingFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .notAudio(let path, let reason):
            return "'\(path)' is not an audio file soundscape can read (\(reason)); use WAV, FLAC, OGG or MP3"
        case .empty(let path):
            return "'\(path)' holds no audio (0 samples)"
        case .decodingFailed(let path, let reason):
            return "cannot decode '\(path)': \(reason)"
        }
    }
}

/// Reads any file libsndfile reads (WAV, FLAC, OGG/Vorbis, Opus, MP3, AIFF, …)
/// into the engine's format, for `soundscape learn`.
///
/// Mono becomes both channels; more than two channels are folded into two
/// (even-numbered channels left, odd-numbered right, averaged, so nothing
/// clips). Other sample rates are converted with libsamplerate's medium-quality
/// sinc converter. The file is decoded in blocks, so memory holds only the result.
public enum AudioFileReader {
    /// Frames decoded per block.
    private static let blockFrames = 16_384

    /// Reads `path`, stopping after `maximumSeconds` of audio when given.
    public static func read(_ path: String, maximumSeconds: Double? = nil) throws(AudioFileError) -> DecodedAudio {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }

        var info = SF_INFO()
        guard let file = sf_open(path, Int32(SFM_READ), &info) else {
            let code = sf_error(nil)
            let reason = plain(String(cString: sf_strerror(nil)))
            if code == Int32(SF_ERR_SYSTEM) { throw .unreadable(path: path, reason: reason) }
            throw .notAudio(path: path, reason: reason)
        }
        defer { sf_close(file) }
        let channels = Int(info.channels)
        let sourceRate = Int(info.samplerate)
        guard channels > 0, sourceRate > 0 else {
            throw .notAudio(path: path, reason: "\(channels) channels at \(sourceRate) Hz")
        }
        guard info.frames > 0 else { throw .empty(path: path) }

        let outputRate = AudioFormat.sampleRate
        let ratio = Double(outputRate) / Double(sourceRate)
        var limitFrames = Int.max
        if let maximumSeconds { limitFrames = max(1, Int(maximumSeconds * Double(outputRate))) }
        let expectedFrames = min(Int((Double(info.frames) * ratio).rounded(.up)) + 64, limitFrames)

        var output: [Float] = []
        output.reserveCapacity(expectedFrames * 2)
        let block = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * channels)
        defer { block.deallocate() }
        let stereo = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * 2)
        defer { stereo.deallocate() }

        var resampler: Resampler?
        if sourceRate != outputRate {
            do {
                resampler = try Resampler(ratio: ratio, inputCapacity: blockFrames)
            } catch {
                throw .decodingFailed(path: path, reason: error.reason)
            }
        }
        var truncated = false
        while true {
            let read = Int(sf_readf_float(file, block, sf_count_t(blockFrames)))
            let endOfInput = read < blockFrames
            foldToStereo(block, channels: channels, frameCount: read, into: stereo)
            if let resampler {
                do {
                    try resampler.process(stereo, frameCount: read, endOfInput: endOfInput, appendingTo: &output)
                } catch {
                    throw .decodingFailed(path: path, reason: error.reason)
                }
            } else {
                output.append(contentsOf: UnsafeBufferPointer(start: stereo, count: read * 2))
            }
            if output.count / 2 >= limitFrames {
                truncated = output.count / 2 > limitFrames || !endOfInput
                output.removeLast(output.count - limitFrames * 2)
                break
            }
            if endOfInput { break }
        }
        if sf_error(file) != 0 {
            throw .decodingFailed(path: path, reason: plain(String(cString: sf_strerror(file))))
        }
        guard !output.isEmpty else { throw .empty(path: path) }
        return DecodedAudio(samples: output, sourceSampleRate: sourceRate, sourceChannelCount: channels, wasTruncated: truncated)
    }

    /// Mono to both sides; two channels as they are; more folded evenly into two.
    private static func foldToStereo(
        _ input: UnsafePointer<Float>, channels: Int, frameCount: Int, into output: UnsafeMutablePointer<Float>
    ) {
        switch channels {
        case 1:
            for frame in 0..<frameCount {
                output[2 * frame] = input[frame]
                output[2 * frame + 1] = input[frame]
            }
        case 2:
            output.update(from: input, count: frameCount * 2)
        default:
            let leftCount = Float((channels + 1) / 2)
            let rightCount = Float(channels / 2)
            for frame in 0..<frameCount {
                var left: Float = 0
                var right: Float = 0
                let base = frame * channels
                for channel in 0..<channels {
                    if channel % 2 == 0 { left += input[base + channel] } else { right += input[base + channel] }
                }
                output[2 * frame] = left / leftCount
                output[2 * frame + 1] = right / rightCount
            }
        }
    }

    /// libsndfile's "System error : No such file or directory." as "No such file or directory".
    static func plain(_ message: String) -> String {
        var text = message
        if let range = text.range(of: "System error : ") { text.removeSubrange(text.startIndex..<range.upperBound) }
        while text.hasSuffix(".") || text.hasSuffix("\n") { text.removeLast() }
        return text.isEmpty ? "unknown error" : text
    }
}
