import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Trained models on disk, so a second start loads instead of training.
///
/// Files live under `$XDG_CACHE_HOME/soundscape/models/` (or
/// `~/.cache/soundscape/models/`), named by a hash of the corpus content
/// and the codec version: new audio or a new codec simply misses. Writes
/// are atomic (temporary file + rename), so a crash never leaves half a
/// model; an unreadable file is treated as a miss and replaced.
public struct ModelCache: Sendable {
    /// Where model files go.
    public let directory: URL

    /// A cache in `directory` (default: the XDG cache directory).
    public init(directory: URL = ModelCache.defaultDirectory) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/soundscape/models`, else `~/.cache/soundscape/models`.
    public static var defaultDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        let base: URL
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            base = URL(fileURLWithPath: cache)
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        }
        return base.appendingPathComponent("soundscape").appendingPathComponent("models")
    }

    /// The cache key of a corpus: its content and the codec version.
    public static func key(for corpus: Corpus) -> String {
        key(parts: [], samples: corpus.samples)
    }

    /// A key from descriptive `parts` and some audio; used for built-in
    /// sounds, whose key is their name, variant and the first seconds of
    /// their rendered corpus, so a changed synthesizer is noticed without
    /// rendering the whole corpus.
    public static func key(parts: [String], samples: [Int16]) -> String {
        var data = Data("\(Framing.codecVersion)|\(parts.joined(separator: "|"))|".utf8)
        samples.withUnsafeBytes { data.append(contentsOf: $0) }
        return String(ModelFile.checksum(data), radix: 16)
    }

    /// The model cached under `key`, or nil when there is none (or it is
    /// unreadable). Its corpus stays in the file and is read as it plays.
    public func load(key: String) -> AcousticModel? {
        try? ModelFile.read(path: file(for: key).path)
    }

    /// Stores `model` under `key`, atomically. Failing to cache only costs
    /// time on the next start, so errors are returned for the caller to report, not thrown.
    @discardableResult
    public func store(_ model: AcousticModel, key: String) -> Error? {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ModelFile.encode(model).write(to: file(for: key), options: .atomic)
            return nil
        } catch {
            return error
        }
    }

    /// The cached model for `key`, else one trained from `makeCorpus()` (by
    /// `train`) and then cached. `trained` tells which happened.
    public func model(
        key: String, makeCorpus: () -> Corpus, train: (Corpus) -> AcousticModel = { AcousticModel.train($0) }
    ) -> (model: AcousticModel, trained: Bool) {
        if let model = load(key: key) {
            ModelCache.returnFreedMemory()
            return (model, false)
        }
        let trained = train(makeCorpus())
        // Play from the stored file, as a later start will: the corpus then leaves memory.
        let model = store(trained, key: key) == nil ? load(key: key) ?? trained : trained
        ModelCache.returnFreedMemory()
        return (model, true)
    }

    /// Training allocates and frees tens of megabytes (the rendered corpus,
    /// its features), and even a load frees a megabyte or two (the cache key's
    /// probe render, the file's tables as read); glibc keeps freed heap pages
    /// mapped unless asked to give them back, which would leave them in the
    /// resident set for as long as the program plays.
    static func returnFreedMemory() {
        #if canImport(Glibc)
            // glibc's malloc_trim, looked up at run time: <malloc.h> is not in Swift's Glibc module.
            typealias Trim = @convention(c) (Int) -> Int32
            if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        #endif
    }

    /// The cached model of `corpus`, training and caching it on a miss.
    public func model(for corpus: Corpus) -> (model: AcousticModel, trained: Bool) {
        model(key: Self.key(for: corpus), makeCorpus: { corpus })
    }

    func file(for key: String) -> URL {
        directory.appendingPathComponent("\(key).model")
    }
}
