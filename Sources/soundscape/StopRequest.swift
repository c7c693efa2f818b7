import AudioEngine
import Synchronization

/// A stop asked for by a signal, possibly before the engine is playing: remembered
/// until the engine is attached, then passed on as a fade-out.
final class StopRequest: Sendable {
    private struct State {
        var fadeSeconds: Double?
        var engine: Engine?
    }

    private let state = Mutex(State())

    /// Whether a stop was asked for.
    var isRequested: Bool { state.withLock { $0.fadeSeconds != nil } }

    /// Stops the attached engine with a fade, or remembers to once one is attached.
    func request(fadeSeconds: Double) {
        let engine = state.withLock { state -> Engine? in
            state.fadeSeconds = fadeSeconds
            return state.engine
        }
        engine?.stop(fadeSeconds: fadeSeconds)
    }

    /// Hands over the playing engine; a stop asked for before now takes effect at once.
    func attach(_ engine: Engine) {
        let pending = state.withLock { state -> Double? in
            state.engine = engine
            return state.fadeSeconds
        }
        if let pending { engine.stop(fadeSeconds: pending) }
    }
}
