import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A plain POSIX thread for the engine's long-running loops (the audio
/// thread, the generation workers). Swift concurrency's cooperative pool is
/// the wrong tool for them: they block on the device or sleep between blocks,
/// and must never wait behind unrelated tasks.
package final class EngineThread: @unchecked Sendable {
    private var thread: pthread_t
    private let isJoined = Atomic<Bool>(false)

    /// Starts `body` on a new thread called `name` (the first 15 bytes show
    /// in `top -H` and `ps -L`, so a user can see what uses the CPU).
    package init(name: String, _ body: @escaping @Sendable () -> Void) {
        final class Start: @unchecked Sendable {
            let name: String
            let body: @Sendable () -> Void
            init(name: String, body: @escaping @Sendable () -> Void) {
                self.name = name
                self.body = body
            }
        }
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { argument in
                let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
                EngineThread.nameCurrentThread(start.name)
                start.body()
                return nil
            }, start)
        // Failing to start a thread means the process is out of resources; the
        // engine cannot do its job at all, and no user input causes this.
        precondition(result == 0, "cannot start thread \(name): error \(result)")
        self.thread = thread
    }

    /// Names the calling thread through procfs: Glibc's `pthread_setname_np`
    /// is a GNU extension Swift does not import. A failure only leaves the
    /// thread unnamed.
    private static func nameCurrentThread(_ name: String) {
        guard let file = fopen("/proc/thread-self/comm", "w") else { return }
        fputs(String(name.utf8.prefix(15)) ?? "soundscape", file)
        fclose(file)
    }

    /// Waits for the thread to finish. Safe to call more than once, from one thread at a time.
    package func join() {
        if isJoined.exchange(true, ordering: .acquiringAndReleasing) { return }
        pthread_join(thread, nil)
    }

    /// Whether the caller is this thread (joining oneself would deadlock).
    package var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }
}
