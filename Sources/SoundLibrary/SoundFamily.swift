/// How the library groups its sounds, for listings and the mixer's add-a-sound list.
public enum SoundFamily: String, CaseIterable, Sendable {
    case water, nature, places, things, noise
}
