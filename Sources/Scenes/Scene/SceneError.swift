import TOMLSupport

/// What went wrong with a scene, a scene file or the lexicon, said for the person who can fix it.
public enum SceneError: Error, Equatable, CustomStringConvertible {
    /// The same problem, said as a scene problem: a scene file, the lexicon or the scene store.
    public init(_ error: FileError) {
        switch error {
        case .invalidFile(let path, let line, let reason): self = .invalidFile(path: path, line: line, reason: reason)
        case .fileSystem(let path, let reason): self = .fileSystem(path: path, reason: reason)
        }
    }

    /// Runs `body`, turning a `FileError` from reading or writing a file into the same `SceneError`.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError { throw SceneError(error) }
    }

    /// A file that cannot be used as it is: `path:line: reason`.
    case invalidFile(path: String, line: Int, reason: String)
    /// No user or built-in scene has this name, and it is not a file.
    case notFound(name: String, available: [String])
    /// A name that cannot be a scene file name.
    case invalidName(String)
    /// Built-in scenes live with the program and are not deleted.
    case builtInSceneIsReadOnly(name: String)
    /// Saving or deleting failed in the file system.
    case fileSystem(path: String, reason: String)
    /// No Themes directory (lexicon and built-in scenes) could be found.
    case themesNotFound(searched: [String])

    public var description: String {
        switch self {
        case .invalidFile(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .notFound(let name, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return
                "no scene named '\(name)' and no such file; scenes: \(list) (see `soundscape scenes list`)"
        case .invalidName(let name):
            return
                "'\(name)' cannot be a scene name; use letters, digits, '-' and '_' (for example 'evening-rain')"
        case .builtInSceneIsReadOnly(let name):
            return
                "'\(name)' is a built-in scene and cannot be deleted; save a copy under another name to change it"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        case .themesNotFound(let searched):
            return "cannot find the Themes directory (lexicon.toml and built-in scenes); looked in "
                + searched.joined(separator: ", ") + "; set SOUNDSCAPE_THEMES to its path"
        }
    }
}
