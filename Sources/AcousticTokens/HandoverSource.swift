import AudioEngine
import DSP
import Foundation
import Synchronization

/// A layer that plays a stand-in (the sound's synthesizer) at once and hands
/// over to the real source (its token model) when that arrives from another
/// thread, with an equal-power crossfade. This is how a first launch with an
/// empty model cache still starts every layer straight away: the synthesizer
/// plays while the model trains, then the model takes over without a cut.
///
/// `render` runs on a generation worker: after `install` it reads the real
/// source through an acquire load, and it mixes in a buffer made once. No
/// locks, no allocation.
final class HandoverSource: LayerSource, @unchecked Sendable {
    /// Frames the crossfade takes.
    let crossfadeFrames: Int
    private let standIn: LayerSource
    /// Set once before `isInstalled` is stored with release.
    private var real: LayerSource?
    private var realGain: Float = 1
    private let isInstalled = Atomic<Bool>(false)
    /// Frames of the crossfade played so far (worker only).
    private var fadedFrames = 0
    private let scratch: UnsafeMutablePointer<Float>
    private static let scratchFrames = 4096

    init(standIn: LayerSource, crossfadeSeconds: Double = 1) {
        self.standIn = standIn
        crossfadeFrames = max(1, Int(crossfadeSeconds * Double(AudioFormat.sampleRate)))
        scratch = .allocate(capacity: 2 * Self.scratchFrames)
    }

    deinit { scratch.deallocate() }

    /// Whether the real source has arrived.
    var hasRealSource: Bool { isInstalled.load(ordering: .acquiring) }

    /// Hands over the real source, played at `gain` so it meets the level the
    /// mix was staged for with the stand-in; call at most once, from any thread.
    func install(_ source: LayerSource, gain: Float) {
        real = source
        realGain = gain
        isInstalled.store(true, ordering: .releasing)
    }

    func beginFreshTake() {
        standIn.beginFreshTake()
        if isInstalled.load(ordering: .acquiring), let real { real.beginFreshTake() }
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        guard isInstalled.load(ordering: .acquiring), let real else {
            standIn.render(into: output, frameCount: frameCount, intensity: intensity)
            return
        }
        if fadedFrames >= crossfadeFrames {
            real.render(into: output, frameCount: frameCount, intensity: intensity)
            if realGain != 1 { for i in 0..<(2 * frameCount) { output[i] *= realGain } }
            return
        }
        var done = 0
        while done < frameCount {
            let count = min(Self.scratchFrames, frameCount - done)
            let out = output + 2 * done
            standIn.render(into: out, frameCount: count, intensity: intensity)
            real.render(into: scratch, frameCount: count, intensity: intensity)
            let length = Float(crossfadeFrames)
            for frame in 0..<count {
                // Equal power: the two are unrelated signals, so their powers add.
                let t = min(1, Float(fadedFrames + frame) / length)
                let incoming = sin(t * .pi / 2) * realGain
                let outgoing = cos(t * .pi / 2)
                out[2 * frame] = out[2 * frame] * outgoing + scratch[2 * frame] * incoming
                out[2 * frame + 1] = out[2 * frame + 1] * outgoing + scratch[2 * frame + 1] * incoming
            }
            fadedFrames = min(crossfadeFrames, fadedFrames + count)
            done += count
        }
    }
}
