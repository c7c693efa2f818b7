import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A lock-free single-producer, single-consumer ring of `Float` samples: one
/// generation worker writes a layer's audio ahead, the audio thread reads it.
///
/// `LayerRing` is a handle, like `UnsafeMutablePointer`: copies share the same
/// memory, nothing is reference-counted (so the audio thread can hold one
/// without retain/release), and the owner calls `deallocate()` exactly once.
/// All memory is allocated in `init`; `write` and `read` never allocate, lock
/// or wait.
///
/// Contract: at any moment at most one thread writes and at most one thread
/// reads. The indices count samples written and read since the start and
/// never wrap in practice (2⁶³ samples is millions of years of audio). The
/// producer publishes with a release store of the write index after copying,
/// the consumer with a release store of the read index after copying; each
/// side loads the other's index with acquire, so a reader never sees a sample
/// before it was written and a writer never overwrites one still unread. The
/// two indices sit on separate cache lines so producer and consumer do not
/// fight over one line.
public struct LayerRing: @unchecked Sendable {
    /// Bytes between the two indices: one cache line on the CPUs we run on, and
    /// two lines (128 B) to stay clear of adjacent-line prefetching.
    private static let indexSpacingBytes = 128

    /// Samples the ring holds at most (a power of two).
    public let capacity: Int
    let mask: Int
    let storage: UnsafeMutablePointer<Float>
    private let indexMemory: UnsafeMutableRawPointer
    let writeIndex: UnsafeMutablePointer<Atomic<Int>>
    let readIndex: UnsafeMutablePointer<Atomic<Int>>
    /// Where a fresh take starts (a write index), or −1: set by the producer, cleared by
    /// the consumer once it has crossfaded into it (LayerRing+Jump.swift).
    let jumpTarget: UnsafeMutablePointer<Atomic<Int>>
    /// The consumer's own crossfade state: where it reads the fresh take (−1 when not
    /// crossfading) and how many samples of the fade it has played. Never touched by the producer.
    let consumerFresh: UnsafeMutablePointer<Int>
    let consumerFaded: UnsafeMutablePointer<Int>

    /// Allocates a ring holding at least `minimumCapacity` samples (rounded up
    /// to a power of two). Call `deallocate()` when neither side uses it any more.
    public init(minimumCapacity: Int) {
        precondition(minimumCapacity > 0, "a ring holds at least one sample")
        var capacity = 1
        while capacity < minimumCapacity { capacity <<= 1 }
        self.capacity = capacity
        mask = capacity - 1
        // Left untouched on purpose: the reader only ever copies samples the
        // writer wrote, and untouched pages cost no memory. The engine keeps
        // two dozen slots; zeroing every ring would make each of them resident.
        storage = .allocate(capacity: capacity)
        indexMemory = .allocate(byteCount: 2 * Self.indexSpacingBytes, alignment: Self.indexSpacingBytes)
        writeIndex = indexMemory.bindMemory(to: Atomic<Int>.self, capacity: 1)
        writeIndex.initialize(to: Atomic(0))
        readIndex = (indexMemory + Self.indexSpacingBytes).bindMemory(to: Atomic<Int>.self, capacity: 1)
        readIndex.initialize(to: Atomic(0))
        // The producer's rarely written jump beside its index; the consumer's state beside its own.
        jumpTarget = (indexMemory + 8).bindMemory(to: Atomic<Int>.self, capacity: 1)
        jumpTarget.initialize(to: Atomic(-1))
        consumerFresh = (indexMemory + Self.indexSpacingBytes + 8).bindMemory(to: Int.self, capacity: 2)
        consumerFresh.initialize(to: -1)
        consumerFaded = consumerFresh + 1
        consumerFaded.initialize(to: 0)
    }

    /// Frees the ring's memory. Every copy of the handle becomes invalid.
    public func deallocate() {
        writeIndex.deinitialize(count: 1)
        readIndex.deinitialize(count: 1)
        jumpTarget.deinitialize(count: 1)
        indexMemory.deallocate()
        storage.deallocate()
    }

    /// Samples written and not yet read, as seen from either side.
    public var availableToRead: Int {
        @_noLocks get {
            let written = writeIndex.pointee.load(ordering: .acquiring)
            let read = readIndex.pointee.load(ordering: .acquiring)
            return written &- read
        }
    }

    /// Samples that can be written without overwriting unread ones.
    public var availableToWrite: Int {
        @_noLocks get { capacity &- availableToRead }
    }

    /// Producer side: copies up to `count` samples from `source` and returns
    /// how many fitted (fewer than `count` only when the ring is full).
    @_noLocks
    @discardableResult
    public func write(from source: UnsafePointer<Float>, count: Int) -> Int {
        let written = writeIndex.pointee.load(ordering: .relaxed)  // only this side stores it
        let read = readIndex.pointee.load(ordering: .acquiring)
        let n = min(count, capacity &- (written &- read))
        if n <= 0 { return 0 }
        let start = written & mask
        let first = min(n, capacity &- start)
        copy(source, to: storage + start, count: first)
        if first < n { copy(source + first, to: storage, count: n &- first) }
        writeIndex.pointee.store(written &+ n, ordering: .releasing)
        return n
    }

    /// Consumer side: copies up to `count` samples into `destination` and
    /// returns how many were there (fewer than `count` means the ring ran dry).
    @_noLocks
    @discardableResult
    public func read(into destination: UnsafeMutablePointer<Float>, count: Int) -> Int {
        let read = readIndex.pointee.load(ordering: .relaxed)  // only this side stores it
        let written = writeIndex.pointee.load(ordering: .acquiring)
        let n = min(count, written &- read)
        if n <= 0 { return 0 }
        let start = read & mask
        let first = min(n, capacity &- start)
        copy(storage + start, to: destination, count: first)
        if first < n { copy(storage, to: destination + first, count: n &- first) }
        readIndex.pointee.store(read &+ n, ordering: .releasing)
        return n
    }

    /// A plain memory copy (`update(from:)` is generic and may release, which
    /// the audio thread's no-locks rule rejects).
    @_noLocks
    @inline(__always)
    func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        UnsafeMutableRawPointer(destination).copyMemory(
            from: UnsafeRawPointer(source), byteCount: count &* MemoryLayout<Float>.stride)
    }

    /// Empties the ring. Only while neither a producer nor a consumer is using it.
    public func reset() {
        consumerFresh.pointee = -1
        consumerFaded.pointee = 0
        jumpTarget.pointee.store(-1, ordering: .relaxed)
        readIndex.pointee.store(0, ordering: .relaxed)
        writeIndex.pointee.store(0, ordering: .releasing)
    }

    /// Locks the ring's samples in memory (`mlock`), so a layer playing seconds ahead is never
    /// paged out and faulted back in on the audio thread. False when the system refuses
    /// (RLIMIT_MEMLOCK); the ring works the same, unlocked.
    public func lockInMemory() -> Bool {
        mlock(UnsafeRawPointer(storage), capacity * MemoryLayout<Float>.stride) == 0
    }
}
