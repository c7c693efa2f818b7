@testable import AudioEngine
import Scenes

/// An `EngineControl` that plays nothing and records what it was asked, so
/// front ends and drivers can be checked without audio or a terminal.
package final class FakeEngine: EngineControl {
    /// The control model, kept as the real engine keeps it.
    package var status = EngineStatus()
    package private(set) var appliedMixes: [Mix] = []
    package private(set) var timer: (seconds: Double?, fadeSeconds: Double)?
    package private(set) var stopFadeSeconds: Double?
    package var applyError: Error?

    package init(scene: Scene) {
        status.layers = scene.mix.layers
        status.master = scene.master
        status.isEvolving = scene.evolve
        status.layerLevels = scene.layers.map { _ in 0.1 }
    }

    /// The engine's model as a scene (the engine knows no prompt), for comparisons.
    package var scene: Scene { Scene().updated(from: status) }
    package var solo: Int? { status.soloLayer }

    package func apply(_ mix: Mix) throws {
        if let applyError { throw applyError }
        // Solo follows its layer when the layer is kept, as in the real engine.
        let kept = Engine.matchLayers(old: status.layers, new: mix.layers)
        status.soloLayer = status.soloLayer.flatMap { solo in kept.firstIndex { $0 == solo } }
        status.layers = mix.layers
        status.master = mix.master
        appliedMixes.append(mix)
        status.layerLevels = mix.layers.map { _ in 0.1 }
    }
    package func setWeight(_ weight: Float, ofLayer index: Int) { status.layers[index].weight = weight }
    package func setIntensity(_ intensity: Float, ofLayer index: Int, jumps: Bool) {
        status.layers[index].intensity = intensity
    }
    package func setMuted(_ muted: Bool, ofLayer index: Int) { status.layers[index].isMuted = muted }
    package func setSolo(_ index: Int?) { status.soloLayer = index }
    package func setMaster(_ gain: Float) { status.master = gain }
    package func setPaused(_ paused: Bool) { status.isPaused = paused }
    package func setTimer(seconds: Double?, fadeSeconds: Double) {
        timer = (seconds, fadeSeconds)
        status.timerRemainingSeconds = seconds.map { $0 + fadeSeconds }
    }
    package func setEvolving(_ evolving: Bool) {
        status.isEvolving = evolving
        for observer in evolvingObservers { observer() }
    }
    private var evolvingObservers: [@Sendable () -> Void] = []
    package func observeEvolving(_ observer: @escaping @Sendable () -> Void) { evolvingObservers.append(observer) }
    package func stop(fadeSeconds: Double) {
        stopFadeSeconds = fadeSeconds
        status.isStopped = true
    }
}

