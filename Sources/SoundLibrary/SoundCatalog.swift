/// The sounds a scene or a prompt may name, with their variants (first = default).
///
/// The planner and the scene file reader check names against a catalogue
/// rather than the sound library itself, so that learned layers can be added
/// and tests can make small catalogues without building every synthesizer.
public struct SoundCatalog: Sendable, Equatable {
    /// Sound name → its variants, the default first.
    public private(set) var variantsBySound: [String: [String]]
    /// Sound names in the order they were given, for messages and listings.
    public private(set) var names: [String]

    /// A catalogue of `sounds`, each with at least one variant.
    public init(_ sounds: [(name: String, variants: [String])]) {
        variantsBySound = [:]
        names = []
        for sound in sounds { add(sound.name, variants: sound.variants) }
    }

    /// Adds (or replaces) a sound, e.g. a layer learned from a recording.
    public mutating func add(_ name: String, variants: [String]) {
        if variantsBySound[name] == nil { names.append(name) }
        variantsBySound[name] = variants.isEmpty ? ["default"] : variants
    }

    /// Every sound in the built-in library.
    public static var builtIn: SoundCatalog {
        SoundCatalog(SoundLibrary.builtIn.map { ($0.name, $0.variants) })
    }

    /// Whether `name` is a sound in the catalogue.
    public func contains(_ name: String) -> Bool { variantsBySound[name] != nil }

    /// The variants of `sound`, or nil if it is not in the catalogue.
    public func variants(of sound: String) -> [String]? { variantsBySound[sound] }

    /// The default variant of `sound`, or nil if it is not in the catalogue.
    public func defaultVariant(of sound: String) -> String? { variantsBySound[sound]?.first }

    /// The known name closest to `name` in spelling, for "did you mean" hints.
    public func closestName(to name: String) -> String? {
        let scored = names.map { ($0, EditDistance.damerauLevenshtein(name, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else {
            return nil
        }
        return best.0
    }
}
