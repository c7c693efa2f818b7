import AudioEngine
import DSP
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Wraps a sink to note when the first audible period reaches it: the moment
/// a listener would start to hear something. For `soundscape bench`, which
/// runs `play` as a child and measures launch-to-first-audio; enabled by the
/// environment variable `SOUNDSCAPE_REPORT_FIRST_AUDIO`.
///
/// `write` runs on the audio thread: it only scans the period and, once,
/// reads the monotonic clock into an atomic. `play` prints the instant when
/// it ends, as CLOCK_MONOTONIC nanoseconds, which the parent compares with
/// the instant it spawned the child (the clock is system-wide).
final class FirstAudioSink: Sink, @unchecked Sendable {
    /// The environment variable that turns the report on.
    static let environmentVariable = "SOUNDSCAPE_REPORT_FIRST_AUDIO"
    /// The stderr line's prefix; the nanoseconds follow it.
    static let reportPrefix = "soundscape: first audio at monotonic ns "

    private let inner: Sink
    private let firstAudioNanoseconds = Atomic<Int64>(0)

    init(wrapping inner: Sink) {
        self.inner = inner
    }

    var name: String { inner.name }
    var periodFrames: Int { inner.periodFrames }
    var latencyMilliseconds: Double { inner.latencyMilliseconds }
    var xrunCount: Int { inner.xrunCount }
    var isWaitingForDevice: Bool { inner.isWaitingForDevice }
    var reconnectionCount: Int { inner.reconnectionCount }
    func waitForDevice(milliseconds: Int) -> Bool { inner.waitForDevice(milliseconds: milliseconds) }
    func waitForRoom() { inner.waitForRoom() }
    func suspend() -> Bool { inner.suspend() }
    func resume() { inner.resume() }
    var isDueInRealTime: Bool { inner.isDueInRealTime }

    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        if firstAudioNanoseconds.load(ordering: .relaxed) == 0 {
            var audible = false
            for i in 0..<(frameCount * AudioFormat.channelCount) where frames[i] != 0 {
                audible = true
                break
            }
            if audible { firstAudioNanoseconds.store(MonotonicClock.nanoseconds(), ordering: .relaxed) }
        }
        try inner.write(frames, frameCount: frameCount)
    }

    func close() { inner.close() }

    /// The line `play` prints at its end, or nil when nothing audible was written.
    var report: String? {
        let nanoseconds = firstAudioNanoseconds.load(ordering: .relaxed)
        return nanoseconds == 0 ? nil : Self.reportPrefix + String(nanoseconds)
    }
}
