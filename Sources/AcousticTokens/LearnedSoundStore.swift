import AudioEngine
import DSP
import Foundation
import SoundLibrary
import Synchronization
import TOMLKit
import TOMLSupport

/// What `soundscape sounds` shows about a learned sound; stored beside its
/// model as `sound.toml`.
public struct LearnedSoundInfo: Codable, Sendable, Equatable {
    /// The sound's name, as used in scenes and on the command line.
    public var name: String
    /// The file it was learned from, as given to `learn`.
    public var source: String
    /// Length of the learned corpus.
    public var durationSeconds: Double
    /// Codewords in its codebook.
    public var codebookSize: Int
    /// When it was learned (ISO 8601).
    public var learnedAt: String
    /// The recording's integrated loudness (BS.1770, LUFS): what the sound plays
    /// at with unity gain, for the mix's loudness staging. Absent in sounds
    /// learned before it was stored.
    public var loudness: Double?

    public init(
        name: String, source: String, durationSeconds: Double, codebookSize: Int, learnedAt: String,
        loudness: Double? = nil
    ) {
        self.loudness = loudness
        self.name = name
        self.source = source
        self.durationSeconds = durationSeconds
        self.codebookSize = codebookSize
        self.learnedAt = learnedAt
    }
}

/// Why a recording could not be learned, with what to do about it.
public enum LearnError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case builtInName(String)
    case exists(name: String, path: String)
    case tooShort(path: String, seconds: Double)
    case silent(path: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let name):
            return "'\(name)' is not a plain name; use lowercase letters, digits and dashes (up to 40), like 'my-rain'"
        case .builtInName(let name):
            return "'\(name)' is a built-in sound; choose another name with --name"
        case .exists(let name, let path):
            return "a learned sound '\(name)' already exists (\(path)); add --force to replace it or choose another --name"
        case .tooShort(let path, let seconds):
            return "'\(path)' is only \(String(format: "%.1f", seconds)) s long; a sound needs at least \(Int(LearnedSoundStore.minimumSeconds)) s of audio"
        case .silent(let path):
            return "'\(path)' is silent (peak below −60 dBFS); nothing to learn"
        case .writeFailed(let path, let reason):
            return "cannot store the learned sound in '\(path)': \(reason)"
        }
    }
}

/// Sounds learned from the user's recordings, one directory each under
/// `$XDG_DATA_HOME/soundscape/sounds/NAME/` (or `~/.local/share/…`):
/// `model.bin` (the trained model with its corpus audio) and `sound.toml`.
/// A sound appears only complete: it is written into a hidden temporary
/// directory and renamed into place.
public struct LearnedSoundStore: Sendable {
    /// Shortest recording worth learning.
    public static let minimumSeconds = 5.0
    /// Recordings are learned from at most their first five minutes.
    public static let maximumSeconds = 300.0
    static let modelFile = "model.bin"
    static let infoFile = "sound.toml"

    /// The directory holding one subdirectory per sound.
    public let directory: URL

    public init(directory: URL = LearnedSoundStore.defaultDirectory) {
        self.directory = directory
    }

