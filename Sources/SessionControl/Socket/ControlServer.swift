import AudioEngine
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Listens for `ctl` on a session's Unix socket, on a thread of its own.
///
/// The server only reads, parses and writes: requests go into a queue that the session's
/// control thread (the mixer's main loop, `play`'s loop) empties with `answerPending`, so
/// the scene state has one owner and keys and `ctl` never fight. Malformed requests are
/// answered here at once. Every connection is bounded — one line of 64 KiB in, 1 MiB of
/// replies out, 16 connections at a time, a minute of silence — and one over a bound is
/// closed; nothing here can block the session or the audio.
public final class ControlServer: @unchecked Sendable {
    /// Connections served at once; more are told so and closed.
    public static let maximumConnections = 16
    /// Reply bytes a connection may leave unread before it is dropped.
    public static let maximumUnreadReplyBytes = 1 << 20
    /// A connection that sends nothing for this long, with no request pending, is closed.
    public static let idleSeconds = 60.0

    public let sessionName: String
    public let socketPath: String
    private let listener: Int32
    /// The socket file's inode, so `stop` removes only the file this server made.
    private let socketInode: ino_t
    /// Wakes the server thread (replies to send, or stop): a pipe's reading and writing ends.
    private let wakeServer: Int32
    private let wakeServerWriter: Int32
    /// Readable while requests wait for the control thread; poll it beside other input.
    public let requestSignal: Int32
    private let requestSignalWriter: Int32
    private let exchange = Mutex(Exchange())
    /// The session as its control thread last published it, for readers on other threads (MPRIS).
    private let published = Mutex<SessionStatus?>(nil)
    private let stopping = Atomic<Bool>(false)
    private var thread: EngineThread?

    private struct Exchange {
        var requests: [(connection: UInt64, request: ControlRequest)] = []
        var replies: [(connection: UInt64, reply: ControlReply)] = []
    }

    /// Binds `session`'s socket in `directory` (made private if need be), removing a socket
    /// a dead session left behind, and refusing a name a live session holds. Call `start()`.
    public init(session: String, directory: SessionDirectory) throws(ControlError) {
        try SessionDirectory.validate(sessionName: session)
        try directory.prepare()
        let path = directory.socketPath(for: session)
        guard UnixSocket.fits(path) else {
            throw .system(action: "listen on", path: path, errno: ENAMETOOLONG)
        }
        try Self.removeStaleSocket(at: path, session: session)
        guard let listener = UnixSocket.make(nonBlocking: true) else {
            throw .system(action: "make a socket for", path: path, errno: errno)
        }
        let bound = UnixSocket.withAddress(path) { address, length in bind(listener, address, length) }
        if bound != 0 {
            let number = errno
            close(listener)
            if number == EADDRINUSE { throw .sessionRunning(name: session, path: path) }
            throw .system(action: "listen on", path: path, errno: number)
        }
        var info = stat()
        // The directory is private already; the socket's own mode says so again.
        guard chmod(path, 0o600) == 0, lstat(path, &info) == 0, listen(listener, 64) == 0 else {
            let number = errno
            close(listener)
            unlink(path)
            throw .system(action: "listen on", path: path, errno: number)
        }
        sessionName = session
        socketPath = path
        self.listener = listener
        socketInode = info.st_ino
        (wakeServer, wakeServerWriter) = Self.makeWakePipe()
        (requestSignal, requestSignalWriter) = Self.makeWakePipe()
    }

    deinit {
        stop()
        for descriptor in [wakeServer, wakeServerWriter, requestSignal, requestSignalWriter] { close(descriptor) }
    }

