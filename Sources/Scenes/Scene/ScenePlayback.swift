import AudioEngine

// Scenes are translated to and from the engine's own control model here, outside
// the engine: the engine plays a `Mix` and reports an `EngineStatus`; what only a
// scene file knows (prompt, summary, evolve range, keys of later versions) stays
// with the `Scene`.

extension LayerSettings {
    /// The layer as the engine plays it.
    public var mixLayer: MixLayer {
        MixLayer(sound: sound, variant: variant, weight: weight, intensity: intensity, isMuted: muted)
    }
}

extension Scene {
    /// The fade a scene's timer ends with: its last 30 s, or half of a shorter timer.
    public static let timerFadeSeconds = 30.0

    /// The layers and master the engine plays for this scene, staged to its loudness.
    public var mix: Mix {
        Mix(layers: layers.map(\.mixLayer), master: master, loudnessTarget: loudness ?? Self.defaultLoudness)
    }

    /// This scene as `status` says it plays now. Layers, master, evolve and the
    /// timer come from the engine; prompt, summary, evolve range and unknown keys
    /// from `self`, a layer's own unknown keys found by its sound and variant
    /// (which are unique within a scene).
    public func updated(from status: EngineStatus) -> Scene {
        var scene = self
        scene.layers = status.layers.map { playing in
            let known = layers.first { $0.sound == playing.sound && $0.variant == playing.variant }
            return LayerSettings(
                sound: playing.sound, variant: playing.variant, weight: playing.weight, intensity: playing.intensity,
                muted: playing.isMuted, unknownKeys: known?.unknownKeys ?? [:])
        }
        scene.master = status.master
        scene.evolve = status.isEvolving
        scene.timerMinutes = status.timerRemainingSeconds.map { $0 / 60 }
        return scene
    }
}

extension EngineControl {
    /// Plays `scene`: crossfades to its layers and master, turns evolve on or off
    /// as it says, and starts its timer when it has one. A scene without a timer
    /// leaves a running timer alone: opening a scene mid-session keeps the session's end.
    public func play(_ scene: Scene) throws {
        try apply(scene.mix)
        setEvolving(scene.evolve)
        if let minutes = scene.timerMinutes {
            // The scene's minutes are until playback stops, so the fade is their last part.
            let total = max(0, minutes * 60)
            let fade = min(Scene.timerFadeSeconds, total / 2)
            setTimer(seconds: total - fade, fadeSeconds: fade)
        }
    }
}
