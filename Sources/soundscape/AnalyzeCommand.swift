import ArgumentParser
import DSP
import Foundation
import SoundscapeIO

/// `soundscape analyze`: the realism measurements of audio files, as a table.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure audio files the way the realism tests do: octave-band shares, narrow lines, envelope.",
        discussion: """
            For each file: the share of its energy in each octave band centred 125 Hz … 8 kHz \
            (dB of the seven bands' total), its steady narrow lines (a tone held more than 2 s \
            more than 12 dB above its spectral neighbours), and its envelope: events per second \
            (rises of 6 dB above the 2 s background), the median event length, and the level \
            spread (90th − 10th percentile of 100 ms levels). Files are read at 48 kHz, mid \
            channel. scripts/sound-sheet.sh uses this to compare the built-in sounds with real \
            recordings.

            Examples:
              soundscape analyze Sounds/rain/*.ogg
              soundscape render "rain" --duration 60 --seed 1 --output rain.wav && soundscape analyze rain.wav

            Exit status: 0 measured; 5 a file could not be read (nothing is printed for it); 64 bad arguments.
            """)

    @Argument(help: "Audio files (WAV, FLAC, OGG, …).", completion: .file())
    var files: [String]

    @Flag(help: "Print a Markdown table, as the sound sheet does.")
    var markdown = false

    @Option(help: ArgumentHelp("Measure at most this many seconds of each file.", valueName: "seconds"))
    var seconds: Double?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one audio file, e.g. soundscape analyze rain.wav") }
        if let seconds, !(seconds > 0) { throw ValidationError("--seconds \(seconds) must be more than 0") }
    }

    func run() throws {
        var rows: [(String, SoundProfile)] = []
        var failed = false
        for file in files {
            do {
                let audio = try AudioFileReader.read(file, maximumSeconds: seconds)
                rows.append((file, SoundProfile(stereo: audio.samples)))
            } catch {
                printToStandardError("soundscape: \(error.description)")
                failed = true
            }
        }
        if !rows.isEmpty { print(markdown ? Self.markdownTable(rows) : Self.table(rows)) }
        if failed { throw ExitCode(ExitStatus.learn) }
    }

    /// Aligned plain-text table, one row per file with its longest narrow line.
    static func table(_ rows: [(String, SoundProfile)]) -> String {
        let bands = OctaveBandShares.labels.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }
        let nameWidth = min(max(rows.map(\.0.count).max() ?? 4, 4), 48)
        var lines = [
            "file".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  secs  " + bands.joined()
                + "ev/s   ev-len  spread  longest line"
        ]
        for (file, profile) in rows {
            let name = file.count > nameWidth ? "…" + file.suffix(nameWidth - 1) : file
            let shares = profile.bandShares.decibels.map { String(format: "%6.1f", $0) }.joined()
            lines.append(
                name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + String(format: "  %4.0f", profile.durationSeconds) + shares
                    + String(
                        format: "  %5.2f  %5.2f  %5.1f   ", profile.envelope.eventsPerSecond,
                        profile.envelope.eventSeconds, profile.envelope.levelSpreadDecibels)
                    + (profile.narrowLines.first.map(\.description) ?? "none"))
        }
        return lines.joined(separator: "\n")
    }

    /// One Markdown row per file: shares in dB, envelope statistics, the longest line.
    static func markdownTable(_ rows: [(String, SoundProfile)]) -> String {
        var lines = [
            "| file | " + OctaveBandShares.labels.joined(separator: " | ")
                + " | events/s | event s | spread dB | lines > 2 s |",
            "|---|" + String(repeating: "---:|", count: 7) + "---:|---:|---:|---|",
        ]
        for (file, profile) in rows {
            let shares = profile.bandShares.decibels.map { String(format: "%.1f", $0) }.joined(separator: " | ")
            let line = profile.narrowLines.first.map(\.description) ?? "none"
            lines.append(
                "| \(file) | \(shares) | "
                    + String(
                        format: "%.2f | %.2f | %.1f", profile.envelope.eventsPerSecond, profile.envelope.eventSeconds,
                        profile.envelope.levelSpreadDecibels) + " | \(line) |")
        }
        return lines.joined(separator: "\n")
    }
}
