import Configuration

/// The configuration file as every command sees it: read once, its warnings printed
/// once, and an unusable file ending the command before it does anything.
enum ConfigSetup {
    /// The file's settings or why it cannot be used; read on first use.
    private static let loaded: Result<Config, ConfigError> = {
        do throws(ConfigError) {
            let loaded = try ConfigFile.load()
            for warning in loaded.warnings { printToStandardError("soundscape: \(warning)") }
            return .success(loaded.config)
        } catch {
            return .failure(error)
        }
    }()

    /// The settings; every command calls this first, so a bad file stops it with
    /// `path:line: reason` and `ExitStatus.config` before anything plays or is written.
    static func load() throws -> Config {
        switch loaded {
        case .success(let config): return config
        case .failure(let error): throw CommandFailure.exit(error, status: ExitStatus.config)
        }
    }

    /// The settings for helpers that run after `load()` succeeded (empty if it did not).
    static var current: Config { (try? loaded.get()) ?? Config() }
}

extension ExitStatus {
    /// The configuration file cannot be used (sysexits' EX_CONFIG).
    static let config: Int32 = 78
}