    /// `$XDG_DATA_HOME/soundscape/sounds`, else `~/.local/share/soundscape/sounds`.
    public static var defaultDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        let base: URL
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            base = URL(fileURLWithPath: data)
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        }
        return base.appendingPathComponent("soundscape").appendingPathComponent("sounds")
    }

    /// Lowercase letters, digits and dashes, starting with a letter or digit, at most 40 characters.
    public static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 40 else { return false }
        func allowed(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        return allowed(first) && name.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// Checks that `name` may be used before any audio is read.
    public func validate(name: String, force: Bool) throws(LearnError) {
        guard Self.isPlainName(name) else { throw .invalidName(name) }
        guard SoundLibrary.builtIn(named: name) == nil else { throw .builtInName(name) }
        if !force && exists(name) { throw .exists(name: name, path: folder(for: name).path) }
    }

    /// Whether a learned sound called `name` exists.
    public func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder(for: name).appendingPathComponent(Self.modelFile).path)
    }

    /// Learns interleaved 48 kHz stereo `samples` (from `source`) as `name`:
    /// checks it, trains, and stores it atomically. Returns what was stored.
    public func learn(samples: [Float], source: String, name: String, force: Bool) throws(LearnError) -> LearnedSoundInfo {
        try validate(name: name, force: force)
        let seconds = Double(samples.count / 2) / Double(AudioFormat.sampleRate)
        guard seconds >= Self.minimumSeconds else { throw .tooShort(path: source, seconds: seconds) }
        let peak = samples.withUnsafeBufferPointer { Loudness.peak($0) }
        guard peak >= 0.001 else { throw .silent(path: source) }
        let model = AcousticModel.train(Corpus(interleaved: samples))
        let loudness = samples.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
        let info = LearnedSoundInfo(
            name: name, source: source, durationSeconds: seconds, codebookSize: model.codebook.size,
            learnedAt: ISO8601DateFormatter().string(from: Date()), loudness: loudness.isFinite ? loudness : nil)
        try save(model, info: info)
        return info
    }

    /// Stores `model` and `info` as `info.name`, replacing an existing sound atomically.
    public func save(_ model: AcousticModel, info: LearnedSoundInfo) throws(LearnError) {
        let manager = FileManager.default
        let final = folder(for: info.name)
        let temporary = temporaryFolder(for: info.name)
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try ModelFile.encode(model).write(to: temporary.appendingPathComponent(Self.modelFile))
            let toml = try TOMLEncoder().encode(info).convert(to: .toml)
            try Data(toml.utf8).write(to: temporary.appendingPathComponent(Self.infoFile))
            // The moves run whole or not at all with respect to `abandonUnfinishedSaves`,
            // so a signal never finds the old sound moved aside and the new one not yet in place.
            try Self.savesAbandoned.withLock { abandoned in
                if abandoned { throw CocoaError(.userCancelled) }
                if manager.fileExists(atPath: final.path) {
                    // Move the old sound aside first, so some complete sound is always in place.
                    let old = directory.appendingPathComponent(".\(info.name).old-\(ProcessInfo.processInfo.processIdentifier)")
                    try? manager.removeItem(at: old)
                    try manager.moveItem(at: final, to: old)
                    try manager.moveItem(at: temporary, to: final)
                    try? manager.removeItem(at: old)
                } else {
                    try manager.moveItem(at: temporary, to: final)
                }
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw .writeFailed(path: final.path, reason: error.localizedDescription)
        }
    }

    /// Set once the process is ending on a signal: no save may move anything into place after it.
    private static let savesAbandoned = Mutex(false)

    /// The hidden directory `save` writes `name` into before renaming it into place.
    func temporaryFolder(for name: String) -> URL {
        directory.appendingPathComponent(".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// For a process about to exit on a signal: waits for a save that is moving a
    /// sound into place to finish, stops any later one, and deletes the hidden
    /// half-written copy of `name`. Afterwards the folder holds either the old
    /// sound or the new one, complete, and nothing hidden.
    public func abandonUnfinishedSaves(of name: String) {
        Self.savesAbandoned.withLock { abandoned in
            abandoned = true
            try? FileManager.default.removeItem(at: temporaryFolder(for: name))
        }
    }

    /// Every complete learned sound, by name.
    public func list() -> [LearnedSoundInfo] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && exists($0) }.map { name in
            info(name: name)
                ?? LearnedSoundInfo(name: name, source: "?", durationSeconds: 0, codebookSize: 0, learnedAt: "?")
        }
    }

    /// What `sound.toml` says of the learned sound `name`; nil when it is missing or damaged.
    public func info(name: String) -> LearnedSoundInfo? {
        let url = folder(for: name).appendingPathComponent(Self.infoFile)
        // The syntax check first: malformed TOML can make toml++ abort the program (TOMLSyntax.swift).
        guard let text = try? String(contentsOf: url, encoding: .utf8), (try? TOMLSyntax.check(text)) != nil,
            let table = try? TOMLTable(string: text),
            var info = try? TOMLDecoder().decode(LearnedSoundInfo.self, from: table)
        else { return nil }
        info.name = name
        return info
    }

    /// The trained model of `name`. A model from an older codec is retrained
    /// from its own corpus and rewritten.
    public func loadModel(name: String) throws(SoundProviderError) -> AcousticModel {
        let url = folder(for: name).appendingPathComponent(Self.modelFile)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .unknownSound(name, known: SoundLibrary.builtIn.map(\.name) + list().map(\.name))
        }
        do {
            // The corpus (up to five minutes of audio) stays in the file and is read as it plays.
            defer { ModelCache.returnFreedMemory() }
            return try ModelFile.read(path: url.path)
        } catch {
            switch error {
            case .otherCodecVersion(_, let corpus):
                let model = AcousticModel.train(corpus)
                try? ModelFile.encode(model).write(to: url, options: .atomic)
                ModelCache.returnFreedMemory()
                return (try? ModelFile.read(path: url.path)) ?? model
            case .damaged(let reason):
                throw .unusable(
                    sound: name,
                    reason: "\(url.path) is damaged (\(reason)); learn it again with `soundscape learn FILE --name \(name) --force`")
            }
        }
    }

    func folder(for name: String) -> URL {
        directory.appendingPathComponent(name)
    }
}
