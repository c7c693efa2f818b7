import Foundation

/// Finds `Themes/` — the lexicon and the built-in scenes — from an installed or freshly built binary.
///
/// Looked for in this order; the first directory holding `lexicon.toml` wins:
/// 1. `$SOUNDSCAPE_THEMES`, when set (and an error if it does not hold `lexicon.toml`, so a
///    wrong setting is never silently ignored);
/// 2. the configuration's `themes` (see `ConfigFile`), likewise an error without `lexicon.toml`;
/// 3. walking up from the executable's own directory (symlinks resolved), at each level
///    `Themes/` (a source checkout: `.build/release/soundscape` finds `Themes/` at the root)
///    and `share/soundscape/Themes/` (an install prefix: `/opt/x/bin/soundscape` finds
///    `/opt/x/share/soundscape/Themes`);
/// 4. `/usr/local/share/soundscape/Themes`, then `/usr/share/soundscape/Themes`.
public enum ThemesDirectory {
    /// The file whose presence marks a Themes directory.
    public static let markerFile = "lexicon.toml"

    /// The Themes directory's path.
    /// - Parameter configured: The configuration's `themes` setting and where it is written
    ///   (`path:line`), for the message when it holds no lexicon.
    /// - Throws: `SceneError.themesNotFound` listing every place looked at.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = currentExecutablePath(),
        configured: (directory: String, location: String)? = nil
    ) throws -> String {
        if let named = environment["SOUNDSCAPE_THEMES"], !named.isEmpty {
            guard holdsLexicon(named) else {
                throw SceneError.themesNotFound(searched: [
                    "SOUNDSCAPE_THEMES=\(named) (no \(markerFile) there)"
                ])
            }
            return named
        }
        if let configured {
            guard holdsLexicon(configured.directory) else {
                throw SceneError.themesNotFound(searched: [
                    "themes = \(configured.directory) in \(configured.location) (no \(markerFile) there)"
                ])
            }
            return configured.directory
        }
        var searched: [String] = []
        if let executablePath {
            var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            while true {
                for candidate in [
                    directory.appendingPathComponent("Themes"),
                    directory.appendingPathComponent("share/soundscape/Themes"),
                ] {
                    searched.append(candidate.path)
                    if holdsLexicon(candidate.path) { return candidate.path }
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        for fixed in ["/usr/local/share/soundscape/Themes", "/usr/share/soundscape/Themes"] {
            searched.append(fixed)
            if holdsLexicon(fixed) { return fixed }
        }
        throw SceneError.themesNotFound(
            searched: searched.count > 6
                ? Array(searched.prefix(2)) + ["… (parents)"] + searched.suffix(2) : searched)
    }

    /// The running program's path, from `/proc/self/exe` where there is one.
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    private static func holdsLexicon(_ directory: String) -> Bool {
        FileManager.default.fileExists(
            atPath: (directory as NSString).appendingPathComponent(markerFile))
    }
}
