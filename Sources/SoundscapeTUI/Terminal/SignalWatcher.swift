import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGCONT into flags the app
/// loop checks every frame, so the loop — not a signal handler — ends the
/// screen and fades the audio: the terminal is restored on every exit path.
///
/// Create it before the terminal: ncurses installs its own handlers only for
/// signals still at their default, and these must not be.
final class SignalWatcher: Sendable {
    /// The terminating signal received, 0 for none yet.
    private let terminating = Atomic<Int32>(0)
    private let suspendRequests = Atomic<Int>(0)
    private let resumes = Atomic<Int>(0)
    private nonisolated(unsafe) var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "soundscape.signals")

    init() {
        // A parent may have started us with these blocked (a test runner's
        // threads do); blocked, they would never arrive and the screen would
        // neither follow a resize nor end on Ctrl-C.
        var watched = sigset_t()
        sigemptyset(&watched)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH] { sigaddset(&watched, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &watched, nil)
        var made: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT] {
            // Ignored at the C level so the default action (terminate, stop)
            // never runs; the dispatch source still hears every one.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in self?.received(signalNumber) }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// The first terminating signal received (SIGINT, SIGTERM, SIGHUP), if any.
    var terminatingSignal: Int32? {
        let value = terminating.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// True once per Ctrl-Z.
    func takeSuspendRequest() -> Bool {
        suspendRequests.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    /// True once per SIGCONT.
    func takeResume() -> Bool {
        resumes.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    private func received(_ signalNumber: Int32) {
        switch signalNumber {
        case SIGTSTP: suspendRequests.add(1, ordering: .releasing)
        case SIGCONT: resumes.add(1, ordering: .releasing)
        default:
            _ = terminating.compareExchange(
                expected: 0, desired: signalNumber, ordering: .acquiringAndReleasing)
        }
    }
}
