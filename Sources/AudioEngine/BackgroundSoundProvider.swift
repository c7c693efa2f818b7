import DSP
import Dispatch
import Synchronization

/// A provider for a front end that must never freeze: a layer whose source
/// is slow to make (its model trains or loads) is returned at once as a
/// silent placeholder, the real source is made on a background thread, and
/// the layer fades in when it is ready. Sources that are quick to make, and
/// sounds that do not exist, behave exactly as with the wrapped provider.
///
/// The mixer uses it so that keys and redraws go on while a sound's first use
/// trains its model, and `play` so that the first sound comes after one model
/// has loaded rather than all of them; `render` uses its provider directly,
/// since a render must not start silent.
///
/// Models are made one at a time, in the order asked, so with two cores the
/// first layer plays as soon as possible and a core stays free for audio.
public final class BackgroundSoundProvider: SoundProvider, @unchecked Sendable {
    public let wrapped: SoundProvider
    /// Fade-in of a layer that arrives late, in frames.
    let fadeInFrames = Int(Engine.crossfadeSeconds * Double(AudioFormat.sampleRate))
    private let queue = DispatchQueue(label: "soundscape.preparing", qos: .utility)
    private let state = Mutex(State())

    private struct State {
        /// Sources being made, by sound and variant.
        var pending: [String: Int] = [:]
        /// Why a sound and variant could not be made, until it is asked for again.
        var failures: [String: String] = [:]
    }

    /// Wraps `provider` (for the mixer: the `TokenSoundProvider`).
    public init(wrapping provider: SoundProvider) {
        wrapped = provider
    }

    public func playedLoudness(of layer: MixLayer) -> Double? { wrapped.playedLoudness(of: layer) }

    public func preparationNeeded(for layer: MixLayer) throws -> Bool {
        try wrapped.preparationNeeded(for: layer)
    }

    public func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        guard try wrapped.preparationNeeded(for: layer) else {
            return try wrapped.makeSource(for: layer, seed: seed)
        }
        let key = Self.key(layer)
        let placeholder = PendingLayerSource(fadeInFrames: fadeInFrames)
        state.withLock { state in
            state.pending[key, default: 0] += 1
            state.failures[key] = nil
        }
        queue.async { [self, weak placeholder] in
            // A layer removed before its turn came needs no model.
            guard let placeholder else { return finish(key, failure: nil) }
            do {
                placeholder.install(try wrapped.makeSource(for: layer, seed: seed))
                finish(key, failure: nil)
            } catch {
                placeholder.giveUp()
                finish(key, failure: String(describing: error))
            }
        }
        return placeholder
    }

    private func finish(_ key: String, failure: String?) {
        state.withLock { state in
            state.pending[key, default: 1] -= 1
            if state.pending[key] == 0 { state.pending[key] = nil }
            if let failure { state.failures[key] = failure }
        }
    }

    /// Whether `layer`'s sound is still being prepared, failed, or plays.
    public func preparation(of layer: MixLayer) -> LayerPreparation {
        let key = Self.key(layer)
        return state.withLock { state in
            if state.pending[key] != nil { return .preparing }
            if let failure = state.failures[key] { return .failed(failure) }
            return .ready
        }
    }

    /// Blocks until every source asked for so far has been made (or has failed).
    public func waitUntilPrepared() {
        queue.sync {}
    }

    private static func key(_ layer: MixLayer) -> String {
        "\(layer.sound)|\(layer.variant ?? "")"
    }
}
