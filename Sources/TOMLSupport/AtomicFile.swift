#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file so that a reader — or the file after a crash or power cut — sees either
/// the old contents or the new, never a mix: write a temporary file in the same directory,
/// fsync it, rename it over the target (atomic within one file system), then fsync the directory
/// so the rename itself is durable.
package enum AtomicFile {
    /// Writes `text` to `path`. `beforeRename` runs with the temporary file's path once it is
    /// written and synced; tests use it to stand in for a crash between write and rename.
    package static func write(_ text: String, to path: String, beforeRename: ((String) throws -> Void)? = nil) throws {
        let directory = Self.directory(of: path)
        let name = String(path.split(separator: "/").last ?? "scene")
        // O_EXCL below refuses a name in use; the random part keeps two writers of one process apart.
        let temporary = "\(directory)/.\(name).\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(temporary, "cannot create a temporary file") }
        var written = true
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    written = false
                    return
                }
                offset += count
            }
        }
        let synced = written && fsync(descriptor) == 0
        let closed = close(descriptor) == 0
        guard written, synced, closed else {
            let error = failure(temporary, written ? "cannot sync the file to disk" : "cannot write")
            unlink(temporary)
            throw error
        }
        do {
            try beforeRename?(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "cannot replace the file")
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ path: String, _ what: String) -> FileError {
        .fileSystem(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
