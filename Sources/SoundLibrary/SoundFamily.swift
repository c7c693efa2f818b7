/// How the library groups its sounds, for listings and the mixer's add-a-sound list.
public enum SoundFamily: String, CaseIterable, Sendable {
    case water, nature, places, things, noise
}

/// Where a sound's audio comes from, as `soundscape sounds` tells it.
public enum SoundKind: String, Sendable {
    /// A synthesizer renders it.
    case procedural
    /// It is learned from recordings.
    case recorded
    /// A recorded bed with procedural events, or a recording with a synthesizer for `--procedural`.
    case both
}
