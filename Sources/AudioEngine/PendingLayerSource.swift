import DSP
import Synchronization

/// A layer whose real source is still being made on another thread. It
/// renders silence until `install` hands the source over, then plays it,
/// fading in so a layer that arrives late enters as smoothly as one added
/// by a scene change.
///
/// `render` runs on a generation worker and only reads an atomic flag and,
/// once it is set, the installed source: no locks, no allocation.
final class PendingLayerSource: LayerSource, @unchecked Sendable {
    /// Frames the fade-in takes once the real source is there.
    let fadeInFrames: Int
    /// Set once, before `isInstalled` is stored with release; read by the
    /// worker only after loading `isInstalled` with acquire.
    private var real: LayerSource?
    private let isInstalled = Atomic<Bool>(false)
    /// Frames of the fade-in played so far (worker only).
    private var fadedFrames = 0

    init(fadeInFrames: Int) {
        self.fadeInFrames = max(1, fadeInFrames)
    }

    /// Whether the real source has arrived.
    var isReady: Bool { isInstalled.load(ordering: .acquiring) }

    /// Not before the real source has arrived (or will never come): until
    /// then the workers leave this layer's ring empty, so its first sound is
    /// not queued behind silence.
    var isReadyToRender: Bool { isReady || gaveUp.load(ordering: .relaxed) }
    private let gaveUp = Atomic<Bool>(false)

    /// The real source could not be made: the layer plays silence from now on.
    func giveUp() {
        gaveUp.store(true, ordering: .relaxed)
    }

    /// Hands over the real source; call at most once, from any thread.
    func install(_ source: LayerSource) {
        real = source
        isInstalled.store(true, ordering: .releasing)
    }

    func beginFreshTake() {
        guard isInstalled.load(ordering: .acquiring), let real else { return }
        real.beginFreshTake()
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        guard isInstalled.load(ordering: .acquiring), let real else {
            output.update(repeating: 0, count: frameCount * AudioFormat.channelCount)
            return
        }
        real.render(into: output, frameCount: frameCount, intensity: intensity)
        guard fadedFrames < fadeInFrames else { return }
        // A smoothstep ramp: no corner at either end, so no click.
        let length = Float(fadeInFrames)
        for frame in 0..<frameCount {
            let t = min(1, Float(fadedFrames + frame) / length)
            let gain = t * t * (3 - 2 * t)
            output[2 * frame] *= gain
            output[2 * frame + 1] *= gain
        }
        fadedFrames = min(fadeInFrames, fadedFrames + frameCount)
    }
}
