/// The user's standing preferences, read from `config.toml` (see `ConfigFile`).
///
/// Every setting is optional: nil means "not set", and the program's own default
/// applies. A command-line option always wins over the file, so a command reads
/// `option ?? config.setting ?? built-in default`.
public struct Config: Equatable, Sendable {
    /// The ALSA device `play` and the mixer open ("default", "plughw:1,0", "pulse"; "null" discards).
    public var device: String?
    /// The device buffer in milliseconds, 10–2000.
    public var latencyMilliseconds: Double?
    /// How long the mixer's timer fades out at its end, in seconds, 0–3600.
    public var fadeOutSeconds: Double?
    /// The master volume of scenes planned from a prompt, 0–1 (saved scenes keep their own).
    public var master: Float?
    /// The scene a bare `soundscape` opens when there is no `last` scene yet: a name or a path.
    public var firstScene: String?
    /// Play built-in sounds straight from their synthesizers instead of through the token model.
    public var procedural: Bool?
    /// The Themes directory (lexicon and built-in scenes), as an absolute path.
    public var themesDirectory: String?
    /// Whether the mixer draws in colour; `NO_COLOR` in the environment turns colour off regardless.
    public var color: Bool?

    /// The file these settings came from; nil when there is none.
    public var path: String?
    /// The line each setting was written on, by its key, for messages that blame the file.
    public var lines: [String: Int] = [:]

    public init() {}

    /// "path:line" of `key`, for a message about a setting that cannot be used.
    public func location(of key: String) -> String {
        "\(path ?? "config.toml"):\(lines[key] ?? 1)"
    }
}
