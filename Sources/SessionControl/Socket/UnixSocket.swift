#if canImport(Glibc)
    import Glibc
#endif

/// The few socket calls the server and the client share, over Glibc's C types.
enum UnixSocket {
    /// A new Unix stream socket, close-on-exec; nil with errno set.
    static func make(nonBlocking: Bool) -> Int32? {
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let descriptor = socket(AF_UNIX, type, 0)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Calls `body` with the socket address of `path`; `path` must fit (see `fits`).
    static func withAddress<Result>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// Whether `path` fits in a socket address (108 bytes with its terminating zero).
    static func fits(_ path: String) -> Bool {
        path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path)
    }

    /// Connects `descriptor` to `path`; 0, or errno.
    static func connect(_ descriptor: Int32, to path: String) -> Int32 {
        withAddress(path) { address, length in Glibc.connect(descriptor, address, length) } == 0 ? 0 : errno
    }

    /// Linux's `struct ucred`, which Glibc declares only under _GNU_SOURCE: pid, uid, gid.
    private struct PeerCredentials {
        var pid: pid_t = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
    }

    /// The user id of the process at the other end (SO_PEERCRED, as the kernel saw it at
    /// connect), or nil when the kernel will not say.
    static func peerUserID(_ descriptor: Int32) -> uid_t? {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
            length == MemoryLayout<PeerCredentials>.size
        else { return nil }
        return credentials.uid
    }

    static func makeNonBlockingAndCloseOnExec(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
    }

    /// Whether a live session listens at `path`: a refused connection is a socket its
    /// session left behind when it died.
    static func isListening(_ path: String) -> Bool {
        guard let probe = make(nonBlocking: true) else { return true }
        defer { close(probe) }
        let result = connect(probe, to: path)
        // EAGAIN: the listener's queue is full, so it lives.
        return result == 0 || result == EAGAIN || result == EINPROGRESS
    }

    /// Sets a send and receive timeout on a blocking socket.
    static func setTimeout(_ descriptor: Int32, seconds: Int) {
        var time = timeval(tv_sec: seconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, size)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, size)
    }
}
