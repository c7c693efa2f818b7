import AcousticTokens
import ArgumentParser
import AudioEngine
import Foundation
import Scenes
import SoundscapeIO
import SoundscapeTUI

/// `soundscape [PROMPT]`: the mixer — plays a scene and lets the user shape it
/// from the keyboard. The root command's default.
struct MixerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixer",
        abstract: "Play a soundscape and shape it from the keyboard (the default command).",
        discussion: """
            `soundscape PROMPT` plans a scene from the prompt and plays it; `soundscape` alone \
            resumes the scene you left last time (saved on quit as the scene 'last'), or the \
            built-in 'rainy-library' scene on the first run (the configuration's first_scene). \
            Press ? in the mixer for every key.

            Examples:
              soundscape "a quiet library on a rainy afternoon, distant thunder"
              soundscape --scene thunderstorm --latency 80
              soundscape "brown noise" --device null     # no sound card: a paced null device

            Colours follow the terminal's own; set NO_COLOR to turn them off. In a terminal \
            whose locale is not UTF-8 the bars are drawn in ASCII.

            When the device or sound server goes away, the status line says "waiting for DEVICE" \
            and the scene waits where it was; it plays on with a short fade-in when the device is \
            back (--no-reconnect: exit with status 2 instead).

            For tests: SOUNDSCAPE_TIME_SCALE=N makes timer minutes pass N times faster \
            (SOUNDSCAPE_TIME_SCALE=60 turns a 1-minute timer into one second); the screen \
            still counts in minutes.

            Exit status: 0 quit or the timer ended; 1 not run in a terminal (or the \
            terminal cannot be driven); 2 the audio device is missing or busy (or, \
            with --no-reconnect, failed); 3 the output file could not be written; 4 the scene cannot play; \
            64 bad arguments; 78 the configuration file cannot be used; 128+N ended by \
            signal N (Ctrl-C: 130).
            """)

    @Argument(help: "What to hear, e.g. \"a quiet library on a rainy afternoon, distant thunder\".")
    var prompt: [String] = []

    @Option(
        help: ArgumentHelp(
            "Open this saved or built-in scene (see `soundscape scenes`), or a scene file, instead of planning a prompt.",
            valueName: "name"),
        completion: Completions.sceneNames)
    var scene: String?

    @OptionGroup var device: DeviceOptions

    @Option(
        help: ArgumentHelp(
            "Write the audio to a .wav, .flac or .ogg file, in real time, instead of a device.", valueName: "file"),
        completion: Completions.audioOutput)
    var output: String?

    @Option(
        name: .customLong("fade-out"),
        help: ArgumentHelp(
            "Seconds the timer's fade-out lasts at its end, 0–3600. Default: the configuration's 'fade_out_seconds', else 30.",
            valueName: "seconds"))
    var fadeOutSeconds: Double?

    @OptionGroup var sounds: SoundSourceOption

    @OptionGroup var session: SessionOption

    @Option(
        help: ArgumentHelp("Seed for the random generators: the same seed starts the same sound.", valueName: "n"))
    var seed: UInt64?

    /// Exit status when standard input/output is not a usable terminal.
    static let terminalStatus: Int32 = 1
    /// The scene saved on quit and resumed by a bare `soundscape`.
    static let lastSceneName = "last"
    /// The built-in scene of a first run.
    static let firstRunSceneName = "rainy-library"

    func validate() throws {
        if let fadeOutSeconds, !(fadeOutSeconds.isFinite && (0...3600).contains(fadeOutSeconds)) {
            throw ValidationError("--fade-out must be between 0 and 3600 seconds, not \(fadeOutSeconds)")
        }
        if scene != nil, !prompt.isEmpty {
            throw ValidationError("give either a prompt or --scene, not both")
        }
    }

    func run() throws {
        let config = try ConfigSetup.load()
        let timeScale: Double
        do {
            timeScale = try Self.timeScale()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitCode.validationFailure.rawValue)
        }
        do {
            try MixerApp.checkTerminal()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: Self.terminalStatus)
        }
        let planner: Planner
        do {
            planner = try ThemesSetup.planner()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        let store = ThemesSetup.store()
        let (startScene, timerMinutes) = try startingScene(planner: planner, store: store)

        let control = try session.listen()
        let mediaKeys = control?.offerMediaKeys()
        defer {
            mediaKeys?.service?.stop()
            control?.stop()
        }
        let sink = try openSink()
        let learned = LearnedSoundStore()
        // Every layer plays through acoustic tokens, as DESIGN.md has it, unless asked for the
        // synthesizers. A sound's first use trains its model, which takes seconds: that happens
        // in the background, so the screen opens at once and each layer fades in when its model is ready.
        let provider = BackgroundSoundProvider(wrapping: sounds.provider(learned: learned, live: true))
        let engine = Engine(sink: sink, provider: provider, seed: seed, workerCount: 1)
        do {
            // The mixer runs a scene's timer itself, with its fade and time scale.
            var scene = startScene
            scene.timerMinutes = nil
            try engine.play(scene)
        } catch {
            engine.close()
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        engine.start()
        // Evolve moves weights and intensities through the engine's setters, so the bars show the drift.
        let evolver = EvolveDriver(engine: engine, seed: seed ?? UInt64.random(in: 0...UInt64.max))
        evolver.range = startScene.evolveRange
        evolver.start()
        defer { evolver.stop() }

        let options = MixerOptions(
            timeScale: timeScale, timerFadeSeconds: fadeOutSeconds ?? config.fadeOutSeconds ?? 30,
            useColor: (ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true) && config.color != false,
            timerMinutes: timerMinutes)
        let outcome: MixerApp.Outcome
        do {
            outcome = try MixerApp.run(
                engine: engine, scene: startScene,
                sceneName: scene ?? "",
                services: SessionServices.make(
                    planner: planner, store: store, learned: learned, evolver: evolver,
                    preparation: provider.preparation(of:)),
                options: options, control: control, notice: mediaKeys?.problem)
        } catch {
            engine.stop(fadeSeconds: 0)
            engine.waitUntilStopped()
            throw CommandFailure.exit(String(describing: error), status: Self.terminalStatus)
        }
        engine.waitUntilStopped()

        // An evolving scene is kept as the user set it, not as the weather happened to be.
        var last = evolver.userSettings(of: outcome.scene)
        last.timerMinutes = nil
        do {
            try store.save(last, as: Self.lastSceneName)
        } catch {
            printToStandardError("soundscape: could not keep this scene for next time: \(error)")
        }
        switch outcome.ending {
        case .quit: return
        case .signal(let number): throw ExitCode(128 + number)
        case .stopped(let reason):
            if let reason {
                throw CommandFailure.exit(reason, status: output == nil ? ExitStatus.device : ExitStatus.output)
            }
            printToStandardError("soundscape: timer ended; run soundscape again to resume this scene")
        }
    }

    /// `SOUNDSCAPE_TIME_SCALE`, 1 when unset.
    static func timeScale() throws -> Double {
        guard let text = ProcessInfo.processInfo.environment["SOUNDSCAPE_TIME_SCALE"], !text.isEmpty else { return 1 }
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw MixerCommandError(
                description:
                    "SOUNDSCAPE_TIME_SCALE='\(text)' is not a positive number (it speeds timers up for tests); unset it"
            )
        }
        return value
    }

    /// The scene to start with and the timer it asks for.
    private func startingScene(planner: Planner, store: SceneStore) throws -> (Scene, Double?) {
        if scene != nil || !prompt.isEmpty {
            let chosen = try PromptScene.scene(for: prompt, sceneName: scene)
            return (chosen, chosen.timerMinutes)
        }
        let names = store.list().map(\.name)
        if names.contains(Self.lastSceneName), let last = try? store.load(Self.lastSceneName).scene,
            !last.layers.isEmpty
        {
            return (last, nil)
        }
        let config = ConfigSetup.current
        if let configured = config.firstScene {
            do {
                return (try store.load(configured).scene, nil)
            } catch {
                throw CommandFailure.exit(
                    "\(config.location(of: "first_scene")): first_scene: \(error)", status: ExitStatus.config)
            }
        }
        if names.contains(Self.firstRunSceneName) {
            return (try load(Self.firstRunSceneName, from: store), nil)
        }
        return (planner.plan("").scene, nil)
    }

    private func load(_ name: String, from store: SceneStore) throws -> Scene {
        do {
            let loaded = try store.load(name)
            for warning in loaded.warnings { printToStandardError("soundscape: \(warning)") }
            return loaded.scene
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
    }

    private func openSink() throws -> Sink {
        do {
            if let output { return try FileSink(path: output, periodFrames: 480, paced: true) }
            return try device.openSink()
        } catch {
            throw CommandFailure.exit(error, status: output == nil ? ExitStatus.device : ExitStatus.output)
        }
    }
}

/// A prompt the mixer could not turn into a scene.
struct MixerCommandError: Error, CustomStringConvertible {
    var description: String
}
