import AudioEngine
import CSndfile
import DSP
import Foundation
import Synchronization

/// Writes the mix to an audio file with libsndfile, as fast as it is handed over.
///
/// The container follows the extension: `.wav` (16-bit PCM; RF64 past 4 GB),
/// `.flac` (16-bit), `.ogg` (Vorbis). The audio goes to a hidden temporary file
/// beside the target, renamed into place by `close`, so an interrupted render
/// never leaves a half-written file under the name the user asked for.
///
/// Offline renders write unpaced, as fast as the CPU allows; `play --output`
/// writes paced, in real time, so it sounds (and stops on Ctrl-C) like playback.
public final class FileSink: Sink, @unchecked Sendable {
    /// The containers a file sink writes, by extension.
    public enum Container: String, CaseIterable, Sendable {
        case wav, flac, ogg

        /// The container for `path`'s extension, or nil for an extension we do not write.
        public init?(path: String) {
            self.init(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased())
        }

        var sndfileFormat: Int32 {
            switch self {
            case .wav: return Int32(SF_FORMAT_RF64 | SF_FORMAT_PCM_16)
            case .flac: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .ogg: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
            }
        }
    }

    /// Frames per write when rendering offline: large periods make rendering fast.
    public static let defaultPeriodFrames = 4_800

    public var name: String { path }
    public let path: String
    public let container: Container
    public let periodFrames: Int
    public let latencyMilliseconds: Double = 0
    /// Paced writes that came later than a device's buffer would have allowed.
    public var xrunCount: Int { xruns.load(ordering: .relaxed) }
    /// Frames written so far.
    public private(set) var framesWritten = 0
    /// Why the file could not be finished, if closing failed; nil when it was written.
    public private(set) var closeError: SinkError?

    /// The hidden file the audio goes to until `close` renames it to `path`;
    /// whoever ends the process abruptly must delete it.
    public let temporaryPath: String
    public var unfinishedFilePath: String? { temporaryPath }
    private var file: OpaquePointer?
    private var pacer: Pacer?
    private let xruns = Atomic<Int>(0)

    /// Creates the file (under a temporary name until `close`).
    /// - Parameters:
    ///   - paced: Take audio only as fast as it plays, like a device with a four-period buffer.
    /// - Throws: `.fileFailed` for an extension other than wav/flac/ogg or a file
    ///   that cannot be created.
    public init(path: String, periodFrames: Int = FileSink.defaultPeriodFrames, paced: Bool = false)
        throws(SinkError)
    {
        guard let container = Container(path: path) else {
            let ext = URL(fileURLWithPath: path).pathExtension
            throw .fileFailed(
                path: path,
                reason: (ext.isEmpty ? "no file extension" : "unknown file extension '.\(ext)'")
                    + "; use .wav, .flac or .ogg")
        }
        self.path = path
        self.container = container
        self.periodFrames = periodFrames
        pacer = paced ? Pacer(bufferFrames: 4 * periodFrames) : nil
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path

        var info = SF_INFO()
        info.samplerate = Int32(AudioFormat.sampleRate)
        info.channels = Int32(AudioFormat.channelCount)
        info.format = container.sndfileFormat
        guard let handle = sf_open(temporaryPath, Int32(SFM_WRITE), &info) else {
            let reason = String(cString: sf_strerror(nil))
            throw .fileFailed(path: path, reason: FileSink.plain(reason))
        }
        file = handle
        if container == .wav {
            // Plain WAV unless the file outgrows 4 GB (about 6 hours of 16-bit stereo).
            sf_command(handle, Int32(SFC_RF64_AUTO_DOWNGRADE), nil, Int32(SF_TRUE))
        }
        // Samples past ±1 clip instead of wrapping around when converted to integers.
        sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    deinit {
        if file != nil { discard() }
    }

    public func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        guard let file else { throw .fileFailed(path: path, reason: "the file is already closed") }
        let written = sf_writef_float(file, frames, sf_count_t(frameCount))
        framesWritten += Int(max(written, 0))
        if written != sf_count_t(frameCount) {
            throw .fileFailed(path: path, reason: FileSink.plain(String(cString: sf_strerror(file))))
        }
        if pacer?.wait(frameCount: frameCount) == true { xruns.add(1, ordering: .relaxed) }
    }

    /// Finishes the file and moves it into place. Check `closeError` afterwards.
    public func close() {
        guard let file else { return }
        self.file = nil
        let result = sf_close(file)
        if result != 0 {
            closeError = .fileFailed(path: path, reason: FileSink.plain(String(cString: sf_error_number(result))))
            unlink(temporaryPath)
            return
        }
        if rename(temporaryPath, path) != 0 {
            closeError = .fileFailed(path: path, reason: String(cString: strerror(errno)))
            unlink(temporaryPath)
        }
    }

    /// Abandons the file: nothing is left on disk.
    public func discard() {
        if let file {
            sf_close(file)
            self.file = nil
        }
        unlink(temporaryPath)
    }

    /// libsndfile's "System error : No such file or directory." as "No such file or directory".
    private static func plain(_ message: String) -> String {
        var text = message
        if let range = text.range(of: "System error : ") { text.removeSubrange(text.startIndex..<range.upperBound) }
        while text.hasSuffix(".") || text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
