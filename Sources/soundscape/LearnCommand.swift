import AcousticTokens
import ArgumentParser
import AudioEngine
import Foundation
import SoundscapeIO

#if canImport(Glibc)
    import Glibc
#endif

/// `soundscape learn FILE --name NAME [--force]`: a recording becomes a layer.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn a new sound layer from a recording.",
        discussion: """
            Reads any format libsndfile reads (WAV, FLAC, OGG, MP3, …) at any sample rate, \
            mono or stereo, converts it to 48 kHz stereo, learns its acoustic tokens (at most \
            the first \(Int(LearnedSoundStore.maximumSeconds / 60)) minutes) and stores the layer in \
            $XDG_DATA_HOME/soundscape/sounds/NAME/. Scenes, `play`, `render` and the TUI can then \
            use NAME like a built-in sound. The recording should be at least \
            \(Int(LearnedSoundStore.minimumSeconds)) s long; 30 s to 2 minutes of steady ambience works best.

            Examples:
              soundscape learn ~/recordings/fridge-hum.wav --name fridge
              soundscape play "fridge, light rain"
              soundscape learn fridge-2.flac --name fridge --force     # replace it

            In a prompt a learned sound is found by its name as one word: choose a name that \
            is not a word the planner already knows (`soundscape plan NAME` shows what it reads), \
            or use the sound in a scene file.

            Exit status: 0 learned; 5 the file, the name or the storage was refused (one line on \
            stderr says why); 64 bad arguments; 78 the configuration file cannot be used; 128+N \
            stopped by signal N (130 Ctrl-C), leaving the previous sound of that name, if any, in place.
            """)

    @Argument(
        help: ArgumentHelp("The recording to learn: WAV, FLAC, OGG, MP3, … (what libsndfile reads).", valueName: "file"),
        completion: .file())
    var file: String

    @Option(help: "The new sound's name: lowercase letters, digits and dashes.")
    var name: String

    @Flag(help: "Replace a learned sound of the same name.")
    var force = false

    func run() throws {
        _ = try ConfigSetup.load()
        let store = LearnedSoundStore()
        // Learning is seconds of work with nothing to fade: a signal ends it at once,
        // leaving the old sound or the new one, never a hidden half-written copy.
        let learnedName = name
        let watcher = SignalWatcher { signalNumber in
            store.abandonUnfinishedSaves(of: learnedName)
            Glibc.exit(128 + signalNumber)
        }
        defer { withExtendedLifetime(watcher) {} }
        do {
            try store.validate(name: name, force: force)
            let audio = try AudioFileReader.read(file, maximumSeconds: LearnedSoundStore.maximumSeconds)
            let clock = ContinuousClock()
            let start = clock.now
            let info = try store.learn(samples: audio.samples, source: file, name: name, force: force)
            let elapsed = (clock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            var note = ""
            if audio.wasTruncated { note = " (the first \(Int(LearnedSoundStore.maximumSeconds)) s of a longer file)" }
            print(
                "learned '\(name)' from \(file): \(String(format: "%.1f", info.durationSeconds)) s\(note), "
                    + "\(info.codebookSize) codewords, in \(String(format: "%.1f", seconds)) s")
            if let reading = Self.promptReading(of: name) {
                printToStandardError(
                    "soundscape: note: in a prompt '\(name)' reads as \(reading); use it in a scene file "
                        + "(sound = \"\(name)\"), or learn it again under a name the planner does not know")
            }
        } catch let error as LearnError {
            throw CommandFailure.exit(error, status: ExitStatus.learn)
        } catch let error as AudioFileError {
            throw CommandFailure.exit(error, status: ExitStatus.learn)
        }
    }
}

extension LearnCommand {
    /// What the planner makes of `name` as a prompt when that is not the learned sound
    /// itself (the name is a lexicon word, or reads as several words), else nil.
    static func promptReading(of name: String) -> String? {
        guard let plan = try? ThemesSetup.planner().plan(name) else { return nil }
        let sounds = plan.scene.layers.map(\.sound)
        if sounds == [name] { return nil }
        return sounds.isEmpty ? "nothing" : PromptScene.summary(plan.scene)
    }
}

extension ExitStatus {
    /// `learn` refused the file, the name, or could not store the sound.
    static let learn: Int32 = 5
}
