import ArgumentParser
import AudioEngine
import DSP
import Foundation
import Scenes
import SoundscapeIO

/// `soundscape render`: writes a prompt's scene to a file, offline, as fast as the CPU allows.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a soundscape to a .wav, .flac or .ogg file, as fast as the CPU allows.",
        discussion: """
            The container follows the extension: WAV and FLAC are 16-bit, OGG is Vorbis; \
            all 48 kHz stereo. The last seconds fade out. The file appears under its name only \
            when it is complete. On a terminal a progress line shows the percentage, the speed \
            and the time left; otherwise a plain line is printed every 10%.

            Ctrl-C, SIGTERM or SIGHUP stops the render within a second and removes the unfinished \
            file: a partial file is never left behind.

            Examples:
              soundscape render "brown noise" --duration 8h --output sleep.ogg
              soundscape render --scene rainy-library --duration 1h --output library.flac
              soundscape render "rain on a tin roof" --duration 90 --seed 7 --output roof.wav

            Exit status: 0 written; 3 the file could not be written; 4 the prompt cannot play; \
            64 bad arguments; 78 the configuration file cannot be used; 128+N stopped by \
            signal N (Ctrl-C: 130), nothing written.
            """)

    @Argument(help: "What to hear, e.g. \"brown noise\" or \"rain on a window, distant thunder\".")
    var prompt: [String] = []

    @Option(
        help: ArgumentHelp(
            "Render a saved or built-in scene (see `soundscape scenes`), or a scene file, instead of a prompt.",
            valueName: "name"),
        completion: Completions.sceneNames)
    var scene: String?

    @Option(help: "How much audio to write: 90, 90s, 10m, 1h30m, 8h.")
    var duration: DurationArgument

    @Option(
        help: ArgumentHelp("The file to write: .wav, .flac or .ogg.", valueName: "file"),
        completion: Completions.audioOutput)
    var output: String

    @Option(
        help: ArgumentHelp(
            "Normalise the file to this integrated loudness in LUFS (−16 for phones, −23 broadcast), true peak at most −1 dBTP.",
            valueName: "lufs"))
    var loudness: Double?

    @OptionGroup var sounds: SoundSourceOption

    @Option(
        help: ArgumentHelp("Seed for the random generators: the same seed renders the same file.", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
        if scene != nil && !prompt.isEmpty {
            throw ValidationError("give a prompt or --scene, not both")
        }
        if FileSink.Container(path: output) == nil {
            throw ValidationError("--output '\(output)' must end in .wav, .flac or .ogg")
        }
        if let loudness, !(-70.0 ... -5.0).contains(loudness) {
            throw ValidationError("--loudness \(loudness) is out of range; give an integrated loudness from -70 to -5 LUFS, e.g. -16")
        }
    }

    func run() throws {
        _ = try ConfigSetup.load()
        let scene = try PromptScene.scene(for: prompt, sceneName: self.scene)
        // A signal stops the render between chunks (training included), and the file is discarded.
        // Watch before the file exists, so no signal can end the process with it half-written;
        // a second signal exits at once, and the watcher deletes the unfinished file first.
        let watcher = SignalWatcher()
        defer { withExtendedLifetime(watcher) {} }
        let sink: FileSink
        do {
            sink = try FileSink(path: output)
        } catch {
            throw CommandFailure.exit(error, status: ExitStatus.output)
        }
        watcher.removeOnForcedExit(sink.temporaryPath)
        let metered = LoudnessMeteringSink(wrapping: sink)
        let engine = Engine(sink: metered, provider: sounds.provider(), seed: seed)
        if !sounds.isProcedural {
            // A sound's first use trains its token model, which takes seconds: say what is happening.
            printToStandardError("soundscape: preparing \(PromptScene.summary(scene))")
        }
        do {
            try engine.play(scene)
        } catch {
            sink.discard()
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        let totalFrames = Int((duration.seconds * Double(AudioFormat.sampleRate)).rounded())
        let fadeFrames = min(2 * AudioFormat.sampleRate, totalFrames / 4)
        let progress = RenderProgress(path: output, totalFrames: totalFrames)

        var written = 0
        // An evolving scene drifts in rendered time, a second at a time, so a seed renders the same file.
        let drift = EvolveDriver(engine: engine, seed: seed ?? UInt64.random(in: .min ... .max))
        drift.range = scene.evolveRange
        do {
            // Render up to the fade, start it, render the fade: the file ends in silence, not a cut.
            while written < totalFrames - fadeFrames && watcher.terminatingSignal == nil {
                drift.update(atSeconds: Double(written) / Double(AudioFormat.sampleRate))
                let chunk = min(AudioFormat.sampleRate, totalFrames - fadeFrames - written)
                written += try engine.renderOffline(frames: chunk)
                progress.update(framesWritten: written)
            }
            engine.stop(fadeSeconds: Double(fadeFrames) / Double(AudioFormat.sampleRate))
            while written < totalFrames && watcher.terminatingSignal == nil {
                let done = try engine.renderOffline(frames: totalFrames - written)
                written += done
                progress.update(framesWritten: written)
                if done == 0 { break }
            }
            // The fade ends on a period boundary; pad with silence to the exact length asked for.
            if written < totalFrames && watcher.terminatingSignal == nil {
                let silence = [Float](repeating: 0, count: (totalFrames - written) * AudioFormat.channelCount)
                try silence.withUnsafeBufferPointer { try metered.write($0.baseAddress!, frameCount: totalFrames - written) }
                written = totalFrames
            }
        } catch {
            sink.discard()
            progress.finish(success: false)
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.output)
        }
        if let signalNumber = watcher.terminatingSignal {
            // Discard before closing the engine: closing would move the partial file into place.
            sink.discard()
            engine.close()
            progress.finish(success: false)
            throw CommandFailure.exit(
                "stopped by signal \(signalNumber); nothing written to \(output)", status: 128 + signalNumber)
        }
        engine.close()
        if let error = sink.closeError {
            progress.finish(success: false)
            throw CommandFailure.exit(error, status: ExitStatus.output)
        }
        progress.update(framesWritten: written, force: true)
        progress.finish(success: true)
        try report(integrated: metered.integratedLoudness, truePeak: metered.truePeak)
    }

    /// Normalises the file when asked, then says what it holds.
    private func report(integrated: Double, truePeak: Double) throws {
        guard integrated.isFinite else {
            print("\(output): silence")
            return
        }
        var gain = 0.0
        var note = ""
        if let loudness {
            gain = loudness - integrated
            // Louder would push the peaks past −1 dBTP: stop there, and say so.
            if truePeak + gain > Self.truePeakCeiling {
                gain = Self.truePeakCeiling - truePeak
                note = String(format: " (%.1f LUFS asked; held back by the true-peak ceiling)", loudness)
            }
            do {
                try AudioFileGain.apply(decibels: gain, toFileAt: output)
            } catch {
                throw CommandFailure.exit(String(describing: error), status: ExitStatus.output)
            }
        }
        print(String(format: "%@: %.1f LUFS integrated, %.1f dBTP true peak%@", output, integrated + gain, truePeak + gain, note))
    }

    /// The highest true peak `--loudness` lets a file reach.
    private static let truePeakCeiling = -1.0
}
