import ArgumentParser
import Foundation
import SessionControl

/// `soundscape ctl`: changes a running session (the mixer or `play`) from another
/// terminal, a script, a window-manager key or a Pomodoro tool.
struct CtlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctl",
        abstract: "Change a running session from outside: layers, master, scene, timer, pause, quit.",
        discussion: """
            Talks to the session over its socket, $XDG_RUNTIME_DIR/soundscape/NAME.sock \
            (/tmp/soundscape-UID/ without XDG_RUNTIME_DIR). With one session running it needs no \
            name; with several, give --session NAME (the name a session was started with, \
            or its process id). A layer is named by its sound (rain), its sound and variant \
            (rain:window), or its number in `ctl status`.

            Examples:
              soundscape ctl status
              soundscape ctl set rain --weight 0.3 --intensity 0.8
              soundscape ctl set 2 --mute
              soundscape ctl master 0.5
              soundscape ctl prompt "waves on a beach, gulls"
              soundscape ctl timer 25 --session focus
              soundscape ctl toggle                       # for a media key

            Exit status: 0 done; 1 the session refused the request (the reason on stderr); \
            64 bad arguments; 69 no session to talk to.
            """,
        subcommands: [
            CtlList.self, CtlStatus.self, CtlSet.self, CtlMaster.self, CtlAdd.self, CtlRemove.self,
            CtlPrompt.self, CtlScene.self, CtlSave.self, CtlTimer.self, CtlEvolve.self, CtlPause.self,
            CtlResume.self, CtlToggle.self, CtlQuit.self,
        ])

    /// Exit status when no session can be reached (EX_UNAVAILABLE).
    static let unavailableStatus: Int32 = 69
    /// Exit status when the session refused the request.
    static let refusedStatus: Int32 = 1
}

/// `--session` for every `ctl` subcommand, and the one way they talk to a session.
struct CtlTarget: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The session to talk to (see `soundscape ctl list`). Default: the only one running.", valueName: "name"),
        completion: Completions.sessionNames)
    var session: String?

    /// Sends `request` to the session, and returns its reply when the session carried it out;
    /// otherwise prints the reason in one line and ends with the documented status.
    func send(_ request: ControlRequest) throws -> ControlReply {
        // Checked here as the session checks it, so a bad value is a usage error before any connection.
        if case .failure(let error) = RequestParser.parse(Array(RequestParser.line(request).dropLast())) {
            throw CommandFailure.exit(error, status: ExitCode.validationFailure.rawValue)
        }
        let reply: ControlReply
        do {
            let client = try ControlClient(session: session, directory: SessionDirectory())
            reply = try client.send(request)
        } catch {
            throw CommandFailure.exit(error, status: CtlCommand.unavailableStatus)
        }
        guard reply.ok else {
            throw CommandFailure.exit(reply.error ?? "the session refused the request", status: CtlCommand.refusedStatus)
        }
        return reply
    }

    /// Sends `request` and prints what the session said it did, if anything.
    func run(_ request: ControlRequest) throws {
        if let message = try send(request).message { print(message) }
    }
}

struct CtlList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List running sessions: name, process id, playing or paused, scene.")

    func run() throws {
        let directory = SessionDirectory()
        for name in ControlClient.liveSessions(in: directory) {
            // A session that ends while listed is simply left out.
            guard let client = try? ControlClient(session: name, directory: directory),
                let status = try? client.send(.status).status
            else { continue }
            print("\(name)\tpid \(status.pid)\t\(status.paused ? "paused" : "playing")\t\(status.title)")
        }
    }
}

struct CtlStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the session's scene, layers, master, timer, evolve, pause, device and xruns.")

    @Flag(help: "Print the status as one JSON object (the protocol's, see the README).")
    var json = false

    @OptionGroup var target: CtlTarget

    func run() throws {
        guard let status = try target.send(.status).status else {
            throw CommandFailure.exit("the session answered status without one", status: CtlCommand.refusedStatus)
        }
        if json {
            print(String(decoding: RequestParser.line(status).dropLast(), as: UTF8.self))
        } else {
            print(CtlStatusText.render(status), terminator: "")
        }
    }
}

