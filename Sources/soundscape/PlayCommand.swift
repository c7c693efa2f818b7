import AcousticTokens
import ArgumentParser
import AudioEngine
import Foundation
import Scenes
import SessionControl
import SoundscapeIO
import SoundscapeTUI

/// `soundscape play`: plays a prompt's scene headless until Ctrl-C or the duration ends.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a soundscape without the screen, until Ctrl-C or --duration.",
        discussion: """
            Plays the scene the prompt describes (see `soundscape plan`) on an ALSA device, \
            or in real time into a file with --output. Ctrl-C, SIGTERM or SIGHUP fades out briefly, \
            finishes the file and exits 0; Ctrl-Z suspends and `fg` resumes (the gap counts as an xrun). \
            When the device or sound server goes away it says so once, waits where it was and plays on \
            with a short fade-in when the device is back (--no-reconnect: exit 2 instead). On exit it \
            prints how long it played and how many xruns (and reconnections) the device had.

            While it plays, `soundscape ctl` changes it from another terminal or a script \
            (name the session with --session).

            Examples:
              soundscape play "brown noise"                     # until Ctrl-C
              soundscape play "pink noise" --duration 1h30m
              soundscape play --scene deep-focus --device pulse --latency 80
              soundscape play "rain" --output session.flac --duration 10m

            Exit status: 0 played; 2 the audio device is missing or busy (or, with --no-reconnect, failed); \
            3 the output file could not be written; 4 the prompt cannot play; 64 bad arguments; \
            78 the configuration file cannot be used.
            """)

    @Argument(help: "What to hear, e.g. \"brown noise\" or \"rain on a window, distant thunder\".")
    var prompt: [String] = []

    @Option(
        help: ArgumentHelp(
            "Play a saved or built-in scene (see `soundscape scenes`), or a scene file, instead of a prompt.",
            valueName: "name"),
        completion: Completions.sceneNames)
    var scene: String?

    @Option(help: "Stop after this long: 90, 90s, 10m, 1h30m. Default: until Ctrl-C.")
    var duration: DurationArgument?

    @OptionGroup var device: DeviceOptions

    @Option(
        help: ArgumentHelp(
            "Write the audio to a .wav, .flac or .ogg file, in real time, instead of a device.", valueName: "file"),
        completion: Completions.audioOutput)
    var output: String?

    @OptionGroup var sounds: SoundSourceOption

    @OptionGroup var session: SessionOption

    @Option(
        help: ArgumentHelp("Seed for the random generators: the same seed plays the same sound.", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
        if scene != nil && !prompt.isEmpty {
            throw ValidationError("give a prompt or --scene, not both")
        }
    }

    /// Whether every layer of `scene` has been prepared, and the reason the first one that could not be failed.
    static func preparation(of scene: Scene, in provider: BackgroundSoundProvider) -> (done: Bool, failure: String?) {
        let states = scene.layers.map { provider.preparation(of: $0.mixLayer) }
        for state in states {
            if case .failed(let reason) = state { return (true, reason) }
        }
        return (!states.contains(.preparing), nil)
    }

    /// One line when the device goes away and one when it is back; the status (and the
    /// final line's reconnection count) says the rest.
    @Sendable static func report(_ event: DeviceEvent) {
        switch event {
        case .waiting(let device, let reason):
            printToStandardError(
                "soundscape: waiting for \(device) (it stopped working: \(reason)); playing on when it is back, Ctrl-C stops")
        case .back(let device, let seconds):
            printToStandardError("soundscape: \(device) is back after \(String(format: "%.1f", seconds)) s; playing on")
        }
    }

    /// Seconds of fade when stopped by a signal: long enough not to click, short enough to feel immediate.
    static let stopFadeSeconds = 0.3

    func run() throws {
        _ = try ConfigSetup.load()
        // Watch for Ctrl-C from the start: training a sound's model can take seconds, and a
        // signal then must stop the program too, not be lost before playback begins.
        let stop = StopRequest()
        let watcher = SignalWatcher { _ in stop.request(fadeSeconds: PlayCommand.stopFadeSeconds) }
        let scene = try PromptScene.scene(for: prompt, sceneName: self.scene)
        let timeScale: Double
        do {
            timeScale = try MixerCommand.timeScale()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitCode.validationFailure.rawValue)
        }
        let control = try session.listen()
        defer { control?.stop() }
        // `ctl prompt` plans with the same planner a prompt on the command line uses.
        let planner: Planner?
        do {
            planner = control == nil ? nil : try ThemesSetup.planner()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        let sink: Sink
        do {
            if let output {
                sink = try FileSink(path: output, periodFrames: 480, paced: true)
            } else {
                sink = try device.openSink(onDeviceEvent: PlayCommand.report)
            }
        } catch {
            throw CommandFailure.exit(error, status: output == nil ? ExitStatus.device : ExitStatus.output)
        }
        if let unfinished = sink.unfinishedFilePath { watcher.removeOnForcedExit(unfinished) }
        // `soundscape bench` runs play as a child to time launch-to-first-audio.
        let firstAudio =
            ProcessInfo.processInfo.environment[FirstAudioSink.environmentVariable] == nil
            ? nil : FirstAudioSink(wrapping: sink)

        // On a device, layers whose model must load (or train) play as soon as each is ready,
        // fading in, so the first sound comes after one model rather than all of them. A file
        // starts with every layer in it, as a render does.
        let learned = LearnedSoundStore()
        let background =
            sounds.isProcedural || output != nil
            ? nil : BackgroundSoundProvider(wrapping: sounds.provider(learned: learned, live: true))
        let engine = Engine(
            sink: firstAudio ?? sink, provider: background ?? sounds.provider(learned: learned), seed: seed,
            workerCount: 1)
        if !sounds.isProcedural {
            // A sound's first use trains its token model, which takes seconds: say what is happening.
            printToStandardError("soundscape: preparing \(PromptScene.summary(scene))")
        }
        do {
            try engine.play(scene)
        } catch {
            engine.close(discardingOutput: true)
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        if stop.isRequested {
            engine.close(discardingOutput: true)
            printToStandardError("soundscape: stopped before playing")
            return
        }
        if let duration {
            // The whole run lasts `duration`, its last moments a fade rather than a cut.
            let fade = min(2, duration.seconds / 4)
            engine.setTimer(seconds: duration.seconds - fade, fadeSeconds: fade)
        }
        // Media keys once it is sure to play: a session that cannot start says only why.
        let mediaKeys = control?.offerMediaKeys()
        if let problem = mediaKeys?.problem { printToStandardError("soundscape: \(problem)") }
        defer { mediaKeys?.service?.stop() }
        printToStandardError(
            "soundscape: playing \(PromptScene.summary(scene)) on \(sink.name)"
                + (sink.latencyMilliseconds > 0 ? " (\(Int(sink.latencyMilliseconds.rounded())) ms latency)" : "")
                + (duration.map { " for \($0)" } ?? "; Ctrl-C stops"))
        // The engine's end (a stop, the timer, a failed output) wakes the loop below like a signal.
        engine.start(onStopped: { [watcher] in watcher.wake() })
        stop.attach(engine)
        // The scene's slow drift (when evolve is on) runs on its own low-rate thread, never the audio one.
        let drift = EvolveDriver(engine: engine, seed: seed ?? UInt64.random(in: .min ... .max))
        drift.range = scene.evolveRange
        drift.start()
        // `ctl` requests are carried out on this thread, by the controller the mixer's keys use.
        let controller = planner.map { planner in
            MixerController(
                engine: engine, scene: scene,
                services: SessionServices.make(
                    planner: planner, store: ThemesSetup.store(), learned: learned,
                    evolver: drift, preparation: { background?.preparation(of: $0) ?? .ready }),
                options: MixerOptions(timeScale: timeScale, timerFadeSeconds: Scene.timerFadeSeconds),
                sceneName: self.scene ?? "")
        }
        var checkingStart = background != nil
        var generationNoted = false
        if let control, let controller { control.publish(controller.sessionStatus) }
        while !engine.status.isStopped {
            // Once, as soon as the workers know: generation less protected than it could be.
            if !generationNoted, engine.status.generationPriority != .unknown {
                generationNoted = true
                if let note = engine.status.generationNote { printToStandardError("soundscape: note: \(note)") }
            }
            // Sleep until a ctl request, a signal or the engine's end (see PlayWake): no
            // wake-ups on a clock while it simply plays.
            let timeout = PlayWake.timeoutMilliseconds(isStarting: checkingStart || !generationNoted)
            if let control, let controller {
                control.waitForRequests(timeoutMilliseconds: timeout, orReadable: [watcher.wakeDescriptor])
                watcher.drainWake()
                // What other threads read of the session (MPRIS) changes only by a request
                // (pause, master, a new scene): publish after answering, not on a clock.
                if control.answerPending(controller.answer) > 0 {
                    controller.refresh()
                    control.publish(controller.sessionStatus)
                }
                if controller.wantsQuit { engine.stop(fadeSeconds: PlayCommand.stopFadeSeconds) }
            } else {
                var descriptor = pollfd(fd: watcher.wakeDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, timeout)
                watcher.drainWake()
            }
            if checkingStart, let background {
                let (done, failure) = PlayCommand.preparation(of: scene, in: background)
                checkingStart = !done
                if let failure {
                    // A layer that cannot play (a damaged learned sound) ends playback, as it would have before it began.
                    engine.stop(fadeSeconds: PlayCommand.stopFadeSeconds)
                    engine.waitUntilStopped(discardingOutput: true)
                    drift.stop()
                    throw CommandFailure.exit(failure, status: ExitStatus.scene)
                }
            }
        }
        engine.waitUntilStopped()
        drift.stop()
        withExtendedLifetime(watcher) {}

        if let report = firstAudio?.report { printToStandardError(report) }
        let status = engine.status
        let played = String(format: "%.1f", status.playedSeconds)
        printToStandardError(
            "soundscape: played \(played) s, \(status.xruns) xruns, "
                + (status.reconnections == 0
                    ? "" : "\(status.reconnections) reconnection\(status.reconnections == 1 ? "" : "s"), ")
                + "\(status.ringUnderruns) ring underruns\(PlayCommand.underrunsByLayer(status)), audio thread at "
                + (status.audioThreadIsRealTime ? "real-time priority" : "normal priority")
                + ", generation at \(status.generationPriority.description)")
        if let reason = status.stopReason {
            throw CommandFailure.exit(reason, status: output == nil ? ExitStatus.device : ExitStatus.output)
        }
        if let error = sink.closeError {
            throw CommandFailure.exit(error, status: ExitStatus.output)
        }
    }
}
