import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Cache keys worked out on an earlier start, so a warm start neither renders
/// a synthesizer's probe nor reads a bed's recordings only to name a model file.
///
/// Why it is safe: a built-in synthesizer's key comes from a probe render
/// (`TokenSoundProvider.probeSeconds`), which can change only when the code
/// does, so a remembered synthesizer key holds for as long as the executable
/// is the same file (its device, inode, size and modification time); a rebuilt
/// or upgraded program renders its probes again. A recording's checksum holds
/// for as long as the file has the same path, inode, size and modification time.
///
/// Why it matters: the probes and checksums were most of a warm start's work,
/// on the way to the first audio (`soundscape bench`, first audio).
///
/// The memo is one small text file beside the models (`keys.memo`, one
/// `identity<TAB>value` per line), rewritten atomically; a lost, foreign or
/// unreadable memo costs only the probes once more, never a wrong model.
final class CacheKeyMemo: Sendable {
    let file: URL
    /// The running program's identity; nil (it cannot be read) turns synthesizer memos off.
    let executable: String?
    private let entries: Mutex<[String: String]?> = Mutex(nil)

    init(directory: URL, executable: String? = CacheKeyMemo.runningExecutable()) {
        self.file = directory.appendingPathComponent("keys.memo")
        self.executable = executable
    }

    /// The synthesizer key remembered for `parts` under this executable, else `make()`'s, remembered.
    func synthesizerKey(_ parts: [String], make: () -> String) -> String {
        guard let executable else { return make() }
        return value(for: (["synthesizer", executable] + parts).joined(separator: "|"), make: make)
    }

    /// The synthesizer key an earlier start of this executable remembered for `parts`, if any.
    func rememberedSynthesizerKey(_ parts: [String]) -> String? {
        guard let executable else { return nil }
        return lookUp((["synthesizer", executable] + parts).joined(separator: "|"))
    }

    /// The checksum of the file at `path`, remembered against its inode, size and
    /// modification time, else `make()`'s. Throws what `make` throws.
    func fileChecksum(_ path: String, make: () throws -> String) throws -> String {
        guard let identity = Self.identity(ofFile: path) else { return try make() }
        if let known = lookUp("file|" + identity) { return known }
        let made = try make()
        remember(made, for: "file|" + identity)
        return made
    }

    private func value(for identity: String, make: () -> String) -> String {
        if let known = lookUp(identity) { return known }
        let made = make()
        remember(made, for: identity)
        return made
    }

    private func lookUp(_ identity: String) -> String? {
        entries.withLock { entries in
            if entries == nil { entries = readEntries() }
            return entries?[identity]
        }
    }

    /// Adds an entry and rewrites the file, leaving out synthesizer keys of
    /// other executables (a rebuild would otherwise grow the memo forever).
    private func remember(_ value: String, for identity: String) {
        guard !identity.contains("\t"), !identity.contains("\n") else { return }
        entries.withLock { entries in
            var current = entries ?? readEntries()
            current[identity] = value
            entries = current
            let kept = current.filter { key, _ in
                !key.hasPrefix("synthesizer|") || executable.map { key.hasPrefix("synthesizer|\($0)|") } ?? false
            }
            let text = kept.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
            // A memo that cannot be written costs only time on the next start.
            try? FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: file, options: .atomic)
        }
    }

    private func readEntries() -> [String: String] {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        var entries: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[1].isEmpty else { continue }
            entries[String(fields[0])] = String(fields[1])
        }
        return entries
    }

    /// The running executable's device, inode, size and modification time.
    static func runningExecutable() -> String? {
        identity(ofFile: "/proc/self/exe")
    }

    /// A file's path, device, inode, size and modification time (ns), or nil when it cannot be read.
    static func identity(ofFile path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return "\(path)|\(status.st_dev)|\(status.st_ino)|\(status.st_size)|\(modified)"
    }
}
