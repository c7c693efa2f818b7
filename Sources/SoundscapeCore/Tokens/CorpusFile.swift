#if canImport(Glibc)
    import Glibc
#endif

/// A corpus's samples inside a model file on disk, read grain by grain.
///
/// Holds the file open for as long as a model uses it: replacing or deleting
/// the file (a retrain, a cache clean-up; every writer here replaces files
/// by rename) leaves this open copy intact. Only a file changed in place
/// under a playing model changes what it plays.
/// `read` is one `pread`, safe from several threads at once (layers of the
/// same sound share a model).
final class CorpusFile: Sendable {
    private let descriptor: Int32
    /// Byte offset of the first sample in the file.
    private let byteOffset: Int
    /// Interleaved samples stored.
    let sampleCount: Int

    /// Takes ownership of the open `descriptor`; closes it when released.
    init(descriptor: Int32, byteOffset: Int, sampleCount: Int) {
        self.descriptor = descriptor
        self.byteOffset = byteOffset
        self.sampleCount = sampleCount
    }

    deinit { close(descriptor) }

    /// Copies samples `start ..< start + count` into `destination` (the file
    /// is little-endian, as every supported host is). Samples the
    /// file no longer has (it was cut short under us, or the disk failed) read
    /// as silence: playing on quietly beats stopping the whole scene.
    func read(from start: Int, count: Int, into destination: UnsafeMutablePointer<Int16>) {
        let size = MemoryLayout<Int16>.stride
        let bytes = count * size
        var done = 0
        while done < bytes {
            let result = pread(
                descriptor, UnsafeMutableRawPointer(destination) + done, bytes - done,
                off_t(byteOffset + start * size + done))
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        if done < bytes {
            (UnsafeMutableRawPointer(destination) + done).initializeMemory(as: UInt8.self, repeating: 0, count: bytes - done)
        }
    }
}
