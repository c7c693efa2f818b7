import Glibc
import Testing

@testable import SoundscapeIO

@Suite struct NullSinkTests {
    @Test func testUnpacedSinkTakesEverythingAndNeverCountsAnXrun() throws {
        let sink = NullSink(paced: false)
        let period = [Float](repeating: 0.25, count: sink.periodFrames * 2)
        for _ in 0..<1_000 {
            try period.withUnsafeBufferPointer { try sink.write($0.baseAddress!, frameCount: sink.periodFrames) }
        }
        #expect(sink.framesWritten == 1_000 * sink.periodFrames)
        #expect(sink.xrunCount == 0)
        #expect(sink.latencyMilliseconds == 0)
    }

    @Test func testPacedSinkCountsAnXrunWhenTheWriterFallsBehindTheBuffer() throws {
        // A 10 ms period and a 40 ms buffer: a 150 ms pause in writing empties the
        // pretend device buffer whatever the machine's speed, as it would on a device.
        let sink = NullSink(paced: true, periodFrames: 480, periodsPerBuffer: 4)
        #expect(sink.latencyMilliseconds == 40)
        let period = [Float](repeating: 0, count: 960)
        for _ in 0..<8 { try period.withUnsafeBufferPointer { try sink.write($0.baseAddress!, frameCount: 480) } }
        usleep(150_000)
        try period.withUnsafeBufferPointer { try sink.write($0.baseAddress!, frameCount: 480) }
        // At least one: on a loaded machine the scheduler may also stall the first writes.
        #expect(sink.xrunCount >= 1)
    }
}
