/// A human-edited file (a scene, the lexicon, the configuration) that cannot be used,
/// said for the person who can fix it.
public enum FileError: Error, Equatable, CustomStringConvertible {
    /// A file that cannot be used as it is: `path:line: reason`.
    case invalidFile(path: String, line: Int, reason: String)
    /// Reading or writing failed in the file system.
    case fileSystem(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidFile(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .fileSystem(let path, let reason): return "\(path): \(reason)"
        }
    }
}

/// Something in a file that was accepted but deserves a look: `path:line: warning: message`.
public struct FileWarning: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): warning: \(message)" }
}
