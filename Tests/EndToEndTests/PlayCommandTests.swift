import Foundation
import SoundscapeIO
import Testing

/// `soundscape play` through the real ALSA path (the PulseAudio rig), and its errors.
@Suite(.serialized) struct PlayCommandTests {
    @Test func testPinkNoisePlayedOnTheDefaultDeviceIsRecordedAsPinkNoiseWithoutXruns() throws {
        guard AudioRig.require(), let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        var result: SoundscapeBinary.Result?
        let recording = try AudioRig.record {
            // --procedural: a known signal straight from the synthesizer, so this tests the
            // device path, not the acoustic-token codec (tested on its own).
            result = try SoundscapeBinary.run(
                binary, ["play", "pink noise", "--procedural", "--device", "default", "--duration", "4", "--seed", "1"])
        }
        // The same prompt and seed rendered offline: what the program meant to play.
        let reference = directory.appendingPathComponent("reference.wav").path
        let rendered = try SoundscapeBinary.run(
            binary, ["render", "pink noise", "--procedural", "--duration", "4", "--seed", "1", "--output", reference])
        #expect(rendered.status == 0, "render failed: \(rendered.standardError)")
        let expected = try AudioFileReader.read(reference).samples

        let play = try #require(result)
        #expect(play.status == 0, "play failed: \(play.standardError)")
        #expect(play.standardError.contains("played 4.0 s, 0 xruns"), "stderr: \(play.standardError)")
        let seconds = Double(recording.count / 2) / 48_000
        #expect(abs(seconds - 4) < 0.3, "recorded \(seconds) s of a 4 s play")
        // Judge the steady middle: away from the fade-in and the closing fade.
        let middle = recording[(recording.count * 3 / 8 / 2 * 2)..<(recording.count * 5 / 8 / 2 * 2)]
        let expectedMiddle = expected[(expected.count * 3 / 8 / 2 * 2)..<(expected.count * 5 / 8 / 2 * 2)]
        let level = SignalAnalysis.rmsDecibels(middle)
        #expect(level > -60, "the recording is (nearly) silent: \(level) dBFS")
        #expect(abs(level - SignalAnalysis.rmsDecibels(expectedMiddle)) < 1, "recorded \(level) dBFS")
        let slope = SignalAnalysis.spectralSlopeDecibelsPerOctave(middle)
        #expect(abs(slope - -3) < 0.6, "recorded spectrum slope \(slope) dB/octave, pink is -3")
    }

    @Test func testMissingDeviceExitsTwoWithOneLineNamingItAndTheHints() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, ["play", "brown noise", "--device", "nosuchdevice", "--duration", "1"])
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
        let line = result.errorLines.first ?? ""
        #expect(line.contains("'nosuchdevice'") && line.contains("--device") && line.contains("--output"), "\(line)")
    }

    @Test func testInterruptFadesOutWritesTheFileAndExitsZero() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("session.wav").path

        let started = try SoundscapeBinary.start(binary, ["play", "brown noise", "--output", path, "--seed", "3"])
        // Interrupt once it plays (the model may train first), and a moment later, so there is audio.
        let announced = SoundscapeBinary.waitForErrorLine(containing: "soundscape: playing", in: started, seconds: 60)
        #expect(announced, "play never said it was playing")
        usleep(1_000_000)
        started.0.interrupt()
        let result = SoundscapeBinary.finish(started)

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("soundscape: played"), "stderr: \(result.standardError)")
        let audio = try AudioFileReader.read(path)
        #expect(audio.durationSeconds > 0.5)
        // The end is a fade, not a cut: the last 10 ms are far quieter than the middle.
        let samples = audio.samples
        let tail = samples[(samples.count - 960)...]
        let middle = samples[(samples.count / 2 - 24_000)..<(samples.count / 2 + 24_000)]
        #expect(SignalAnalysis.rmsDecibels(tail) < SignalAnalysis.rmsDecibels(middle) - 20)
    }

    @Test(arguments: ["1m30x", "0", "-5", "fast"])
    func testBadDurationIsAUsageError(duration: String) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, ["play", "brown noise", "--duration=\(duration)", "--output", "/tmp/x.wav"])
        #expect(result.status == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains(duration))
    }
}
