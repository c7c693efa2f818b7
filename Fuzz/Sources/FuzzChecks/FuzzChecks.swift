import Scenes
import SoundLibrary

/// What the engine needs of any scene, for both fuzz targets.
public enum FuzzChecks {
    /// Why the engine could not play `scene` as it is (unknown sound or variant,
    /// a number out of range), or nil when it can.
    public static func unplayable(_ scene: Scene, catalog: SoundCatalog = .builtIn) -> String? {
        if !(0...1).contains(scene.master) { return "master \(scene.master)" }
        if !(0...0.5).contains(scene.evolveRange) { return "evolve_range \(scene.evolveRange)" }
        if let minutes = scene.timerMinutes, !(minutes.isFinite && minutes > 0) { return "timer \(minutes)" }
        for layer in scene.layers {
            guard let variants = catalog.variants(of: layer.sound) else { return "unknown sound \(layer.sound)" }
            if let variant = layer.variant, !variants.contains(variant) { return "variant \(variant) of \(layer.sound)" }
            if !(0...1).contains(layer.weight) || !(0...1).contains(layer.intensity) { return "\(layer)" }
        }
        return nil
    }
}
