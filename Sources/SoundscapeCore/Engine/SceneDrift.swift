/// The slow drift of a scene's weights and intensities while it evolves.
///
/// The engine owns when, the drift owns what: while `scene.evolve` is on,
/// the engine asks its drift for offsets ten times per second of playback
/// (from a worker thread live, from `renderOffline` offline, so a seeded
/// render drifts the same way every time) and plays each layer at the
/// user's weight and intensity plus the offset, clamped to 0…1. `scene`
/// keeps reporting what the user set; the drift only moves the sound
/// around it, and every move goes through the mixer's smoothing.
///
/// The scene layer implements it (Scene/Evolve.swift) and installs it with
/// `engine.drift = …`.
public protocol SceneDrift: AnyObject {
    /// Offsets for each layer of `scene` (in scene order) after
    /// `playedSeconds` of playback. Missing entries count as no offset.
    func offsets(for scene: Scene, playedSeconds: Double) -> [LayerDrift]
}

/// How far the drift moves one layer from the user's setting just now.
public struct LayerDrift: Sendable, Equatable {
    /// Added to the layer's weight (a fader position).
    public var weight: Float
    /// Added to the layer's intensity.
    public var intensity: Float

    public init(weight: Float = 0, intensity: Float = 0) {
        self.weight = weight
        self.intensity = intensity
    }
}
