/// Whether a layer's sound can play yet, as a front end shows it.
public enum LayerPreparation: Equatable, Sendable {
    /// Its source plays (or fades in).
    case ready
    /// Its model is being trained or loaded in the background; it is silent until then.
    case preparing
    /// Its model could not be made; it stays silent. The reason is for people.
    case failed(String)
}
