import Foundation
import Testing

/// A learned sound is used in prompts by its name: `learn` says when a prompt would read that name as something else.
@Suite struct LearnNameTests {
    @Test func testLearningUnderALexiconWordSaysWhatAPromptReadsItAsAndAFreshNameSaysNothing() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("recording.wav").path
        BadInputTests.write(
            BadInputTests.ambience(seconds: 6, sampleRate: 48_000, channels: 2), to: path, sampleRate: 48_000,
            channels: 2)

        // "creek" is the lexicon's word for the built-in stream.
        let shadowed = try BadInputTests.run(binary, ["learn", path, "--name", "creek"], home: directory)
        #expect(shadowed.status == 0, "stderr: \(shadowed.standardError)")
        #expect(shadowed.errorLines.count == 1, "stderr: \(shadowed.standardError)")
        let note = shadowed.errorLines.first ?? ""
        #expect(note.contains("'creek' reads as stream") && note.contains("scene file"), "\(note)")

        let fresh = try BadInputTests.run(binary, ["learn", path, "--name", "fridge"], home: directory)
        #expect(fresh.status == 0, "stderr: \(fresh.standardError)")
        #expect(fresh.errorLines.isEmpty, "stderr: \(fresh.standardError)")
        let planned = try BadInputTests.run(binary, ["plan", "fridge"], home: directory)
        #expect(planned.standardOutput.contains("fridge  recording"), "\(planned.standardOutput)")
    }
}
