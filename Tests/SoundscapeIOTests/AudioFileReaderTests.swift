import CSndfile
import Foundation
import Testing

@testable import SoundscapeIO
@testable import DSP

@Suite struct AudioFileReaderTests {
    @Test func testMono44kHzBecomes48kHzStereoOfTheSameLengthAndPitch() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mono.wav").path
        TestAudio.writeFile(
            TestAudio.sine(frequency: 1000, seconds: 2, sampleRate: 44_100, channels: 1), to: path,
            sampleRate: 44_100, channels: 1)

        let audio = try AudioFileReader.read(path)

        #expect(audio.sourceSampleRate == 44_100)
        #expect(audio.sourceChannelCount == 1)
        #expect(abs(audio.frameCount - 96_000) <= 2)
        #expect(abs(TestAudio.toneFrequency(audio.samples) - 1000) < 0.5)
        let left = stride(from: 0, to: audio.samples.count, by: 2).map { audio.samples[$0] }
        let right = stride(from: 1, to: audio.samples.count, by: 2).map { audio.samples[$0] }
        #expect(left == right)
        // Away from the filter's start-up, the level is the tone's: 0.5 peak → RMS 0.354.
        #expect(abs(TestAudio.rms(audio.samples[9_600..<182_400]) - 0.5 / 2.0.squareRoot()) < 0.005)
    }

    @Test(arguments: [8_000, 192_000])
    func testExtremeSampleRatesKeepDurationAndPitch(rate: Int) throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tone-\(rate).flac").path
        TestAudio.writeFile(
            TestAudio.sine(frequency: 500, seconds: 1, sampleRate: rate), to: path, sampleRate: rate, channels: 2,
            format: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16))

        let audio = try AudioFileReader.read(path)

        #expect(abs(audio.frameCount - 48_000) <= 2)
        #expect(abs(TestAudio.toneFrequency(audio.samples) - 500) < 0.5)
    }

    @Test func testEightChannelsFoldIntoTwoWithoutClipping() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("surround.wav").path
        TestAudio.writeFile(
            TestAudio.sine(frequency: 300, seconds: 0.5, amplitude: 0.9, channels: 8), to: path, sampleRate: 48_000,
            channels: 8)

        let audio = try AudioFileReader.read(path)

        #expect(audio.sourceChannelCount == 8)
        #expect(audio.frameCount == 24_000)
        #expect(Loudness.peak(audio.samples.withUnsafeBufferPointer { $0 }) <= 0.9001)
    }

    @Test func testMaximumSecondsCutsLongFilesAndSaysSo() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.wav").path
        TestAudio.writeFile(TestAudio.sine(frequency: 200, seconds: 3), to: path, sampleRate: 48_000, channels: 2)

        let cut = try AudioFileReader.read(path, maximumSeconds: 1)
        let whole = try AudioFileReader.read(path)

        #expect(cut.frameCount == 48_000)
        #expect(cut.wasTruncated)
        #expect(whole.frameCount == 144_000)
        #expect(!whole.wasTruncated)
    }

    @Test func testMissingFileIsUnreadableAndNamed() {
        #expect(throws: AudioFileError.unreadable(path: "/no/such/rain.wav", reason: "no such file")) {
            _ = try AudioFileReader.read("/no/such/rain.wav")
        }
    }

    @Test func testTextFileIsNotAudioAndTheMessageNamesIt() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.wav").path
        try "these are not samples\n".write(toFile: path, atomically: true, encoding: .utf8)

        #expect {
            _ = try AudioFileReader.read(path)
        } throws: { error in
            guard case AudioFileError.notAudio(let named, _) = error else { return false }
            return named == path && "\(error)".contains(path) && !"\(error)".contains("\n")
        }
    }

    @Test func testAudioFileWithoutSamplesIsEmpty() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.wav").path
        TestAudio.writeFile([], to: path, sampleRate: 48_000, channels: 2)

        #expect(throws: AudioFileError.empty(path: path)) { _ = try AudioFileReader.read(path) }
    }

    @Test func testDirectoryIsUnreadable() throws {
        let directory = TestAudio.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: AudioFileError.unreadable(path: directory.path, reason: "it is a directory")) {
            _ = try AudioFileReader.read(directory.path)
        }
    }
}
