/// The one place the program's version is written: `soundscape --version`, the first line of
/// `--help`, `bench --json` and the manual pages all read it from here.
enum SoundscapeVersion {
    /// Semantic versioning: the minor number grows with features, the patch with fixes.
    static let current = "0.3.0"
}
