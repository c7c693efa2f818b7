import AudioEngine

/// A synthesizer played through a fixed gain: how the library level-matches
/// sounds by loudness without touching each synthesizer's own gain staging.
final class LevelTrimmedSource: LayerSource {
    private let source: LayerSource
    private let gain: Float

    init(_ source: LayerSource, gain: Float) {
        self.source = source
        self.gain = gain
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        source.render(into: output, frameCount: frameCount, intensity: intensity)
        for index in 0..<(2 * frameCount) { output[index] *= gain }
    }

    var isReadyToRender: Bool { source.isReadyToRender }
}
