import AcousticTokens
import Foundation
import Scenes
import SoundscapeIO

/// The recordings that ship in `Sounds/`, found near the program like `Themes/`,
/// decoded with libsndfile for the token provider's recorded beds.
enum ShippedRecordings {
    /// The shelf, or nil when no `Sounds/` is found (recorded sounds then learn from their synthesizers).
    static func shelf() -> RecordingShelf? {
        guard
            let directory = RecordingShelf.locate(executablePath: ThemesDirectory.currentExecutablePath())
        else { return nil }
        return RecordingShelf(directory: directory) { path, seconds in
            try AudioFileReader.read(path, maximumSeconds: seconds).samples
        }
    }
}
