import CSndfile
@testable import DSP
import Foundation
import Testing

/// Broken files handed to the real binary: each ends in one line on stderr naming the
/// file and what is wrong, a documented exit status, and nothing half-written.
@Suite struct BadInputTests {
    static let goodScene = """
        prompt = "rain"
        master = 0.8

        [[layers]]
        sound = "rain"
        weight = 0.7
        intensity = 0.4

        [[layers]]
        sound = "thunder"
        weight = 0.5
        """

    /// A broken scene file: its bytes, and the line and words its error must carry.
    struct SceneCase: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var line: Int
        var words: [String]
        var testDescription: String { label }

        init(_ label: String, _ text: String, line: Int, _ words: String...) {
            self.init(label, Array(text.utf8), line: line, words)
        }

        init(_ label: String, _ bytes: [UInt8], line: Int, _ words: [String]) {
            self.label = label
            self.bytes = bytes
            self.line = line
            self.words = words
        }
    }

    static let sceneCases: [SceneCase] = [
        SceneCase("empty", "", line: 1, "empty"),
        SceneCase("truncated mid-string", String(goodScene.prefix(62)), line: 6, "TOML syntax"),
        SceneCase("binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFE], line: 1, ["binary"]),
        SceneCase(
            "wrong type", goodScene.replacingOccurrences(of: "weight = 0.7", with: "weight = \"loud\""), line: 6,
            "weight", "number"),
        SceneCase(
            "unknown sound", goodScene.replacingOccurrences(of: "\"thunder\"", with: "\"thunderr\""), line: 10,
            "unknown sound 'thunderr'", "did you mean 'thunder'"),
        SceneCase(
            "out of range", goodScene.replacingOccurrences(of: "intensity = 0.4", with: "intensity = 7"), line: 7,
            "intensity", "out of range"),
        SceneCase("huge number", "master = 1e999\n" + goodScene, line: 1, "1e999"),
        SceneCase("typo in a header", goodScene.replacingOccurrences(of: "\n[[layers]]\nsound = \"thunder\"", with: "\n[[[layers]]\nsound = \"thunder\""), line: 9, "TOML"),
        SceneCase("duplicate layers", goodScene + "\n\n[[layers]]\nsound = \"rain\"\n", line: 14, "duplicate layer"),
    ]

    @Test(arguments: sceneCases)
    func testBadSceneFileIsOneLineWithPathAndLineAndExitsFour(_ example: SceneCase) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.toml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(example.bytes)))
        let output = directory.appendingPathComponent("out.wav").path

        for arguments in [["scenes", "show", path], ["play", "--scene", path, "--output", output, "--duration", "2"]] {
            let result = try BadInputTests.run(binary, arguments, home: directory)
            #expect(result.status == 4, "\(arguments[0]): stderr: \(result.standardError)")
            #expect(result.errorLines.count == 1, "\(arguments[0]): stderr: \(result.standardError)")
            let line = result.errorLines.first ?? ""
            #expect(line.hasPrefix("soundscape: \(path):\(example.line): "), "\(arguments[0]): \(line)")
            for word in example.words { #expect(line.contains(word), "\(arguments[0]): \(line) should say \(word)") }
        }
        #expect(!FileManager.default.fileExists(atPath: output), "play wrote audio for a scene it refused")
    }

    @Test func testSceneFileOverTenMegabytesIsRefusedInOneLine() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.toml").path
        // A sparse file: 11 MB that cost no disk, as a scene saved over a recording would look.
        #expect(FileManager.default.createFile(atPath: path, contents: Data(BadInputTests.goodScene.utf8)))
        #expect(truncate(path, 11 * 1024 * 1024) == 0)
        let result = try BadInputTests.run(binary, ["play", "--scene", path, "--output", directory.path + "/x.wav"], home: directory)
        #expect(result.status == 4)
        #expect(result.errorLines.count == 1 && result.standardError.contains("\(path):1: ") && result.standardError.contains("10 MB"), "\(result.standardError)")
    }

    // MARK: learn

    /// A recording handed to `learn`, and whether it must be learned or refused (with words the error carries).
    struct AudioCase: CustomTestStringConvertible, Sendable {
        enum Outcome: Sendable {
            case learned
            case refused([String])
        }
        var label: String
        var outcome: Outcome
        var make: @Sendable (String) -> Void
        var testDescription: String { label }
    }

    /// Steady noise with slow swells, `seconds` long: something worth learning.
    static func ambience(seconds: Double, sampleRate: Int, channels: Int, gain: Float = 0.3) -> [Float] {
        var random = Random(seed: 11)
        let frames = Int(seconds * Double(sampleRate))
        var samples = [Float](repeating: 0, count: frames * channels)
        var smooth: Float = 0
        for frame in 0..<frames {
            let swell = 0.6 + 0.4 * Float(sin(Double(frame) / Double(sampleRate) * 1.7))
            smooth = 0.7 * smooth + 0.3 * random.bipolar()
            for channel in 0..<channels { samples[frame * channels + channel] = gain * swell * (smooth + 0.2 * random.bipolar()) }
        }
        return samples
    }

    static func write(
        _ samples: [Float], to path: String, sampleRate: Int, channels: Int, format: Int32 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    ) {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else { fatalError("fixture \(path): \(String(cString: sf_strerror(nil)))") }
        // Clipping, not wrapping, for the clipped fixture's full-scale samples.
        sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        samples.withUnsafeBufferPointer { _ = sf_writef_float(file, $0.baseAddress, sf_count_t(samples.count / channels)) }
        sf_close(file)
    }

    static let audioCases: [AudioCase] = [
        AudioCase(label: "empty file", outcome: .refused(["not an audio file"])) { path in
            _ = FileManager.default.createFile(atPath: path, contents: Data())
        },
        AudioCase(label: "not audio", outcome: .refused(["not an audio file"])) { path in
            _ = FileManager.default.createFile(atPath: path, contents: Data("prompt = \"rain\"\n".utf8))
        },
        AudioCase(label: "truncated in the header", outcome: .refused(["'", "audio"])) { path in
            write(ambience(seconds: 6, sampleRate: 48_000, channels: 2), to: path, sampleRate: 48_000, channels: 2)
            _ = truncate(path, 30)
        },
        AudioCase(label: "truncated in the samples", outcome: .refused(["only", "at least 5 s"])) { path in
            // The header promises 6 s; 2 s are there. What is there is read, and it is too short.
            write(ambience(seconds: 6, sampleRate: 48_000, channels: 2), to: path, sampleRate: 48_000, channels: 2)
            _ = truncate(path, 44 + 2 * 48_000 * 4)
        },
        AudioCase(label: "one sample", outcome: .refused(["only 0.0 s", "at least 5 s"])) { path in
            write([0.5], to: path, sampleRate: 48_000, channels: 1)
        },
        AudioCase(label: "silent", outcome: .refused(["silent"])) { path in
            write([Float](repeating: 0, count: 6 * 48_000), to: path, sampleRate: 48_000, channels: 1)
        },
        AudioCase(label: "8 channels", outcome: .learned) { path in
            write(ambience(seconds: 6, sampleRate: 48_000, channels: 8), to: path, sampleRate: 48_000, channels: 8)
        },
        AudioCase(label: "8 kHz", outcome: .learned) { path in
            write(ambience(seconds: 6, sampleRate: 8_000, channels: 1), to: path, sampleRate: 8_000, channels: 1)
        },
        AudioCase(label: "192 kHz", outcome: .learned) { path in
            write(ambience(seconds: 6, sampleRate: 192_000, channels: 2), to: path, sampleRate: 192_000, channels: 2)
        },
        AudioCase(label: "clipped", outcome: .learned) { path in
            write(ambience(seconds: 6, sampleRate: 48_000, channels: 2, gain: 8), to: path, sampleRate: 48_000, channels: 2)
        },
    ]

    @Test(arguments: audioCases)
    func testLearnEndsInOneLineAndLeavesNoHalfWrittenSound(_ example: AudioCase) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("recording.wav").path
        example.make(path)

        let result = try BadInputTests.run(binary, ["learn", path, "--name", "mine"], home: directory)

        let sounds = directory.appendingPathComponent("data/soundscape/sounds")
        let stored = (try? FileManager.default.contentsOfDirectory(atPath: sounds.path)) ?? []
        switch example.outcome {
        case .learned:
            #expect(result.status == 0, "stderr: \(result.standardError)")
            #expect(stored == ["mine"], "the sounds directory holds \(stored)")
            #expect(result.standardOutput.contains("learned 'mine'"), "\(result.standardOutput)")
        case .refused(let words):
            #expect(result.status == 5, "stderr: \(result.standardError)")
            #expect(result.errorLines.count == 1, "stderr: \(result.standardError)")
            let line = result.errorLines.first ?? ""
            #expect(line.hasPrefix("soundscape: ") && line.contains(path), "\(line)")
            for word in words { #expect(line.contains(word), "\(line) should say \(word)") }
            #expect(stored.isEmpty, "a refused recording left \(stored) behind")
        }
    }

    @Test func testLearnTakesTheFirstFiveMinutesOfAnHourLongRecordingAndSaysSo() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("hour.flac").path
        // An hour at 8 kHz mono FLAC: small on disk, and reading must stop at the limit, not decode it all.
        let minute = BadInputTests.ambience(seconds: 60, sampleRate: 8_000, channels: 1)
        var info = SF_INFO()
        info.samplerate = 8_000
        info.channels = 1
        info.format = Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        let file = try #require(sf_open(path, Int32(SFM_WRITE), &info))
        for _ in 0..<60 { minute.withUnsafeBufferPointer { _ = sf_writef_float(file, $0.baseAddress, sf_count_t(minute.count)) } }
        sf_close(file)

        let result = try BadInputTests.run(binary, ["learn", path, "--name", "long"], home: directory)

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("300.0 s (the first 300 s of a longer file)"), "\(result.standardOutput)")
    }

    @Test func testDamagedLearnedSoundIsListedAndRefusedInOneLineNeverACrash() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A learned sound whose files were overwritten: a header typo toml++ once aborted on, and a cut model.
        let sound = directory.appendingPathComponent("data/soundscape/sounds/mine")
        try FileManager.default.createDirectory(at: sound, withIntermediateDirectories: true)
        try Data("[[[sound]]\nname = \"mine\"\n".utf8).write(to: sound.appendingPathComponent("sound.toml"))
        try Data([0x53, 0x53, 0x4D, 0x01, 0x00]).write(to: sound.appendingPathComponent("model.bin"))

        let listed = try BadInputTests.run(binary, ["sounds"], home: directory)
        #expect(listed.status == 0, "stderr: \(listed.standardError)")
        #expect(listed.standardOutput.contains("mine"), "\(listed.standardOutput)")

        let played = try BadInputTests.run(
            binary, ["render", "mine", "--duration", "1", "--output", directory.path + "/out.wav"], home: directory)
        #expect(played.status == 4, "stderr: \(played.standardError)")
        #expect(played.errorLines.last?.contains("damaged") == true, "\(played.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out.wav"))
    }

    // MARK: helpers

    /// Runs the binary with its data and config directories inside `home`, so nothing of the user's is read or written.
    static func run(_ binary: String, _ arguments: [String], home: URL) throws -> SoundscapeBinary.Result {
        let started = try SoundscapeBinary.start(
            binary, arguments,
            environment: [
                "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            ])
        let result = SoundscapeBinary.finish(started)
        // A crash is never an answer: the program must exit, not die of a signal.
        #expect(started.0.terminationReason == .exit, "\(arguments) died of signal \(started.0.terminationStatus)")
        return result
    }
}
