import Foundation

/// The shipped recordings (`Sounds/`, credited in `Sounds/CREDITS.md`) and
/// how to decode them. Decoding lives in SoundscapeIO, above this module, so
/// the program hands it in: `read` returns a file's first `maximumSeconds`
/// as 48 kHz interleaved stereo.
public struct RecordingShelf: Sendable {
    /// The file whose presence marks a Sounds directory.
    public static let markerFile = "CREDITS.md"

    /// The `Sounds/` directory.
    public let directory: URL
    /// Decodes a file's first `maximumSeconds` into 48 kHz interleaved stereo; throws when it cannot.
    public let read: @Sendable (_ path: String, _ maximumSeconds: Double) throws -> [Float]

    public init(directory: URL, read: @escaping @Sendable (_ path: String, _ maximumSeconds: Double) throws -> [Float]) {
        self.directory = directory
        self.read = read
    }

    /// The path of `file` ("rain/light-rain.ogg") on the shelf.
    public func path(of file: String) -> String { directory.appendingPathComponent(file).path }

    /// Finds `Sounds/` the way `Themes/` is found: `$SOUNDSCAPE_SOUNDS` when set,
    /// else walking up from the executable's directory, at each level `Sounds/`
    /// (a source checkout) and `share/soundscape/Sounds/` (an install prefix),
    /// then `/usr/local/share/soundscape/Sounds` and `/usr/share/soundscape/Sounds`.
    /// Nil when none holds `CREDITS.md`: recorded sounds then learn from their
    /// synthesizers, as every sound did before recordings shipped.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment, executablePath: String?
    ) -> URL? {
        if let named = environment["SOUNDSCAPE_SOUNDS"], !named.isEmpty {
            return holdsCredits(named) ? URL(fileURLWithPath: named) : nil
        }
        if let executablePath {
            var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            while true {
                for candidate in ["Sounds", "share/soundscape/Sounds"] {
                    let url = directory.appendingPathComponent(candidate)
                    if holdsCredits(url.path) { return url }
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return ["/usr/local/share/soundscape/Sounds", "/usr/share/soundscape/Sounds"].first(where: holdsCredits)
            .map { URL(fileURLWithPath: $0) }
    }

    private static func holdsCredits(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(markerFile))
    }
}
