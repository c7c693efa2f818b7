@testable import AudioEngine
@testable import DSP
import Foundation
import Synchronization
import Testing


/// Guards the one structure two threads share without a lock: if the
/// acquire/release pairing or the wrap-around arithmetic were wrong, samples
/// would arrive lost, doubled or out of order — heard as clicks and jumps.
@Test func ringUnderConcurrentProducerAndConsumerLosesDuplicatesAndReordersNothing() {
    // A small ring wraps hundreds of thousands of times and is often full and
    // often empty, which is where ordering bugs show.
    let ring = LayerRing(minimumCapacity: 1000)
    defer { ring.deallocate() }
    #expect(ring.capacity == 1024)
    // Sequence numbers as Floats stay exact below 2²⁴.
    let total = 12_000_000
    let producerDone = Atomic(false)

    let producer = Thread {
        var random = Random(seed: 1)
        let chunk = UnsafeMutablePointer<Float>.allocate(capacity: 300)
        defer { chunk.deallocate() }
        var next = 0
        while next < total {
            let want = min(1 + random.below(300), total - next)
            for i in 0..<want { chunk[i] = Float(next + i) }
            var offset = 0
            while offset < want {
                offset += ring.write(from: chunk + offset, count: want - offset)
            }
            next += want
        }
        producerDone.store(true, ordering: .releasing)
    }
    producer.start()

    var random = Random(seed: 2)
    let chunk = UnsafeMutablePointer<Float>.allocate(capacity: 300)
    defer { chunk.deallocate() }
    var expected = 0
    var mismatches = 0
    while expected < total {
        let got = ring.read(into: chunk, count: 1 + random.below(300))
        for i in 0..<got where chunk[i] != Float(expected + i) { mismatches += 1 }
        expected += got
        #expect(expected <= total, "read more samples than were written")
    }
    #expect(mismatches == 0)
    #expect(expected == total)
    while !producerDone.load(ordering: .acquiring) { usleep(100) }
    #expect(ring.availableToRead == 0)
}

@Test func ringReportsFillAndRefusesToOverwriteUnreadSamples() {
    let ring = LayerRing(minimumCapacity: 8)
    defer { ring.deallocate() }
    let input: [Float] = (0..<12).map(Float.init)
    let written = input.withUnsafeBufferPointer { ring.write(from: $0.baseAddress!, count: 12) }
    #expect(written == 8)
    #expect(ring.availableToRead == 8)
    #expect(ring.availableToWrite == 0)
    var output = [Float](repeating: -1, count: 12)
    let read = output.withUnsafeMutableBufferPointer { ring.read(into: $0.baseAddress!, count: 12) }
    #expect(read == 8)
    #expect(Array(output[0..<8]) == Array(input[0..<8]))
    #expect(output[8] == -1, "a short read leaves the rest of the buffer alone")
}

/// A jump replaces what the ring holds: the reader fades from the old take into the fresh
/// one over the fade and skips everything between, without the writer rewriting anything.
@Test func aJumpCrossfadesIntoTheFreshTakeAndSkipsTheStaleOne() {
    let ring = LayerRing(minimumCapacity: 4096)
    defer { ring.deallocate() }
    let block = UnsafeMutablePointer<Float>.allocate(capacity: 1000)
    defer { block.deallocate() }
    block.update(repeating: 1, count: 1000)
    ring.write(from: block, count: 1000)  // the stale take: all 1
    #expect(ring.beginJump())
    #expect(!ring.beginJump(), "one jump at a time")
    block.update(repeating: -1, count: 1000)
    ring.write(from: block, count: 1000)  // the fresh take: all −1
    #expect(ring.pendingJumpFreshSamples == 1000)

    let out = UnsafeMutablePointer<Float>.allocate(capacity: 200)
    let spare = UnsafeMutablePointer<Float>.allocate(capacity: 200)
    defer {
        out.deallocate()
        spare.deallocate()
    }
    var played: [Float] = []
    for _ in 0..<4 {
        #expect(ring.read(into: out, count: 200, spare: spare, fadeSamples: 400) == 200)
        played += UnsafeBufferPointer(start: out, count: 200)
    }
    // Stereo frames fade together: left and right stay equal.
    #expect(stride(from: 0, to: 800, by: 2).allSatisfy { played[$0] == played[$0 + 1] })
    #expect(played[0] == 1, "the fade starts from the old take")
    #expect(zip(played, played.dropFirst()).prefix(400).allSatisfy { $0 >= $1 }, "it falls smoothly")
    #expect(played[400...].allSatisfy { $0 == -1 }, "then plays the fresh take")
    #expect(ring.pendingJumpFreshSamples == nil)
    // The stale samples were skipped: what is left is the fresh take's remainder.
    #expect(ring.availableToRead == 1000 - 800)
}
