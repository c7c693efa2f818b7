import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one place the program hears SIGINT, SIGTERM and SIGHUP (and, for the
/// mixer, SIGTSTP and SIGCONT): a dispatch queue receives them, never a C
/// handler, so what follows — a fade, restoring the terminal, finishing a
/// file — runs as ordinary code.
///
/// Two ways to use it:
/// - Headless (`play`, `render`, `learn`): `onStop` runs on the first
///   terminating signal; Ctrl-Z and `fg` keep their default actions, so the
///   process stops and resumes (a device's underrun on resuming is recovered
///   and counted like any xrun). A second terminating signal while the first
///   is handled exits at once with 130, for a user who finds the fade too
///   slow; files being written register their hidden temporary names with
///   `removeOnForcedExit` and are deleted before that exit.
/// - A terminal app (the mixer): `handlesJobControl` makes Ctrl-Z and SIGCONT
///   flags too, and nothing exits behind the app's back: its loop checks
///   `terminatingSignal`, `takeSuspendRequest()` and `takeResume()` every frame
///   and restores the terminal on every way out. Create it before the terminal:
///   ncurses installs its own handlers only for signals still at their default.
public final class SignalWatcher: @unchecked Sendable {
    private static let terminatingSignals = [SIGINT, SIGTERM, SIGHUP]

    private let terminating = Atomic<Int32>(0)
    private let suspendRequests = Atomic<Int>(0)
    private let resumes = Atomic<Int>(0)
    /// Serialises the handlers and `forcedExitPaths`.
    private let queue = DispatchQueue(label: "soundscape.signals")
    private var sources: [DispatchSourceSignal] = []
    private var forcedExitPaths: [String] = []
    private let exitsOnSecondSignal: Bool
    /// A pipe whose read end turns readable when a signal arrives, so a loop asleep in
    /// poll(2) wakes for it: the signals are ignored at the C level, so they interrupt nothing.
    private var wakePipe: [Int32] = [-1, -1]

    /// Readable after a signal arrived (read it empty with `drainWake()`), so an app's loop
    /// can sleep in poll(2) until a key, a request or a signal instead of looking every so often.
    public var wakeDescriptor: Int32 { wakePipe[0] }

    /// Starts watching. `onStop` runs (on the watcher's queue) on the first terminating signal.
    public init(handlesJobControl: Bool = false, onStop: (@Sendable (Int32) -> Void)? = nil) {
        exitsOnSecondSignal = !handlesJobControl
        if pipe(&wakePipe) == 0 {
            for descriptor in wakePipe {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        // A program started by another (a test runner, a service manager) may inherit these
        // signals blocked; blocked, they would never arrive.
        var mask = sigset_t()
        sigemptyset(&mask)
        let watched = Self.terminatingSignals + (handlesJobControl ? [SIGTSTP, SIGCONT] : [])
        for signalNumber in watched {
            sigaddset(&mask, signalNumber)
            // Ignored at the C level so the default action (terminate, stop) never runs;
            // the dispatch source still hears every one.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in received(signalNumber, onStop: onStop) }
            source.resume()
            sources.append(source)
        }
        if handlesJobControl {
            sigaddset(&mask, SIGWINCH)
        } else {
            // Ctrl-Z must suspend even when the parent ignored or blocked job control for its children.
            for signalNumber in [SIGTSTP, SIGCONT] {
                sigaddset(&mask, signalNumber)
                signal(signalNumber, SIG_DFL)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    deinit {
        for source in sources { source.cancel() }
        for descriptor in wakePipe where descriptor >= 0 { close(descriptor) }
    }

    /// Makes `wakeDescriptor` readable as a signal does, for another event the loop sleeping
    /// on it must see (the engine stopping by itself). Never blocks; safe from any thread.
    public func wake() {
        var byte: UInt8 = 1
        if wakePipe[1] >= 0 { _ = write(wakePipe[1], &byte, 1) }
    }

    /// Empties the wake pipe (after a poll saw it readable).
    public func drainWake() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while wakePipe[0] >= 0, read(wakePipe[0], &bytes, bytes.count) > 0 {}
    }

    /// The first terminating signal received (SIGINT, SIGTERM, SIGHUP), if any.
    public var terminatingSignal: Int32? {
        let value = terminating.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// True once per Ctrl-Z (with `handlesJobControl`).
    public func takeSuspendRequest() -> Bool {
        suspendRequests.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    /// True once per SIGCONT (with `handlesJobControl`).
    public func takeResume() -> Bool {
        resumes.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    /// Deletes `path` (a file's unfinished temporary) if a second signal forces an
    /// immediate exit. Deleting a file that was meanwhile renamed into place finished
    /// does nothing, so a complete file is never lost.
    public func removeOnForcedExit(_ path: String) {
        queue.sync { forcedExitPaths.append(path) }
    }

    private func received(_ signalNumber: Int32, onStop: (@Sendable (Int32) -> Void)?) {
        defer {
            var byte: UInt8 = 1
            _ = write(wakePipe[1], &byte, 1)
        }
        switch signalNumber {
        case SIGTSTP: suspendRequests.add(1, ordering: .releasing)
        case SIGCONT: resumes.add(1, ordering: .releasing)
        default:
            let first = terminating.compareExchange(
                expected: 0, desired: signalNumber, ordering: .acquiringAndReleasing
            ).exchanged
            if first {
                onStop?(signalNumber)
            } else if exitsOnSecondSignal {
                for path in forcedExitPaths { unlink(path) }
                exit(130)
            }
        }
    }
}
