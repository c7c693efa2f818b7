import Foundation
@testable import Scenes
@testable import SoundLibrary


/// The repository's Themes directory, found from this file (CI clones have no installed copy).
package enum TestThemes {
    package static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Themes")
            if FileManager.default.fileExists(
                atPath: candidate.appendingPathComponent("lexicon.toml").path)
            {
                return candidate.path
            }
        }
        fatalError("Themes/lexicon.toml not found above \(#filePath)")
    }()

    /// The sounds every built-in scene and lexicon entry may use: the built-in library itself.
    package static let catalog = SoundCatalog.builtIn

    package static let lexicon: Lexicon = {
        do { return try Lexicon.read(path: path + "/lexicon.toml") } catch { fatalError("\(error)") }
    }()

    package static let planner = Planner(lexicon: lexicon, catalog: catalog)

    /// A fresh empty directory under the system's temporary directory.
    package static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "soundscape-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
