import AudioEngine
import Foundation
import SoundscapeIO

#if canImport(Glibc)
    import Glibc
#endif

/// `soundscape bench`'s live CPU: what the whole process costs while it plays in real
/// time, `play` and the mixer (in a pseudo-terminal), playing and paused.
///
/// Method: each runs as a child on `--device null`, a null sink paced like a device with
/// the device's default periods (so the audio thread wakes as often as on a sound card), but
/// with no sound server, whose client thread a real device adds. After `settleSeconds`
/// (models loaded, layers faded in) the child's CPU is read from the kernel's accounting of
/// each of its threads (/proc/PID/task/*/schedstat, nanoseconds; utime+stime where schedstat
/// is missing) at the start and end of each window. `scripts/compare-live.sh` measures the
/// same through PulseAudio beside a GStreamer loop player.
extension BenchCommand {
    /// Layers fade in for 2 s; models load in well under that on a warm cache.
    static let liveSettleSeconds = 3.0

    static func liveCPU(seconds window: Double) throws -> BenchReport.LiveCPU {
        let executable = try ownExecutablePath()
        var report = BenchReport.LiveCPU()
        report.windowSeconds = window
        report.periodMilliseconds = AlsaSink.periodMilliseconds(
            forLatencyMilliseconds: ConfigSetup.current.latencyMilliseconds ?? AlsaSink.defaultLatencyMilliseconds)
        let privateData = FileManager.default.temporaryDirectory.appendingPathComponent("soundscape-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: privateData, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: privateData) }
        // The mixer saves the scene it leaves as 'last': into a private directory, not the user's.
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = privateData.path
        environment["TERM"] = "xterm"

        let session = "bench-live-\(getpid())"
        let total = liveSettleSeconds + 2 * window + 10
        let play = try LiveChild(
            executable,
            ["play", "--scene", playbackScene, "--device", "null", "--session", session, "--duration", String(format: "%.0f", total)],
            environment: environment, terminal: false)
        defer { play.end() }
        usleep(UInt32(liveSettleSeconds * 1e6))
        report.playPlaying = play.measure(seconds: window)
        try runToEnd(executable, ["ctl", "pause", "--session", session], environment: environment)
        usleep(1_000_000)  // the pause fade, then the device rests
        report.playPaused = play.measure(seconds: window)
        play.end()

        let mixer = try LiveChild(
            executable, ["--scene", playbackScene, "--device", "null", "--session", session + "-mixer"],
            environment: environment, terminal: true)
        defer { mixer.end() }
        usleep(UInt32(liveSettleSeconds * 1e6))
        report.mixerPlaying = mixer.measure(seconds: window)
        mixer.type(" ")
        usleep(1_000_000)
        report.mixerPaused = mixer.measure(seconds: window)
        mixer.type("q")
        mixer.waitForExit(seconds: 10)
        return report
    }

    /// Runs a short child (a `ctl` request) and waits for it.
    private static func runToEnd(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        let child = try LiveChild(executable, arguments, environment: environment, terminal: false)
        child.waitForExit(seconds: 10)
    }
}

/// A child `soundscape` measured while it runs; on a pseudo-terminal when it is the mixer.
final class LiveChild {
    let pid: pid_t
    /// The pseudo-terminal's master side (the mixer's screen goes there), or -1.
    private let master: Int32
    private var ended = false
    /// TIOCSPTLCK and TIOCGPTN (<asm-generic/ioctls.h>), which Swift cannot import (macros).
    private static let setLock = UInt(0x4004_5431)
    private static let getNumber = UInt(0x8004_5430)

    init(_ executable: String, _ arguments: [String], environment: [String: String], terminal: Bool) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var slave: Int32 = -1
        if terminal {
            // posix_openpt and friends are not in Swift's Glibc module; they are these calls.
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard master >= 0, ioctl(master, Self.setLock, &unlock) == 0, ioctl(master, Self.getNumber, &number) == 0
            else { throw ValidationErrorMessage("cannot open a pseudo-terminal for the mixer (/dev/ptmx)") }
            slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard slave >= 0 else { throw ValidationErrorMessage("cannot open the pseudo-terminal /dev/pts/\(number)") }
            var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            for descriptor in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, descriptor) }
            posix_spawn_file_actions_addclose(&actions, master)
        } else {
            master = -1
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, envp)
        if slave >= 0 { close(slave) }
        guard spawned == 0 else {
            if master >= 0 { close(master) }
            throw ValidationErrorMessage("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
        if master >= 0 {
            // The screen must be read, or the mixer blocks once the terminal's queue is full.
            let descriptor = master
            Thread.detachNewThread {
                var chunk = [UInt8](repeating: 0, count: 4096)
                while read(descriptor, &chunk, chunk.count) > 0 {}
            }
        }
    }

    /// The child's CPU over the next `seconds`: the whole process and each thread by name.
    func measure(seconds: Double) -> BenchReport.LiveCPU.Window {
        let before = Self.threadNanoseconds(of: pid)
        usleep(UInt32(seconds * 1e6))
        let after = Self.threadNanoseconds(of: pid)
        var byName: [String: Double] = [:]
        for (thread, entry) in after {
            let used = Double(entry.nanoseconds - (before[thread]?.nanoseconds ?? 0))
            byName[entry.name, default: 0] += used / 1e9 / seconds * 100
        }
        return .init(percentOfCore: byName.values.reduce(0, +), threadsPercentOfCore: byName)
    }

    /// Keys for the mixer.
    func type(_ text: String) {
        guard master >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Asks the child to end (SIGINT: the mixer and `play` fade out and exit) and waits.
    func end() {
        guard !ended else { return }
        kill(pid, SIGINT)
        waitForExit(seconds: 10)
    }

    /// Waits for the child, killing it after `seconds`.
    func waitForExit(seconds: Double) {
        guard !ended else { return }
        var status: Int32 = 0
        let deadline = MonotonicClock.seconds() + seconds
        while waitpid(pid, &status, WNOHANG) == 0 {
            if MonotonicClock.seconds() > deadline { kill(pid, SIGKILL) }
            usleep(20_000)
        }
        ended = true
        if master >= 0 { close(master) }
    }

    /// Each thread's run time so far, with its name (the kernel's accounting).
    private static func threadNanoseconds(of pid: pid_t) -> [Int: (name: String, nanoseconds: Int64)] {
        var result: [Int: (name: String, nanoseconds: Int64)] = [:]
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            guard let thread = Int(task) else { continue }
            let directory = "/proc/\(pid)/task/\(task)"
            let name = readSmallFile(directory + "/comm")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            if let text = readSmallFile(directory + "/schedstat"), let first = text.split(separator: " ").first,
                let nanoseconds = Int64(first)
            {
                result[thread] = (name, nanoseconds)
            } else if let stat = readSmallFile(directory + "/stat"), let close = stat.lastIndex(of: ")") {
                // After the name: utime and stime are the 12th and 13th fields.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                guard fields.count > 12, let user = Int64(fields[11]), let system = Int64(fields[12]) else { continue }
                result[thread] = (name, (user + system) * 1_000_000_000 / Int64(sysconf(Int32(_SC_CLK_TCK))))
            }
        }
        return result
    }

    /// procfs files report a size of 0, which file APIs trust: read with `read(2)`.
    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0 else { return nil }
        return String(decoding: bytes[0..<count], as: UTF8.self)
    }
}
