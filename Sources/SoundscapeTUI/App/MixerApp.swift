import Foundation
import AudioEngine
import Scenes
import SessionControl

/// The mixer's main loop: sleep until a key, a `ctl` request, a signal or the
/// next frame; act on the engine; redraw what changed; and on any way out — `q`, a signal, the timer, a lost device, a
/// thrown error — restore the terminal first, then fade the audio.
public enum MixerApp {
    /// How a session ended.
    public enum Ending: Equatable, Sendable {
        /// The user pressed q.
        case quit
        /// SIGINT, SIGTERM or SIGHUP arrived.
        case signal(Int32)
        /// The engine stopped by itself: the timer ran out, or the device failed (with its reason).
        case stopped(reason: String?)
    }

    /// What a finished session leaves behind.
    public struct Outcome: Sendable {
        /// The scene as the user left it (saved as the "last" scene).
        public var scene: Scene
        public var ending: Ending
    }

    /// Throws `TUIError.notATerminal` unless standard input and output are a
    /// terminal; call it before starting audio, so a pipe gets a clear error at once.
    public static func checkTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TUIError.notATerminal }
    }

    /// Runs the mixer on the terminal until the user quits or playback stops. With
    /// `control`, `ctl` requests are carried out on this loop between keys, as keys are.
    public static func run(
        engine: EngineControl, scene: Scene, sceneName: String = "", services: SceneServices,
        options: MixerOptions = MixerOptions(), control: ControlServer? = nil, notice: String? = nil
    ) throws -> Outcome {
        // Before the terminal, so ncurses leaves these signals to us.
        let signals = SignalWatcher(handlesJobControl: true)
        let terminal = try Terminal(useColor: options.useColor)
        let controller = MixerController(
            engine: engine, scene: scene, services: services, options: options, sceneName: sceneName)
        if let minutes = options.timerMinutes { controller.startTimer(minutes: minutes) }
        // Said on the screen, where a line on stderr would be painted over.
        if let notice { controller.viewState.message = .init(notice) }
        let ending = loop(
            controller: controller, terminal: terminal, signals: signals, options: options, control: control)
        controller.refresh()
        let scene = controller.viewState.scene
        terminal.end()
        fadeOut(engine, seconds: ending == .quit || isSignal(ending) ? options.quitFadeSeconds : 0)
        return Outcome(scene: scene, ending: ending)
    }

    private static func isSignal(_ ending: Ending) -> Bool {
        if case .signal = ending { return true }
        return false
    }

    private static func loop(
        controller: MixerController, terminal: Terminal, signals: SignalWatcher, options: MixerOptions,
        control: ControlServer?
    ) -> Ending {
        let frameSeconds = 1 / max(1, options.framesPerSecond)
        var nextFrame = Date()
        // Frames in a row that changed nothing on the screen, and frames since a pause began.
        var stillFrames = 0
        var pausedFrames = 0
        // Frame after frame, only the readings are laid out again while nothing else changes.
        var frames = MixerFrames()
        // What other threads read of the session (MPRIS: paused, master, title) changes only
        // by a key or a request: it is published after those, not every frame.
        control?.publish(controller.sessionStatus)
        while true {
            if let signalNumber = signals.terminatingSignal { return .signal(signalNumber) }
            if signals.takeSuspendRequest() { terminal.suspend() }
            if signals.takeResume() { terminal.repaintAll() }
            if controller.wantsQuit { return .quit }
            controller.refresh()
            if controller.viewState.status.isStopped {
                return .stopped(reason: controller.viewState.status.stopReason)
            }
            let now = Date()
            if now >= nextFrame {
                stillFrames = draw(controller, on: terminal, frames: &frames) ? 0 : stillFrames + 1
                pausedFrames = controller.viewState.status.isPaused ? pausedFrames + 1 : 0
                // A screen that stands still (nothing sounding), or a paused one once its meters
                // have fallen (its status line still changes once a second: the CPU reading), is
                // looked at less often; keys, ctl requests and signals still wake the loop at once.
                let resting = stillFrames >= Self.framesBeforeResting || pausedFrames >= Self.pausedFramesBeforeResting
                let interval =
                    resting ? max(frameSeconds, Self.restingSeconds(controller.viewState.status)) : frameSeconds
                nextFrame = now.addingTimeInterval(interval)
            }
            let wait = Int((nextFrame.timeIntervalSince(Date()) * 1000).rounded(.up))
            // Sleep until a key, a ctl request, a signal or the next frame; a request is
            // answered and shown at once, a signal acted on at the top of the loop.
            terminal.waitForInput(
                timeoutMilliseconds: wait, orReadable: [signals.wakeDescriptor, control?.requestSignal ?? -1])
            signals.drainWake()
            if let control, control.answerPending(controller.answer) > 0 {
                control.publish(controller.sessionStatus)
                draw(controller, on: terminal, frames: &frames)
                continue
            }
            guard let key = terminal.readKey(timeoutMilliseconds: 0) else { continue }
            controller.screenSize = terminal.size
            controller.handle(key)
            // Answer a key at once rather than at the next frame, so held keys feel immediate.
            // Keys typed after q are left for the shell, as any program leaves its typeahead.
            while !controller.wantsQuit, let next = terminal.readKey(timeoutMilliseconds: 0) { controller.handle(next) }
            control?.publish(controller.sessionStatus)
            draw(controller, on: terminal, frames: &frames)
            stillFrames = 0
        }
    }

    /// Unchanged frames after which the loop looks at the engine only every `restingFrameSeconds`.
    static let framesBeforeResting = 5
    /// Frames after a pause begins before the loop rests: the pause fade (0.25 s) and the
    /// meters' fall (0.5 s) are over by then.
    static let pausedFramesBeforeResting = 10
    /// How long a still screen sleeps when nothing on it moves (paused, or every layer
    /// silent): keys, ctl requests and signals wake the loop at once, so this only bounds
    /// how late a change the engine makes by itself shows (a lost device, the end of the
    /// timer). A running timer's countdown moves once a second, so it is looked at that often.
    static func restingSeconds(_ status: EngineStatus) -> Double {
        status.timerRemainingSeconds != nil && !status.isPaused ? 1 : restingFrameSeconds
    }

    /// The longest sleep of a still screen.
    static let restingFrameSeconds = 2.0

    /// Draws the screen as the controller sees it now; returns whether anything changed.
    @discardableResult
    private static func draw(_ controller: MixerController, on terminal: Terminal, frames: inout MixerFrames) -> Bool {
        let size = terminal.size
        return terminal.draw(
            frames.render(controller.viewState, width: size.width, height: size.height, glyphs: terminal.glyphs))
    }

    /// Fades the engine out and waits (boundedly) for the fade to finish.
    private static func fadeOut(_ engine: EngineControl, seconds: Double) {
        guard !engine.status.isStopped else { return }
        engine.stop(fadeSeconds: seconds)
        let deadline = Date().addingTimeInterval(seconds + 1)
        while !engine.status.isStopped, Date() < deadline { usleep(10_000) }
    }
}
