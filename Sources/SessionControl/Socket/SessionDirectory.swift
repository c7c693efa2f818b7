import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where sessions' sockets live: `$XDG_RUNTIME_DIR/soundscape/`, or `/tmp/soundscape-UID/`
/// when the variable is unset. The directory is this user's and no one else's (mode
/// 0700), so a socket in it is reachable only by the user, whatever its own mode.
public struct SessionDirectory: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The directory for this environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            path = (runtime.hasSuffix("/") ? String(runtime.dropLast()) : runtime) + "/soundscape"
        } else {
            path = "/tmp/soundscape-\(getuid())"
        }
    }

    /// The socket of a session.
    public func socketPath(for session: String) -> String { "\(path)/\(session).sock" }

    /// Refuses a name that could not be a file name here (or could escape the directory).
    public static func validate(sessionName name: String) throws(ControlError) {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
        }
        guard (1...64).contains(name.count), allowed, !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw .invalidSessionName(name)
        }
    }

    /// Makes the directory (0700), or checks that the one there is a real directory (not
    /// a symbolic link) of this user, and makes it private if it is not.
    public func prepare() throws(ControlError) {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw .system(action: "make the session directory", path: path, errno: errno)
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .system(action: "inspect", path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .unsafeDirectory(path: path, reason: "is not a directory") }
        guard info.st_uid == getuid() else {
            throw .unsafeDirectory(path: path, reason: "belongs to another user (uid \(info.st_uid))")
        }
        if info.st_mode & 0o777 != 0o700, chmod(path, 0o700) != 0 {
            throw .system(action: "make private (chmod 700)", path: path, errno: errno)
        }
    }

    /// The names of sessions with a socket here, live or not, sorted.
    public func socketNames() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return entries.filter { $0.hasSuffix(".sock") }.map { String($0.dropLast(5)) }
            .filter { (try? Self.validate(sessionName: $0)) != nil }.sorted()
    }
}
