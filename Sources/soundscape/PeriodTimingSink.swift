import AudioEngine

#if canImport(Glibc)
    import Glibc
#endif

/// Wraps a sink to measure how long the audio thread spends mixing each period:
/// the time from one `write` returning to the next `write` being called is exactly
/// the mixer's work for that period. For `soundscape bench`.
///
/// `write` runs on the audio thread, so the samples go into a buffer allocated up
/// front; periods beyond its capacity are not recorded.
final class PeriodTimingSink: Sink, @unchecked Sendable {
    private let inner: Sink
    private let samples: UnsafeMutablePointer<Int64>
    private let capacity: Int
    private var count = 0
    private var lastReturnNanoseconds: Int64 = 0

    init(wrapping inner: Sink, capacity: Int) {
        self.inner = inner
        self.capacity = capacity
        samples = .allocate(capacity: capacity)
    }

    deinit { samples.deallocate() }

    var name: String { inner.name }
    var periodFrames: Int { inner.periodFrames }
    var latencyMilliseconds: Double { inner.latencyMilliseconds }
    var xrunCount: Int { inner.xrunCount }
    var isWaitingForDevice: Bool { inner.isWaitingForDevice }
    var reconnectionCount: Int { inner.reconnectionCount }
    func waitForDevice(milliseconds: Int) -> Bool { inner.waitForDevice(milliseconds: milliseconds) }

    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        let entered = MonotonicClock.nanoseconds()
        if lastReturnNanoseconds != 0 && count < capacity {
            samples[count] = entered - lastReturnNanoseconds
            count += 1
        }
        try inner.write(frames, frameCount: frameCount)
        lastReturnNanoseconds = MonotonicClock.nanoseconds()
    }

    func close() { inner.close() }

    /// The mix times recorded so far, in nanoseconds. Read after playback stopped.
    var periodNanoseconds: [Int64] { Array(UnsafeBufferPointer(start: samples, count: count)) }
}
