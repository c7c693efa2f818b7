import AudioEngine
import DSP

/// Wraps a file sink to measure what is written: `render` reports the file's
/// integrated loudness and true peak, and `--loudness` normalises from them.
/// Offline only: the meter's work and its (fixed) memory are fine there.
final class LoudnessMeteringSink: Sink {
    private let inner: Sink
    private var meter = LoudnessMeter(sampleRate: AudioFormat.sampleRate, channelCount: AudioFormat.channelCount)

    init(wrapping inner: Sink) {
        self.inner = inner
    }

    var name: String { inner.name }
    var periodFrames: Int { inner.periodFrames }
    var latencyMilliseconds: Double { inner.latencyMilliseconds }
    var xrunCount: Int { inner.xrunCount }
    var unfinishedFilePath: String? { inner.unfinishedFilePath }
    var closeError: SinkError? { inner.closeError }

    /// Integrated loudness of everything written, in LUFS (−∞ for silence).
    var integratedLoudness: Double { meter.integratedLUFS }
    /// The highest true peak written, in dBTP (−∞ for silence).
    var truePeak: Double { meter.truePeakDBTP }

    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        meter.measure(frames, frameCount: frameCount)
        try inner.write(frames, frameCount: frameCount)
    }

    func close() { inner.close() }
    func discard() { inner.discard() }
}
