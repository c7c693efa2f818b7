#if canImport(Glibc)
    import Glibc
#endif

/// `ctl`'s end of a session's socket: one connection, requests answered in turn.
public final class ControlClient {
    /// How long `ctl` waits for an answer. Opening a scene whose sounds must be
    /// trained first (a session writing to a file) can take a while.
    public static let replyTimeoutSeconds = 60
    /// A socket the session did not listen on for this long belongs to a dead session.
    static let staleAfterSeconds = 5

    public let session: String
    private let descriptor: Int32
    private var input = LineBuffer(maximumLineBytes: 16 * ControlProtocol.maximumLineBytes)

    /// Connects to the named session, or to the only one running when `session` is nil.
    public init(session: String?, directory: SessionDirectory) throws(ControlError) {
        let name: String
        if let session {
            try SessionDirectory.validate(sessionName: session)
            name = session
        } else {
            let live = Self.liveSessions(in: directory)
            guard live.count <= 1 else { throw .severalSessions(live) }
            guard let only = live.first else { throw .noSession(directory: directory.path) }
            name = only
        }
        let path = directory.socketPath(for: name)
        guard let descriptor = UnixSocket.make(nonBlocking: false) else {
            throw .system(action: "make a socket for", path: path, errno: errno)
        }
        let result = UnixSocket.connect(descriptor, to: path)
        guard result == 0 else {
            close(descriptor)
            if result == ENOENT || result == ECONNREFUSED { throw .noSuchSession(name: name, directory: directory.path) }
            throw .system(action: "connect to", path: path, errno: result)
        }
        UnixSocket.setTimeout(descriptor, seconds: Self.replyTimeoutSeconds)
        self.session = name
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Sends one request and waits for its reply.
    public func send(_ request: ControlRequest) throws(ControlError) -> ControlReply {
        try write(RequestParser.line(request))
        return try RequestParser.reply(readLine()).get()
    }

    /// Sends raw bytes as they are (for tests of what a session does with bad input).
    public func write(_ bytes: [UInt8]) throws(ControlError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else {
                if sent < 0, errno == EINTR { continue }
                throw .badReply("the session '\(session)' closed the connection (\(String(cString: strerror(errno))))")
            }
            offset += sent
        }
    }

    /// Reads the next reply line.
    public func readLine() throws(ControlError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let line = input.nextLine() { return line }
            guard !input.isOverflowing else { throw .badReply("the session's reply is longer than a reply can be") }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                input.append(contentsOf: chunk[..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else if count < 0, errno == EAGAIN {
                throw .badReply("the session '\(session)' did not answer within \(Self.replyTimeoutSeconds) s")
            } else {
                throw .badReply("the session '\(session)' closed the connection without an answer")
            }
        }
    }

    /// The sessions listening in `directory`, sorted. Sockets of sessions that died
    /// (nothing listens, and the file is older than a moment) are removed on the way;
    /// anything that is not a socket is left alone.
    public static func liveSessions(in directory: SessionDirectory) -> [String] {
        directory.socketNames().filter { name in
            let path = directory.socketPath(for: name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK, info.st_uid == getuid() else {
                return false
            }
            if UnixSocket.isListening(path) { return true }
            // A session binds, then listens a moment later: never remove a socket that young.
            if time(nil) - info.st_mtim.tv_sec > staleAfterSeconds { unlink(path) }
            return false
        }
    }
}
