import CSndfile
import Foundation
import Testing

/// A user who interrupts `learn` keeps what they had: the sound of that name as it
/// was before, or the new one complete, and never a hidden half-written copy.
@Suite struct LearnSignalTests {
    enum Moment: String, CaseIterable, CustomTestStringConvertible {
        /// While the recording is read and trained (seconds of work).
        case whileTraining
        /// The instant the new sound's hidden copy appears on disk.
        case whileStoring
        var testDescription: String { rawValue }
    }

    @Test(arguments: Moment.allCases)
    func testInterruptedLearnKeepsTheOldSoundAndLeavesNothingHidden(moment: Moment) throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let home = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let short = home.appendingPathComponent("short.wav").path
        let long = home.appendingPathComponent("long.wav").path
        BadInputTests.write(BadInputTests.ambience(seconds: 12, sampleRate: 48_000, channels: 2), to: short, sampleRate: 48_000, channels: 2)
        BadInputTests.write(BadInputTests.ambience(seconds: 240, sampleRate: 48_000, channels: 2), to: long, sampleRate: 48_000, channels: 2)
        let first = try BadInputTests.run(binary, ["learn", short, "--name", "mine"], home: home)
        try #require(first.status == 0, "stderr: \(first.standardError)")

        let sounds = home.appendingPathComponent("data/soundscape/sounds")
        let started = try SoundscapeBinary.start(
            binary, ["learn", long, "--name", "mine", "--force"],
            environment: [
                "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            ])
        let process = started.0
        switch moment {
        case .whileTraining:
            usleep(700_000)
        case .whileStoring:
            // Poll for the hidden copy; a learn that finishes first is still checked below.
            while process.isRunning {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: sounds.path)) ?? []
                if entries.contains(where: { $0.hasPrefix(".mine.partial") }) { break }
                usleep(200)
            }
        }
        let signalled = process.isRunning
        kill(process.processIdentifier, SIGTERM)
        let result = SoundscapeBinary.finish(started)

        #expect(process.terminationReason == .exit, "learn died of signal \(process.terminationStatus)")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: sounds.path)) ?? []
        #expect(entries == ["mine"], "the sounds directory holds \(entries)")
        let listed = try BadInputTests.run(binary, ["sounds"], home: home)
        let line = listed.standardOutput.split(separator: "\n").first { $0.hasPrefix("  mine ") } ?? ""
        if result.status == 0 {
            #expect(line.contains("240.0 s"), "a finished learn lists the new sound: \(line)")
        } else {
            #expect(signalled)
            #expect(result.status == 128 + SIGTERM, "stderr: \(result.standardError)")
            #expect(line.contains("12.0 s"), "an interrupted learn keeps the old sound: \(line)")
        }
        if moment == .whileTraining {
            #expect(result.status == 128 + SIGTERM, "learning four minutes took under 0.7 s? stderr: \(result.standardError)")
        }
    }
}
