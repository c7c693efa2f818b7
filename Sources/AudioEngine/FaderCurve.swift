/// A square law: 1 → 0 dB, 0.7 → −6 dB, 0.5 → −12 dB, 0.25 → −24 dB,
/// 0.1 → −40 dB, 0 → silence. Equal steps of a fader then sound like
/// roughly equal steps of loudness over the range people use, which a linear
/// gain does not (its upper half would be nearly all the same).
public enum FaderCurve {
    /// The linear gain for fader position `position` (clamped to 0…1).
    public static func gain(_ position: Float) -> Float {
        let p = min(max(position.isNaN ? 0 : position, 0), 1)
        return p * p
    }
}

/// Everything the audio thread, the workers and the control thread share,
/// allocated once when the engine is made and freed when it goes.
///
