import Synchronization

/// Controls are independent values (a weight, a meter reading), so relaxed
/// ordering is enough: a reader sees the new value within a period, and no
/// other memory hangs off it.
struct AtomicFloat: ~Copyable {
    private let bits: Atomic<UInt32>

    init(_ value: Float) { bits = Atomic(value.bitPattern) }

    @_noLocks
    func load() -> Float { Float(bitPattern: bits.load(ordering: .relaxed)) }

    @_noLocks
    func store(_ value: Float) { bits.store(value.bitPattern, ordering: .relaxed) }
}

/// Where a layer slot is in its life. Each transition has one owner, made
/// with compare-and-exchange so two threads never both act on one slot:
///
