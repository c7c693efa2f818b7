@testable import AcousticTokens
@testable import DSP
import Testing


/// The token model's anti-repetition memory is a fixed-size window: it remembers
/// exactly the last `capacity` n-grams however long it runs, so an eight-hour
/// session uses the memory of a six-minute one and never refuses everything.
@Test func antiRepetitionMemoryRemembersExactlyTheLastCapacityNGramsOverAMillionInsertions() {
    let capacity = 1_000
    let memory = NGramMemory(capacity: capacity)
    // The oracle: the last `capacity` hashes and how often each occurs among them.
    var window = [UInt64](repeating: 0, count: capacity)
    var counts: [UInt64: Int] = [:]
    var random = Random(seed: 5)
    // Few distinct values, many sharing low bits (one home slot), so probe chains,
    // repeats and backward-shift deletions are exercised constantly.
    let alphabet: [UInt64] = (0..<3_000).map { index in
        index % 3 == 0 ? UInt64(index) << 20 : (UInt64(random.nextUInt32()) << 32 | UInt64(random.nextUInt32()))
    }
    for step in 0..<1_000_000 {
        let hash = alphabet[random.below(alphabet.count)]
        if step >= capacity {
            let evicted = window[step % capacity]
            counts[evicted]! -= 1
            if counts[evicted] == 0 { counts[evicted] = nil }
        }
        window[step % capacity] = hash
        counts[hash, default: 0] += 1
        memory.insert(hash)
        let probe = alphabet[random.below(alphabet.count)]
        if memory.contains(probe) != (counts[probe] != nil) {
            Issue.record("after \(step + 1) insertions the memory \(counts[probe] != nil ? "forgot" : "invented") \(probe)")
            return
        }
    }
    #expect(alphabet.filter { memory.contains($0) }.count == counts.count)
}
