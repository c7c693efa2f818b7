/// What one layer of a scene sounds like: a procedural synthesizer or a
/// token model driving its codec.
///
/// A source runs on a generation worker, never on the audio thread, so it
/// may be a class and may keep state; it must still not allocate per call,
/// because workers render small blocks many times a second.
public protocol LayerSource: AnyObject {
    /// Writes `frameCount` interleaved stereo frames into `output`.
    ///
    /// `intensity` (0…1) changes the sound itself — density, size, distance,
    /// gustiness — not only its level. Consecutive calls continue one
    /// endless, click-free stream.
    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float)
}
