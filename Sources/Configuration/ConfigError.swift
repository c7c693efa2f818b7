import TOMLSupport

/// Why the configuration file cannot be used, said for the person who can fix it.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// A setting or the TOML itself is wrong: `path:line: reason`.
    case invalidFile(path: String, line: Int, reason: String)
    /// The file cannot be read at all (missing when named by `SOUNDSCAPE_CONFIG`, a directory, unreadable).
    case unreadable(path: String, reason: String)

    /// The same problem, said as a configuration problem.
    public init(_ error: FileError) {
        switch error {
        case .invalidFile(let path, let line, let reason): self = .invalidFile(path: path, line: line, reason: reason)
        case .fileSystem(let path, let reason): self = .unreadable(path: path, reason: reason)
        }
    }

    public var description: String {
        switch self {
        case .invalidFile(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}
