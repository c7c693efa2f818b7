import DSP
@testable import SessionControl
import Testing

/// The connection's line buffer: lines come out whole however the bytes were split,
/// and an endless line is noticed while the buffer is still bounded.
@Suite struct LineBufferTests {
    @Test func linesComeOutWholeHoweverTheBytesArrive() {
        var random = Random(seed: 7)
        let lines = (0..<200).map { index in Array("line \(index) \(String(repeating: "x", count: index % 37))".utf8) }
        let stream = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
        var buffer = LineBuffer(maximumLineBytes: 1024)
        var received: [[UInt8]] = []
        var position = 0
        while position < stream.count {
            let end = min(stream.count, position + 1 + random.below(50))
            buffer.append(contentsOf: stream[position..<end])
            position = end
            while let line = buffer.nextLine() { received.append(line) }
            #expect(!buffer.isOverflowing)
        }
        #expect(received == lines)
        #expect(buffer.count == 0)
    }

    @Test func aCarriageReturnBeforeTheNewlineIsDropped() {
        var buffer = LineBuffer()
        buffer.append(contentsOf: Array("{\"v\":1}\r\n".utf8))
        #expect(buffer.nextLine() == Array("{\"v\":1}".utf8))
    }

    @Test func aLineWithoutEndIsNoticedOnceItPassesTheLimit() {
        var buffer = LineBuffer(maximumLineBytes: 100)
        buffer.append(contentsOf: [UInt8](repeating: 0x61, count: 100))
        #expect(buffer.nextLine() == nil && !buffer.isOverflowing)
        buffer.append(contentsOf: [0x61])
        #expect(buffer.nextLine() == nil && buffer.isOverflowing)
    }

    @Test func aCompleteLineWaitingIsNotAnOverflow() {
        var buffer = LineBuffer(maximumLineBytes: 10)
        buffer.append(contentsOf: Array("short\n".utf8) + [UInt8](repeating: 0x62, count: 20))
        #expect(buffer.hasCompleteLine && !buffer.isOverflowing)
        #expect(buffer.nextLine() == Array("short".utf8))
        #expect(buffer.nextLine() == nil && buffer.isOverflowing)
    }
}
