import Foundation
import SoundLibrary
import TOMLSupport

/// Scenes on disk: the user's own, saved by name, and the built-in ones shipped in `Themes/`.
///
/// User scenes live in `$XDG_DATA_HOME/soundscape/scenes/` (`~/.local/share/soundscape/scenes/`
/// when XDG_DATA_HOME is unset), one `NAME.toml` each, and shadow a built-in scene of the same
/// name. Saving is atomic (see `AtomicFile`): a crash mid-save leaves the previous file intact.
public struct SceneStore: Sendable {
    /// Where the user's scenes are saved.
    public let userDirectory: String
    /// The `Themes/` directory with the built-in scenes, if there is one.
    public let builtInDirectory: String?
    /// The sounds scenes may use.
    public let catalog: SoundCatalog

    /// One scene the store can load.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var path: String
        public var isBuiltIn: Bool
    }

    public init(userDirectory: String, builtInDirectory: String?, catalog: SoundCatalog = .builtIn) {
        self.userDirectory = userDirectory
        self.builtInDirectory = builtInDirectory
        self.catalog = catalog
    }

    /// `$XDG_DATA_HOME/soundscape/scenes`, or `~/.local/share/soundscape/scenes`.
    public static func defaultUserDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        // The XDG spec says to ignore relative paths in XDG variables.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/soundscape/scenes" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/soundscape/scenes"
    }

    /// Every scene by name: the user's first, then built-in ones not shadowed by a user scene; each group sorted.
    public func list() -> [Entry] {
        let user = Self.sceneFiles(in: userDirectory).map { Entry(name: $0.name, path: $0.path, isBuiltIn: false) }
        let userNames = Set(user.map(\.name))
        let builtIn = builtInDirectory.map { Self.sceneFiles(in: $0) } ?? []
        return user
            + builtIn.filter { !userNames.contains($0.name) }.map {
                Entry(name: $0.name, path: $0.path, isBuiltIn: true)
            }
    }

    /// The scene called `nameOrPath`: a user scene, else a built-in one; a path (with a `/` or
    /// ending in `.toml`) is read as a file.
    public func load(_ nameOrPath: String) throws -> LoadedScene {
        try SceneFile.read(path: try path(of: nameOrPath), catalog: catalog)
    }

    /// The file `nameOrPath` refers to.
    public func path(of nameOrPath: String) throws -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") { return nameOrPath }
        if let entry = list().first(where: { $0.name == nameOrPath }) { return entry.path }
        throw SceneError.notFound(name: nameOrPath, available: list().map(\.name))
    }

    /// Saves `scene` as the user scene `name`, replacing any previous one atomically.
    /// - Returns: the file's path.
    @discardableResult
    public func save(_ scene: Scene, as name: String) throws -> String {
        try save(scene, as: name, beforeRename: nil)
    }

    /// `save`, with a hook between writing the temporary file and renaming it (for crash tests).
    func save(_ scene: Scene, as name: String, beforeRename: ((String) throws -> Void)?) throws -> String {
        try Self.checkName(name)
        do {
            try FileManager.default.createDirectory(atPath: userDirectory, withIntermediateDirectories: true)
        } catch {
            throw SceneError.fileSystem(path: userDirectory, reason: "cannot create the scenes directory")
        }
        let path = userDirectory + "/" + name + ".toml"
        try SceneError.reporting {
            try AtomicFile.write(SceneFile.text(of: scene), to: path, beforeRename: beforeRename)
        }
        return path
    }

    /// Deletes the user scene `name`; built-in scenes cannot be deleted.
    public func delete(_ name: String) throws {
        try Self.checkName(name)
        let path = userDirectory + "/" + name + ".toml"
        guard FileManager.default.fileExists(atPath: path) else {
            if list().contains(where: { $0.name == name && $0.isBuiltIn }) {
                throw SceneError.builtInSceneIsReadOnly(name: name)
            }
            throw SceneError.notFound(name: name, available: list().filter { !$0.isBuiltIn }.map(\.name))
        }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw SceneError.fileSystem(path: path, reason: "cannot delete: \(error.localizedDescription)")
        }
    }

    /// Scene names become file names: keep them to letters, digits, '-' and '_'.
    static func checkName(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard allowed, !name.isEmpty, name.count <= 64, name.first != "-" else { throw SceneError.invalidName(name) }
    }

    /// `NAME.toml` files in `directory`, except the lexicon and temporary files of interrupted saves.
    private static func sceneFiles(in directory: String) -> [(name: String, path: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.sorted().compactMap { file in
            guard file.hasSuffix(".toml"), !file.hasPrefix("."), file != ThemesDirectory.markerFile else { return nil }
            return (String(file.dropLast(5)), directory + "/" + file)
        }
    }
}
