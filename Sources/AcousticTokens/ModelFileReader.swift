#if canImport(Glibc)
    import Glibc
#endif

/// An open model file that a loaded model reads from as it plays: the
/// corpus grain by grain, the jump table a position at a time.
///
/// Holds the file open for as long as a model uses it: replacing or deleting
/// the file (a retrain, a cache clean-up; every writer here replaces files
/// by rename) leaves this open copy intact. Only a file changed in place
/// under a playing model changes what it plays. `read` is one `pread`, safe
/// from several threads at once (layers of the same sound share a model).
final class ModelFileReader: Sendable {
    private let descriptor: Int32

    /// Takes ownership of the open `descriptor`; closes it when released.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Copies `byteCount` bytes at `byteOffset` into `destination` (the file
    /// is little-endian, as every supported host is). Bytes the file no
    /// longer has (it was cut short under us, or the disk failed) read as
    /// zeros: silence, or "no candidate" in a jump table. Playing on quietly
    /// beats stopping the whole scene.
    func read(at byteOffset: Int, byteCount: Int, into destination: UnsafeMutableRawPointer) {
        let done = readFully(descriptor, at: byteOffset, count: byteCount, into: destination)
        if done < byteCount {
            (destination + done).initializeMemory(as: UInt8.self, repeating: 0, count: byteCount - done)
        }
    }
}
