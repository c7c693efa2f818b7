import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into a call on a dispatch queue, so a headless
/// command can fade out and close its device instead of dying mid-period (SIGHUP:
/// the terminal `play` was started from closed). SIGTSTP and SIGCONT keep their
/// default actions: the process stops and resumes, and the device's underrun on
/// resuming is recovered and counted like any other xrun.
///
/// A second signal while the first is being handled exits at once (status 130),
/// for a user who presses Ctrl-C twice because the fade feels too slow. That exit
/// skips every cleanup on the way out, so files being written register their hidden
/// temporary names with `removeOnForcedExit`: they are deleted before it.
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    /// Serialises the handlers and `forcedExitPaths`.
    private let queue = DispatchQueue(label: "soundscape.signals")
    private var received = false
    private var forcedExitPaths: [String] = []

    /// Calls `handler` on the first SIGINT, SIGTERM or SIGHUP.
    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        // A program started by another (a test runner, a service manager) may inherit
        // these signals blocked; unblock them, then let dispatch take them instead of
        // the default action that kills the process.
        var mask = sigset_t()
        sigemptyset(&mask)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&mask, signalNumber)
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in
                if received {
                    for path in forcedExitPaths { unlink(path) }
                    exit(130)
                }
                received = true
                handler(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
        // Ctrl-Z must suspend even when the parent ignored or blocked job control for its children.
        for signalNumber in [SIGTSTP, SIGCONT] {
            sigaddset(&mask, signalNumber)
            signal(signalNumber, SIG_DFL)
        }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// Deletes `path` (a file's unfinished temporary) if a second signal forces an
    /// immediate exit. Deleting a file that was meanwhile renamed into place finished
    /// does nothing, so a complete file is never lost.
    func removeOnForcedExit(_ path: String) {
        queue.sync { forcedExitPaths.append(path) }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
