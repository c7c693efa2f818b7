import AudioEngine
import Foundation
import Synchronization

/// Moves a playing engine's weights and intensities along an `Evolve` drift while its scene
/// has `evolve` on — a low-rate control loop (about once a second), never on the audio thread.
///
/// The drift goes through `setWeight`/`setIntensity`, so the mixer smooths every change and
/// front ends show it. The user's own settings stay the centre of the drift: a value the
/// driver finds different from what it last set was changed by the user, and becomes the
/// new base. When a new scene is applied the drift starts afresh; when evolve is turned off
/// the user's settings are restored.
///
/// Offline, call `update(atSeconds:)` between rendered blocks with the rendered time; live,
/// `start()` runs a background thread that does it with the wall clock.
public final class EvolveDriver: @unchecked Sendable {
    /// How often the live thread updates; drifts take minutes, so a second is smooth enough.
    public static let updateIntervalSeconds = 1.0
    /// When evolve starts (or a scene is applied), the drift grows from nothing over this long,
    /// so turning it on never makes a layer jump.
    public static let fadeInSeconds = 30.0

    private struct State {
        var layerIdentity: [String] = []
        var evolve: Evolve?
        var bases: [(weight: Float, intensity: Float)] = []
        var lastSet: [(weight: Float, intensity: Float)]? = nil
        var startSeconds = 0.0
        /// When the current stretch of evolving began, for the fade-in.
        var enabledSeconds: Double? = nil
        var generation: UInt64 = 0
        /// How far (0…0.5) the drift may move a value: the scene's `evolveRange`.
        var range: Float = Scene.defaultEvolveRange
    }

    private let engine: EngineControl
    private let seed: UInt64
    private let state = Mutex(State())
    private let stopRequested = Atomic<Bool>(false)
    /// Ends the live thread's sleep early, for `stop()`.
    private let wakeUp = DispatchSemaphore(value: 0)
    private var thread: EngineThread?

    /// A driver for `engine`; `seed` makes its weather reproducible.
    public init(engine: EngineControl, seed: UInt64) {
        self.engine = engine
        self.seed = seed
    }

    /// How far (0…0.5) the drift may move each weight and intensity: the playing scene's
    /// `evolveRange`. The engine knows only whether it evolves; the range is the scene's.
    public var range: Float {
        get { state.withLock { $0.range } }
        set { state.withLock { $0.range = newValue } }
    }

    /// Brings the engine's layers to where the drift is `seconds` after the driver began.
    /// Returns whether evolve is on (while it is off, there is nothing to do until it is turned on).
    @discardableResult
    public func update(atSeconds seconds: Double) -> Bool {
        let status = engine.status
        let changes: [(index: Int, weight: Float, intensity: Float)] = state.withLock { state in
            let layers = status.layers
            let identity = layers.map { "\($0.sound)/\($0.variant ?? "")" }
            if identity != state.layerIdentity || state.evolve?.range != min(max(state.range, 0), 0.5) {
                // A new scene (or range): its current settings are the user's; start a new drift.
                state.layerIdentity = identity
                state.bases = layers.map { ($0.weight, $0.intensity) }
                state.lastSet = nil
                state.startSeconds = seconds
                state.generation &+= 1
                state.evolve = nil
                state.enabledSeconds = nil
            }
            if let last = state.lastSet {
                // Whatever differs from what this driver set was moved by the user.
                for index in layers.indices where index < last.count {
                    if abs(layers[index].weight - last[index].weight) > 1e-4 {
                        state.bases[index].weight = layers[index].weight
                    }
                    if abs(layers[index].intensity - last[index].intensity) > 1e-4 {
                        state.bases[index].intensity = layers[index].intensity
                    }
                }
            }
            guard status.isEvolving else {
                // Evolve turned off: put the user's settings back once.
                state.enabledSeconds = nil
                defer { state.lastSet = nil }
                guard state.lastSet != nil else { return [] }
                return state.bases.enumerated().map { ($0.offset, $0.element.weight, $0.element.intensity) }
            }
            if state.evolve == nil {
                state.evolve = Evolve(
                    bases: state.bases, range: state.range, seed: seed &+ state.generation)
            }
            state.evolve!.bases = state.bases
            if state.enabledSeconds == nil { state.enabledSeconds = seconds }
            let ramp = Float(min(1, max(0, (seconds - state.enabledSeconds!) / Self.fadeInSeconds)))
            let values = zip(state.bases, state.evolve!.values(at: seconds - state.startSeconds)).map { base, value in
                (
                    weight: base.weight + (value.weight - base.weight) * ramp,
                    intensity: base.intensity + (value.intensity - base.intensity) * ramp
                )
            }
            state.lastSet = values
            return values.enumerated().map { ($0.offset, $0.element.weight, $0.element.intensity) }
        }
        for change in changes {
            engine.setWeight(change.weight, ofLayer: change.index)
            // A drift, not a key: it comes in behind the lead, so no rendered event is skipped.
            engine.setIntensity(change.intensity, ofLayer: change.index, jumps: false)
        }
        return status.isEvolving
    }

