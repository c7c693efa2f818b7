#if canImport(Glibc)
    import Glibc
#endif

/// Everything that goes wrong between `ctl` and a session, each as one line a person can act on.
public enum ControlError: Error, Equatable, CustomStringConvertible {
    /// A request that is not valid protocol: the reason, naming the field or the value.
    case badRequest(String)
    /// A request line longer than the protocol allows; its connection is closed.
    case lineTooLong(limit: Int)
    /// A session name with characters that do not belong in a file name.
    case invalidSessionName(String)
    /// The socket directory exists but is not a private directory of this user.
    case unsafeDirectory(path: String, reason: String)
    /// A system call failed: what was being done, on which path, and errno.
    case system(action: String, path: String, errno: Int32)
    /// Another live session already listens under this name.
    case sessionRunning(name: String, path: String)
    /// No session listens at all.
    case noSession(directory: String)
    /// Several sessions listen and none was named.
    case severalSessions([String])
    /// The named session is not running.
    case noSuchSession(name: String, directory: String)
    /// The session closed the connection or sent something that is not a reply.
    case badReply(String)
    /// MPRIS could not start: no D-Bus session bus, or no name on it (errno).
    case noMediaKeys(errno: Int32)

    public var description: String {
        switch self {
        case .badRequest(let reason): return reason
        case .lineTooLong(let limit):
            return "the request line is longer than \(limit) bytes; the connection is closed"
        case .invalidSessionName(let name):
            return "session name \(Quoted(name)) must be 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'"
        case .unsafeDirectory(let path, let reason):
            return "\(path) \(reason); remove it, and the session makes a private one"
        case .system(let action, let path, let number):
            return "cannot \(action) \(path): \(String(cString: strerror(number)))"
        case .sessionRunning(let name, let path):
            return "a session named '\(name)' is already running (\(path)); choose another --session name"
        case .noSession(let directory):
            return "no soundscape session is running (none listens in \(directory)); start one with `soundscape` or `soundscape play`"
        case .severalSessions(let names):
            return "\(names.count) sessions are running (\(names.joined(separator: ", "))); pick one with --session NAME"
        case .noSuchSession(let name, let directory):
            return "no session named '\(name)' is running (none listens in \(directory)); `soundscape ctl list` shows them"
        case .badReply(let reason): return reason
        case .noMediaKeys(let number):
            return "no media keys (MPRIS): cannot use the D-Bus session bus (\(String(cString: strerror(number)))); playing on without them"
        }
    }
}

/// A user's string in an error message: quoted, control characters escaped, and cut short,
/// so a message stays one readable line whatever was sent.
struct Quoted: CustomStringConvertible {
    static let maximumCharacters = 40
    let text: String
    init(_ text: String) { self.text = text }

    var description: String {
        let short = text.count > Self.maximumCharacters ? String(text.prefix(Self.maximumCharacters)) + "…" : text
        var quoted = "'"
        for scalar in short.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "'" {
                quoted += scalar.escaped(asASCII: false)
            } else {
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }
}
