import DSP
import Foundation
import SoundscapeIO
import Synchronization

/// The real recordings the realism tests measure the built-in sounds against:
/// every Ogg file in the repository's `Sounds/CATEGORY/` (credited in
/// Sounds/CREDITS.md), so the ranges come from what the repository ships and
/// stay honest when a recording is added or replaced.
enum RealRecordings {
    /// At most this much of each recording is measured (CI time; every shipped file
    /// is steady over its first two minutes).
    static let maximumSeconds = 120.0

    /// The repository's `Sounds/` folder, found from this file's place in the tree.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sounds")

    private static let cache = Mutex<[String: [String: SoundProfile]]>([:])

    /// Profiles of the recordings in `Sounds/category/`, by file name; empty when there are none.
    static func profiles(of category: String) throws -> [String: SoundProfile] {
        if let cached = cache.withLock({ $0[category] }) { return cached }
        let directory = folder.appendingPathComponent(category)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".ogg") }.sorted()
        var profiles: [String: SoundProfile] = [:]
        for name in names {
            let audio = try AudioFileReader.read(
                directory.appendingPathComponent(name).path, maximumSeconds: maximumSeconds)
            profiles[name] = SoundProfile(stereo: audio.samples)
        }
        cache.withLock { $0[category] = profiles }
        return profiles
    }

    /// The range of the recordings of `category` (only `files` of them when given).
    static func range(of category: String, files: [String]? = nil) throws -> RealRange {
        let all = try profiles(of: category)
        let chosen = files.map { names in all.filter { names.contains($0.key) } } ?? all
        return RealRange(category: category, recordings: chosen)
    }
}