    /// `scene` (normally the playing scene, `Scene.updated(from: engine.status)`) with the user's own weights and intensities in place of the
    /// drifted ones, so saving an evolving scene keeps what the user set, not a moment of weather.
    public func userSettings(of scene: Scene) -> Scene {
        state.withLock { state in
            let identity = scene.layers.map { "\($0.sound)/\($0.variant ?? "")" }
            guard identity == state.layerIdentity, state.bases.count == scene.layers.count else { return scene }
            var settled = scene
            for index in settled.layers.indices {
                // A value the driver did not set was set by the user after the last update: keep it.
                let last = state.lastSet.flatMap { index < $0.count ? $0[index] : nil }
                if last == nil || abs(settled.layers[index].weight - last!.weight) <= 1e-4 {
                    settled.layers[index].weight = state.bases[index].weight
                }
                if last == nil || abs(settled.layers[index].intensity - last!.intensity) <= 1e-4 {
                    settled.layers[index].intensity = state.bases[index].intensity
                }
            }
            return settled
        }
    }

    /// Starts a background thread updating about once a second while evolve is on, and
    /// asleep while it is off (the engine wakes it when evolve is turned on), until `stop()`.
    public func start() {
        guard thread == nil else { return }
        let began = MonotonicClock.seconds()
        // Weak: the engine outlives no driver's thread, and must not keep the driver alive.
        engine.observeEvolving { [weak self] in self?.wakeUp.signal() }
        // An `EngineThread`, not Foundation's `Thread`: a `Thread` keeps its closure (and so this
        // driver and its engine, rings and all) for as long as the `Thread` object lives, and this
        // driver holds the `Thread` — a cycle that leaked the whole engine after every live run.
        // An `EngineThread` drops its closure when the loop returns, and `stop()` waits for that.
        thread = EngineThread(name: "soundscape-evolve") { [self] in
            var nextUpdate = 0.0
            while !stopRequested.load(ordering: .acquiring) {
                let now = MonotonicClock.seconds() - began
                if now >= nextUpdate {
                    nextUpdate = now + Self.updateIntervalSeconds
                    if !update(atSeconds: now) {
                        // Evolve is off (and the user's settings are back): asleep until it is
                        // turned on or `stop()`, then an update at once. A turn-on between the
                        // update and this wait has already signalled, so the wait returns.
                        wakeUp.wait()
                        nextUpdate = 0
                        continue
                    }
                }
                // Asleep until the next update, or until `stop()` wakes it: no polling.
                _ = wakeUp.wait(timeout: .now() + max(0, nextUpdate - (MonotonicClock.seconds() - began)))
            }
        }
    }

    /// Stops the background thread and waits for it (it wakes at once): afterwards nothing
    /// holds this driver or its engine but the caller.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        wakeUp.signal()
        if let thread, !thread.isCurrent { thread.join() }
    }
}