struct CtlSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change one layer's weight, intensity or mute.",
        discussion: "LAYER is a sound (rain), sound:variant (rain:window) or a number from `ctl status`.")

    @Argument(help: "The layer: rain, rain:window, or 2.") var layer: String
    @Option(help: ArgumentHelp("Loudness in the mix, 0–1.", valueName: "w")) var weight: Double?
    @Option(help: ArgumentHelp("How much of the sound, 0–1.", valueName: "i")) var intensity: Double?
    @Flag(help: "Silence the layer (keeps its weight).") var mute = false
    @Flag(help: "Let the layer play again.") var unmute = false
    @OptionGroup var target: CtlTarget

    func validate() throws {
        if mute && unmute { throw ValidationError("give --mute or --unmute, not both") }
        if weight == nil && intensity == nil && !mute && !unmute {
            throw ValidationError("say what to change: --weight, --intensity, --mute or --unmute")
        }
    }

    func run() throws {
        let muted: Bool? = mute ? true : unmute ? false : nil
        try target.run(.set(layer: layer, change: .init(weight: weight, intensity: intensity, muted: muted)))
    }
}

struct CtlMaster: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "master", abstract: "Set the master volume, 0–1.")
    @Argument(help: "The master fader, 0–1.") var value: Double
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.master(value)) }
}

struct CtlAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a sound as a new layer (see `soundscape sounds`).")
    @Argument(help: "The sound: rain, or rain:roof for a variant.") var sound: String
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.add(sound: sound)) }
}

struct CtlRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a layer (it fades out).")
    @Argument(help: "The layer: rain, rain:window, or 2.") var layer: String
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.remove(layer: layer)) }
}

struct CtlPrompt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt", abstract: "Plan a new scene from words and crossfade to it.")
    @Argument(help: "What to hear, e.g. \"waves on a beach, gulls\".") var words: [String]
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.prompt(words.joined(separator: " "))) }
}

struct CtlScene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scene", abstract: "Open a saved or built-in scene, or a scene file, and crossfade to it.")
    @Argument(help: "A scene name (see `soundscape scenes`) or a .toml file.") var scene: String
    @OptionGroup var target: CtlTarget

    func run() throws {
        // The session runs elsewhere: a file is passed by its absolute path.
        var name = scene
        if (scene.contains("/") || scene.hasSuffix(".toml")) && !scene.hasPrefix("/") {
            name = URL(fileURLWithPath: scene).standardizedFileURL.path
        }
        try target.run(.scene(name))
    }
}

struct CtlSave: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Save the scene as it plays now under a name.")
    @Argument(help: "The name to save as.") var name: String
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.save(name: name)) }
}

struct CtlTimer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer", abstract: "Fade out and stop after MINUTES, or cancel the timer with 'off'.")
    @Argument(help: "Minutes until playback stops (its last part a fade), or off.") var minutes: String
    @OptionGroup var target: CtlTarget

    func run() throws {
        if minutes.lowercased() == "off" { return try target.run(.timer(minutes: nil)) }
        guard let value = Double(minutes) else {
            throw CommandFailure.exit(
                "'\(minutes)' is not a number of minutes or 'off'", status: ExitCode.validationFailure.rawValue)
        }
        try target.run(.timer(minutes: value))
    }
}

struct CtlEvolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evolve", abstract: "Turn the slow drift of weights and intensities on or off.")
    @Argument(help: "on or off.") var state: String
    @OptionGroup var target: CtlTarget

    func validate() throws {
        guard ["on", "off"].contains(state.lowercased()) else { throw ValidationError("say on or off, not '\(state)'") }
    }

    func run() throws { try target.run(.evolve(state.lowercased() == "on")) }
}

struct CtlPause: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause with a short fade.")
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.pause) }
}

struct CtlResume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume after a pause.")
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.resume) }
}

struct CtlToggle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "toggle", abstract: "Pause or resume.")
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.toggle) }
}

struct CtlQuit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "End the session (it fades out; the mixer keeps the scene as q does).")
    @OptionGroup var target: CtlTarget
    func run() throws { try target.run(.quit) }
}
