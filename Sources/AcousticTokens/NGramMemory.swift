/// The n-grams a token model emitted recently, so it can refuse to emit one
/// again: a ring of the last `capacity` n-gram hashes plus an open-addressing
/// count table over them (linear probing, backward-shift deletion).
///
/// Memory is fixed at creation (≈ 24 bytes per remembered n-gram: 6 minutes
/// at 47 tokens/s is ≈ 400 KB), and `insert`/`contains` never allocate.
final class NGramMemory {
    private let capacity: Int
    private let ring: UnsafeMutablePointer<UInt64>
    private var ringCount = 0
    private var ringNext = 0
    private let tableMask: Int
    private let keys: UnsafeMutablePointer<UInt64>
    private let counts: UnsafeMutablePointer<Int32>

    /// Remembers the last `capacity` n-grams.
    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        ring = .allocate(capacity: capacity)
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        tableMask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        counts = .allocate(capacity: size)
        counts.initialize(repeating: 0, count: size)
    }

    deinit {
        ring.deallocate()
        keys.deallocate()
        counts.deallocate()
    }

    /// Whether `hash` was inserted among the last `capacity` insertions.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & tableMask
        while counts[slot] > 0 {
            if keys[slot] == hash { return true }
            slot = (slot + 1) & tableMask
        }
        return false
    }

    /// Remembers `hash`, forgetting the oldest n-gram once full.
    func insert(_ hash: UInt64) {
        if ringCount == capacity {
            remove(ring[ringNext])
        } else {
            ringCount += 1
        }
        ring[ringNext] = hash
        ringNext = (ringNext + 1) % capacity
        var slot = Int(truncatingIfNeeded: hash) & tableMask
        while counts[slot] > 0 {
            if keys[slot] == hash {
                counts[slot] += 1
                return
            }
            slot = (slot + 1) & tableMask
        }
        keys[slot] = hash
        counts[slot] = 1
    }

    private func remove(_ hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & tableMask
        while counts[slot] > 0 && keys[slot] != hash { slot = (slot + 1) & tableMask }
        guard counts[slot] > 0 else { return }
        counts[slot] -= 1
        guard counts[slot] == 0 else { return }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        var hole = slot
        var next = (hole + 1) & tableMask
        while counts[next] > 0 {
            let home = Int(truncatingIfNeeded: keys[next]) & tableMask
            // Move the entry back if its home is not cyclically within (hole, next].
            let distanceToNext = (next - home) & tableMask
            let distanceToHole = (next - hole) & tableMask
            if distanceToHole <= distanceToNext {
                keys[hole] = keys[next]
                counts[hole] = counts[next]
                counts[next] = 0
                hole = next
            }
            next = (next + 1) & tableMask
        }
    }
}
