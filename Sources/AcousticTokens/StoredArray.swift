/// A flat array of plain values — corpus samples, jump targets, distances —
/// held in memory while a model is trained, or left in its model file once the
/// model is cached and read a slice at a time as the layer plays. The kernel's
/// page cache then holds the file, shared between processes and given back
/// under memory pressure, so a playing layer keeps only its small tables resident.
struct StoredArray<Element: BitwiseCopyable & Sendable & Equatable>: Sendable, Equatable {
    private enum Storage: Sendable {
        case memory([Element])
        case file(ModelFileReader, byteOffset: Int)
    }

    private let storage: Storage
    /// Elements in all.
    let count: Int

    /// An array held in memory.
    init(_ elements: [Element]) {
        storage = .memory(elements)
        count = elements.count
    }

    /// `count` elements that stay in `file`, from `byteOffset` on (little-endian, as every supported host is).
    init(file: ModelFileReader, byteOffset: Int, count: Int) {
        storage = .file(file, byteOffset: byteOffset)
        self.count = count
    }

    /// Whether the elements are read from a file as they are needed.
    var isFileBacked: Bool {
        if case .file = storage { return true }
        return false
    }

    /// Every element, in order. Reads a file-backed array whole: for training,
    /// saving and tests, never while playing.
    var elements: [Element] {
        switch storage {
        case .memory(let elements): return elements
        case .file:
            return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                copy(from: 0, count: count, into: buffer.baseAddress!)
                initialized = count
            }
        }
    }

    /// Copies `count` elements starting at `start` into `destination`. Never
    /// allocates; a file-backed array reads them with one `pread` (so call it
    /// from a generation worker, never the audio thread).
    @inline(__always)
    func copy(from start: Int, count: Int, into destination: UnsafeMutablePointer<Element>) {
        switch storage {
        case .memory(let elements):
            elements.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + start, count: count) }
        case .file(let file, let byteOffset):
            let size = MemoryLayout<Element>.stride
            file.read(at: byteOffset + start * size, byteCount: count * size, into: destination)
        }
    }

    static func == (a: StoredArray, b: StoredArray) -> Bool { a.count == b.count && a.elements == b.elements }
}
