import CSndfile
@testable import DSP
import Foundation
import SoundscapeIO
import Testing

/// `soundscape render`: offline files of the right length and format.
@Suite struct RenderCommandTests {
    @Test(arguments: [
        ("wav", SF_FORMAT_PCM_16), ("flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16), ("ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS),
    ])
    func testRenderWritesAFileOfTheRightLengthAndFormat(ext: String, format: Int) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("brown.\(ext)").path

        let result = try SoundscapeBinary.run(binary, ["render", "brown noise", "--duration", "2.5s", "--output", path, "--seed", "7"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        var info = SF_INFO()
        let file = try #require(sf_open(path, Int32(SFM_READ), &info), "libsndfile cannot read \(path)")
        sf_close(file)
        #expect(info.frames == 120_000)
        #expect(info.samplerate == 48_000)
        #expect(info.channels == 2)
        #expect(Int(info.format) & SF_FORMAT_SUBMASK == format & SF_FORMAT_SUBMASK)
        if ext != "wav" { #expect(Int(info.format) & SF_FORMAT_TYPEMASK == format & SF_FORMAT_TYPEMASK) }
        let audio = try AudioFileReader.read(path)
        let level = audio.samples.withUnsafeBufferPointer { Loudness.gatedRMSDecibels($0) }
        #expect(level > -60 && level < -10, "brown noise rendered at \(level) dBFS")
    }

    @Test func testTheSameSeedRendersTheSameAudio() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [[Float]] = []
        for name in ["a.wav", "b.wav"] {
            let path = directory.appendingPathComponent(name).path
            let result = try SoundscapeBinary.run(binary, ["render", "pink noise", "--duration", "2", "--output", path, "--seed", "42"])
            #expect(result.status == 0, "stderr: \(result.standardError)")
            files.append(try AudioFileReader.read(path).samples)
        }
        #expect(files[0] == files[1])
    }

    @Test func testProceduralPinkNoiseRendersWithAPinkSpectrum() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pink.flac").path
        let result = try SoundscapeBinary.run(
            binary, ["render", "pink noise", "--procedural", "--duration", "6", "--output", path, "--seed", "5"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let samples = try AudioFileReader.read(path).samples
        let slope = SignalAnalysis.spectralSlopeDecibelsPerOctave(samples[(samples.count / 6 / 2 * 2)..<(samples.count * 4 / 6 / 2 * 2)])
        #expect(abs(slope - -3) < 0.6, "slope \(slope) dB/octave")
    }

    @Test func testUnknownExtensionIsRefusedInOneLineAndNothingIsWritten() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.mp4").path
        let result = try SoundscapeBinary.run(binary, ["render", "brown noise", "--duration", "1", "--output", path])
        #expect(result.status == 64)
        #expect(result.standardError.contains("out.mp4"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func testUnwritableOutputExitsThreeNamingThePath() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, ["render", "brown noise", "--duration", "1", "--output", "/nonexistent-dir/out.wav"])
        #expect(result.status == 3)
        #expect(result.errorLines.count == 1 && result.standardError.contains("/nonexistent-dir/out.wav"), "\(result.standardError)")
    }
}
