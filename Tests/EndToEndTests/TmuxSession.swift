import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server running an interactive shell, for driving the real
/// `soundscape` binary the way a user does: type keys, read the screen.
///
/// Each session has its own server socket, so tests never touch the user's
/// tmux, and its own XDG directories, so saved scenes stay in the test.
final class TmuxSession {
    /// The test process's model cache, removed when the tests end.
    static var sharedCache: URL { SoundscapeBinary.cacheDirectory }

    /// Why tmux cannot be used, or nil.
    static var problem: String? {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
            ? nil : "tmux is not installed: run scripts/install-deps.sh --test"
    }

    let socket = "soundscape-e2e-\(UUID().uuidString.prefix(8))"
    /// XDG_DATA_HOME and XDG_CONFIG_HOME live under here.
    let home: URL

    /// Starts `bash` in a `width`×`height` window with `environment` added.
    init(width: Int = 110, height: Int = 30, environment: [String: String] = [:]) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        for folder in ["data", "config"] {
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var variables = [
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            // Shared by every session: trained sound models are a cache, and training
            // each sound once per test run (not once per test) keeps the suite quick.
            "XDG_CACHE_HOME": Self.sharedCache.path,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ ", "HISTFILE": "/dev/null",
        ]
        variables.merge(environment) { _, new in new }
        var arguments = ["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)"]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        arguments += ["bash", "--norc", "--noprofile", "-i"]
        let started = tmux(arguments)
        guard started.status == 0 else { throw TmuxError(message: "tmux new-session failed: \(started.output)") }
        _ = waitFor("the shell prompt", timeout: 10) { $0.contains("$") }
    }

    deinit {
        tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }

    /// Types `command` at the shell and presses Enter.
    func run(_ command: String) {
        type(command)
        press("Enter")
    }

    /// Types text literally.
    func type(_ text: String) {
        tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// Presses keys by tmux name ("Enter", "Escape", "C-c", "Left", "h").
    func press(_ keys: String...) {
        tmux(["send-keys", "-t", "main"] + keys)
    }

    /// The visible screen, one line per row.
    func screen() -> String {
        tmux(["capture-pane", "-p", "-t", "main"]).output
    }

    /// Resizes the window (and so the terminal the program sees).
    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The process id of the command running in the shell (the shell's youngest child),
    /// or nil when the shell runs nothing, so a test can signal it as another program would.
    func foregroundProcess() -> Int32? {
        let shell = tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int32(shell) != nil,
            let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").compactMap { Int32($0) }.max()
    }

    /// Polls the screen until `condition` holds; returns that screen, or nil
    /// after `timeout` seconds with an issue recorded showing the last screen.
    ///
    /// The default wait is long because a sound's first use trains its model
    /// (cached for later tests), which takes a while on a slow machine; a
    /// passing test never waits longer than the screen takes to change.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 240, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return last }
            usleep(100_000)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return nil
    }

    /// Waits for `text` to appear on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 240, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The terminal's settings as the shell has them (`stty -a`), read once the
    /// shell has run the command. `step` numbers the reads of one test so each
    /// waits for its own marker, typed as arithmetic so that the command line
    /// itself never shows the marker.
    func terminalSettings(step: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let file = home.appendingPathComponent("stty-\(step)").path
        run("stty -a > '\(file)'; echo stty-$((\(step - 1)+1))-saved")
        waitFor("stty-\(step)-saved", sourceLocation: sourceLocation)
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    /// Runs tmux against this session's private server.
    ///
    /// posix_spawn and waitpid rather than `Process`: the server tmux forks
    /// inherits Foundation's internal descriptors, and `Process` then waits
    /// for the server too, forever.
    @discardableResult
    private func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        let outputPath = home.appendingPathComponent("tmux-output").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let path = "/usr/bin/tmux"
        let argv = ([path, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block most signals, and a spawned process
        // inherits that mask: tmux, the shell and soundscape would then never
        // see SIGWINCH or SIGINT. Start them as a login shell would, with none
        // blocked and every signal at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 else {
            return (-1, "cannot run tmux: errno \(errno)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, output)
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