    /// A socket at `path` whose session died is removed; a live one refuses the name.
    /// Anything else there (a file, a symbolic link) is left alone and refused, never followed.
    private static func removeStaleSocket(at path: String, session: String) throws(ControlError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw .unsafeDirectory(path: path, reason: "is not a socket")
        }
        if UnixSocket.isListening(path) { throw .sessionRunning(name: session, path: path) }
        unlink(path)
    }

    /// Starts serving on the server's own thread.
    public func start() {
        guard thread == nil else { return }
        thread = EngineThread(name: "soundscape-ctl") { [self] in serve() }
    }

    /// Stops serving, closes every connection and removes the socket. Safe to call twice.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Self.signal(wakeServerWriter)
        thread?.join()
        close(listener)
        var info = stat()
        if lstat(socketPath, &info) == 0, info.st_ino == socketInode { unlink(socketPath) }
    }

    // MARK: The control thread's side

    /// Waits until a request is waiting, one of `descriptors` is readable (a signal's wake-up
    /// pipe, say), or `timeoutMilliseconds` pass (negative: no limit).
    public func waitForRequests(timeoutMilliseconds: Int32, orReadable descriptors: [Int32] = []) {
        var polled = [pollfd(fd: requestSignal, events: Int16(POLLIN), revents: 0)]
        for descriptor in descriptors { polled.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&polled, nfds_t(polled.count), timeoutMilliseconds)
    }

    /// Carries out every waiting request with `handle`, on the calling thread, and sends
    /// the replies. Returns how many there were.
    @discardableResult
    public func answerPending(_ handle: (ControlRequest) -> ControlReply) -> Int {
        Self.drain(requestSignal)
        let requests = exchange.withLock { exchange in
            defer { exchange.requests.removeAll() }
            return exchange.requests
        }
        guard !requests.isEmpty else { return 0 }
        for (connection, request) in requests {
            var reply = handle(request)
            reply.status?.session = sessionName
            reply.status?.pid = Int(getpid())
            exchange.withLock { $0.replies.append((connection, reply)) }
            Self.signal(wakeServerWriter)
        }
        return requests.count
    }

    /// Makes `status` what other threads see of the session (`publishedStatus`); the
    /// control thread calls it as the session changes.
    public func publish(_ status: SessionStatus) {
        var status = status
        status.session = sessionName
        status.pid = Int(getpid())
        published.withLock { $0 = status }
    }

    /// The session as last published, or nil before the first `publish`.
    public var publishedStatus: SessionStatus? { published.withLock { $0 } }

    /// Queues a request from inside the process (MPRIS), carried out on the control thread
    /// like any `ctl` request; its reply goes nowhere.
    public func submit(_ request: ControlRequest) {
        // Connection 0 is never a real connection (their numbers start at 1).
        exchange.withLock { $0.requests.append((0, request)) }
        Self.signal(requestSignalWriter)
    }

    // MARK: The server thread

    private func serve() {
        var connections: [ServerConnection] = []
        var nextID: UInt64 = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !stopping.load(ordering: .acquiring) {
            for index in connections.indices { flush(&connections[index]) }
            connections.removeAll { connection in
                let idle = !connection.awaitingReply
                    && MonotonicClock.seconds() - connection.lastActivity > Self.idleSeconds
                let drop = connection.isFinished || idle || connection.output.count > Self.maximumUnreadReplyBytes
                if drop { close(connection.descriptor) }
                return drop
            }
            var descriptors = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeServer, events: Int16(POLLIN), revents: 0),
            ]
            for connection in connections {
                var events: Int32 = 0
                if connection.wantsToRead { events |= Int32(POLLIN) }
                if !connection.output.isEmpty { events |= Int32(POLLOUT) }
                // A closed peer with nothing to write would report POLLHUP on every turn: leave it out.
                let quiet = connection.peerClosed && connection.output.isEmpty
                descriptors.append(pollfd(fd: quiet ? -1 : connection.descriptor, events: Int16(events), revents: 0))
            }
            // Without connections there is nothing to time out: sleep until one comes.
            let ready = poll(&descriptors, nfds_t(descriptors.count), connections.isEmpty ? -1 : 1000)
            if ready < 0 { continue }  // EINTR; nothing else is expected of a valid set
            if descriptors[1].revents != 0 {
                Self.drain(wakeServer)
                deliverReplies(to: &connections)
            }
            for index in connections.indices {
                let events = Int32(descriptors[index + 2].revents)
                if events & Int32(POLLERR | POLLNVAL) != 0 {
                    connections[index].closeWhenFlushed = true
                    connections[index].output.removeAll()
                    connections[index].awaitingReply = false
                } else if events & Int32(POLLIN | POLLHUP) != 0 {
                    if connections[index].wantsToRead {
                        read(&connections[index], into: &chunk)
                    } else {
                        connections[index].peerClosed = true  // hung up while its request is out
                    }
                }
                takeRequests(from: &connections[index])
            }
            if descriptors[0].revents & Int16(POLLIN) != 0 { accept(into: &connections, nextID: &nextID) }
        }
        for connection in connections { close(connection.descriptor) }
    }

    private func accept(into connections: inout [ServerConnection], nextID: inout UInt64) {
        // A bounded number per turn, so a flood of connections cannot starve the others.
        for _ in 0..<64 {
            let descriptor = Glibc.accept(listener, nil, nil)
            guard descriptor >= 0 else { return }
            UnixSocket.makeNonBlockingAndCloseOnExec(descriptor)
            guard UnixSocket.peerUserID(descriptor) == getuid() else {
                close(descriptor)
                continue
            }
            guard connections.count < Self.maximumConnections else {
                let line = RequestParser.line(
                    ControlReply.refused("too many ctl connections (\(Self.maximumConnections)); try again"))
                _ = line.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(descriptor)
                continue
            }
            nextID += 1
            connections.append(ServerConnection(id: nextID, descriptor: descriptor, now: MonotonicClock.seconds()))
        }
    }

    private func read(_ connection: inout ServerConnection, into chunk: inout [UInt8]) {
        let count = chunk.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            chunk.withUnsafeBytes { connection.input.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            connection.lastActivity = MonotonicClock.seconds()
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            connection.peerClosed = true
        }
    }

    /// Hands the connection's next request to the session, answering bad ones at once.
    private func takeRequests(from connection: inout ServerConnection) {
        while !connection.awaitingReply, !connection.closeWhenFlushed {
            guard let line = connection.input.nextLine() else {
                if connection.input.isOverflowing {
                    connection.queue(.refused(ControlError.lineTooLong(limit: connection.input.maximumLineBytes).description))
                    connection.closeWhenFlushed = true
                }
                return
            }
            switch RequestParser.parse(line) {
            case .success(let request):
                connection.awaitingReply = true
                exchange.withLock { $0.requests.append((connection.id, request)) }
                Self.signal(requestSignalWriter)
            case .failure(let error):
                connection.queue(.refused(error.description))
                if case .lineTooLong = error { connection.closeWhenFlushed = true }
            }
        }
    }

    private func deliverReplies(to connections: inout [ServerConnection]) {
        let replies = exchange.withLock { exchange in
            defer { exchange.replies.removeAll() }
            return exchange.replies
        }
        for (id, reply) in replies {
            // A connection that went away before its answer simply misses it.
            guard let index = connections.firstIndex(where: { $0.id == id }) else { continue }
            connections[index].queue(reply)
            connections[index].awaitingReply = false
            connections[index].lastActivity = MonotonicClock.seconds()
            takeRequests(from: &connections[index])
        }
    }

    private func flush(_ connection: inout ServerConnection) {
        while !connection.output.isEmpty {
            let sent = connection.output.withUnsafeBytes {
                send(connection.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if sent > 0 {
                connection.output.removeFirst(sent)
            } else {
                if sent < 0, errno == EAGAIN || errno == EINTR { return }
                // The peer is gone: nothing more can reach it.
                connection.output.removeAll()
                connection.closeWhenFlushed = true
                connection.awaitingReply = false
                return
            }
        }
    }

    /// A non-blocking pipe whose reading end is readable while a wake-up is pending.
    /// (Glibc's eventfd does not reach Swift; a pipe does the same.)
    private static func makeWakePipe() -> (reader: Int32, writer: Int32) {
        var ends: [Int32] = [-1, -1]
        // Out of descriptors before the session even plays: the process cannot go on usefully.
        precondition(pipe(&ends) == 0, "cannot make a pipe: errno \(errno)")
        for end in ends { UnixSocket.makeNonBlockingAndCloseOnExec(end) }
        return (ends[0], ends[1])
    }

    /// Wakes the reader; a full pipe already holds a wake-up, so a failed write loses nothing.
    private static func signal(_ writer: Int32) {
        var one: UInt8 = 1
        _ = write(writer, &one, 1)
    }

    /// Takes every pending wake-up.
    private static func drain(_ reader: Int32) {
        var bytes = [UInt8](repeating: 0, count: 64)
        while Glibc.read(reader, &bytes, bytes.count) > 0 {}
    }
}
