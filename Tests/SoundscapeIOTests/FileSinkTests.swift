import CSndfile
import Foundation
import Testing

@testable import SoundscapeIO
@testable import AudioEngine

@Suite struct FileSinkTests {
    /// Writes one second of a 440 Hz tone in periods, as the mixer would, and closes.
    private func writeTone(to path: String) throws -> [Float] {
        let tone = TestAudio.sine(frequency: 440, seconds: 1)
        let sink = try FileSink(path: path)
        try tone.withUnsafeBufferPointer { buffer in
            var frame = 0
            while frame < tone.count / 2 {
                let count = min(sink.periodFrames, tone.count / 2 - frame)
                try sink.write(buffer.baseAddress! + frame * 2, frameCount: count)
                frame += count
            }
        }
        sink.close()
        #expect(sink.closeError == nil)
        return tone
    }

    @Test(arguments: [
        ("wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16),
        ("flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16),
        ("ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS),
    ])
    func testExtensionChoosesTheContainerAndTheFileReadsBackWhole(ext: String, expectedFormat: Int) throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.\(ext)").path
        let tone = try writeTone(to: path)

        let info = try #require(TestAudio.describe(path), "libsndfile cannot open the written \(ext)")
        #expect(info.frames == 48_000)
        #expect(info.sampleRate == 48_000)
        #expect(info.channels == 2)
        #expect(Int(info.format) & SF_FORMAT_SUBMASK == expectedFormat & SF_FORMAT_SUBMASK)
        if ext == "wav" {
            // A plain RIFF/WAVE file that any program reads (libsndfile itself reports
            // RF64 for it, because of the JUNK chunk kept free for a 4 GB upgrade).
            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(12)
            #expect(String(decoding: header.prefix(4), as: UTF8.self) == "RIFF")
            #expect(String(decoding: header.suffix(4), as: UTF8.self) == "WAVE")
        } else {
            #expect(Int(info.format) & SF_FORMAT_TYPEMASK == expectedFormat & SF_FORMAT_TYPEMASK)
        }

        let decoded = try AudioFileReader.read(path)
        #expect(abs(TestAudio.toneFrequency(decoded.samples) - 440) < 1)
        let playedRMS = TestAudio.rms(tone[...])
        let readRMS = TestAudio.rms(decoded.samples[...])
        #expect(abs(20 * log10(readRMS / playedRMS)) < 0.1, "level changed on the way through \(ext)")
    }

    @Test func testLosslessFilesHoldTheSamplesToSixteenBits() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for ext in ["wav", "flac"] {
            let path = directory.appendingPathComponent("out.\(ext)").path
            let tone = try writeTone(to: path)
            let decoded = try AudioFileReader.read(path)
            var worst: Float = 0
            for i in 0..<tone.count { worst = max(worst, abs(decoded.samples[i] - tone[i])) }
            #expect(worst <= 1.0 / 32768 + 1e-6, "\(ext) differs by \(worst)")
        }
    }

    @Test func testSamplesBeyondFullScaleClipInsteadOfWrapping() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("loud.wav").path
        let sink = try FileSink(path: path)
        let loud = [Float](repeating: 1.5, count: 960)
        try loud.withUnsafeBufferPointer { try sink.write($0.baseAddress!, frameCount: 480) }
        sink.close()
        let decoded = try AudioFileReader.read(path)
        #expect(decoded.samples.allSatisfy { $0 > 0.99 })
    }

    @Test func testUnknownExtensionIsRefusedWithTheNameAndTheChoices() {
        #expect {
            _ = try FileSink(path: "/tmp/out.mp4")
        } throws: { error in
            let message = "\(error)"
            return message.contains("out.mp4") && message.contains(".mp4") && message.contains(".wav")
        }
        #expect(throws: SinkError.self) { _ = try FileSink(path: "/tmp/noextension") }
    }

    @Test func testUnwritableDirectoryIsAFileErrorNamingThePath() {
        #expect {
            _ = try FileSink(path: "/nonexistent-directory/out.wav")
        } throws: { error in
            guard case SinkError.fileFailed(let path, let reason) = error else { return false }
            return path == "/nonexistent-directory/out.wav" && reason.contains("No such file")
        }
    }

    @Test func testTheFileAppearsUnderItsNameOnlyWhenFinished() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("render.flac").path
        let sink = try FileSink(path: path)
        let silence = [Float](repeating: 0, count: 960)
        try silence.withUnsafeBufferPointer { try sink.write($0.baseAddress!, frameCount: 480) }
        #expect(!FileManager.default.fileExists(atPath: path))
        sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
