import AudioEngine
import DSP

/// A synthesizer played through a fixed gain and the soft ceiling: how the
/// library level-matches sounds by loudness without touching each
/// synthesizer's own gain staging. Matching by loudness lifts a sparse,
/// peaky sound (a drip, a thump) more than a steady one, so the ceiling
/// (transparent below 0.6) keeps the rare pile-up under −1 dBFS.
final class LevelTrimmedSource: LayerSource {
    private let source: LayerSource
    private let gain: Float

    init(_ source: LayerSource, gain: Float) {
        self.source = source
        self.gain = gain
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        source.render(into: output, frameCount: frameCount, intensity: intensity)
        for index in 0..<(2 * frameCount) { output[index] = SoftCeiling.apply(output[index] * gain) }
    }

    var isReadyToRender: Bool { source.isReadyToRender }

    func beginFreshTake() { source.beginFreshTake() }
}
