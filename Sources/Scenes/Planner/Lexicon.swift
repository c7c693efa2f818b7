import Foundation
import TOMLKit
import TOMLSupport

/// The planner's vocabulary, read from `Themes/lexicon.toml`: words and
/// phrases naming sounds, places and moods that bring several layers, and
/// modifiers that change weights, intensities and the whole scene.
///
/// The file's own header documents its format; `Lexicon.read(path:)` checks it
/// and reports the first problem as `path:line: what is wrong`.
public struct Lexicon: Sendable {
    /// A layer an entry brings; nil settings leave what another word set, or take the defaults.
    public struct LayerTemplate: Sendable, Equatable {
        public var sound: String
        public var variant: String?
        public var weight: Float?
        public var intensity: Float?
    }

    /// Words naming one sound, or a place or mood bringing several.
    public struct Term: Sendable {
        public enum Kind: Sendable { case sound, place }
        public var kind: Kind
        public var words: [String]
        public var layers: [LayerTemplate]
        /// For places: the variant a sound takes here when the prompt names it without one.
        public var variants: [String: String]
    }

    /// Words that change settings of the sound they qualify, or of the whole scene.
    public struct Modifier: Sendable {
        public enum Scope: String, Sendable { case layer, scene }
        public var words: [String]
        public var scope: Scope
        /// The sounds this modifier can qualify; empty means every sound.
        public var appliesTo: Set<String>
        public var intensity: Float?
        public var weight: Float?
        public var intensityOffset: Float?
        public var weightScale: Float?
        public var masterScale: Float?
        /// Preferred variants for layers whose variant the prompt did not name.
        public var variants: [String: String]
        /// Sounds swapped for others when a place, not the prompt, brought them ("night": birds → crickets).
        public var replacements: [String: String]
        public var evolve: Bool?
        /// The index in `terms` of a place to read this word as when nothing in the prompt qualifies.
        public var otherwise: Int?

        func qualifies(_ sound: String) -> Bool { appliesTo.isEmpty || appliesTo.contains(sound) }
    }

    /// What a normalized phrase means.
    enum Entry: Sendable, Equatable {
        case term(Int)
        case modifier(Int)
        case negation
        /// A sound the catalogue has but the lexicon does not (a learned layer named in the prompt).
        case catalogSound(String)
    }

    public internal(set) var terms: [Term] = []
    public internal(set) var modifiers: [Modifier] = []
    /// Words ignored silently ("a", "on", "the").
    public internal(set) var stopWords: Set<String> = []
    /// Words that leave out the next sound or place ("no thunder").
    public internal(set) var negations: Set<String> = []
    /// The layers of the scene planned from an empty prompt or one naming no sound.
    public internal(set) var defaultLayers: [LayerTemplate] = []
    public internal(set) var defaultMaster: Float = 1

    /// Phrase (normalized words without stop words, joined by spaces) → meaning.
    var phrases: [String: Entry] = [:]
    /// The longest phrase, in words.
    var maximumPhraseLength = 1
    /// Every word used in a phrase, for spelling correction; sorted, so corrections are deterministic.
    var vocabulary: [String] = []

    /// Every sound the lexicon can put into a scene.
    public var soundNames: Set<String> {
        var names = Set(defaultLayers.map(\.sound))
        for term in terms {
            names.formUnion(term.layers.map(\.sound))
            names.formUnion(term.variants.keys)
        }
        for modifier in modifiers {
            names.formUnion(modifier.appliesTo)
            names.formUnion(modifier.variants.keys)
            names.formUnion(modifier.replacements.keys)
            names.formUnion(modifier.replacements.values)
        }
        return names
    }

    /// Every (sound, variant) the lexicon names explicitly.
    public var soundVariants: [(sound: String, variant: String)] {
        var pairs: [(String, String)] = []
        for layer in defaultLayers + terms.flatMap(\.layers) {
            if let v = layer.variant { pairs.append((layer.sound, v)) }
        }
        for term in terms { pairs += term.variants.map { ($0.key, $0.value) } }
        for modifier in modifiers { pairs += modifier.variants.map { ($0.key, $0.value) } }
        return pairs
    }

    /// Reads and checks the lexicon at `path`.
    /// - Throws: `SceneError.invalidFile` (`path:line: reason`) or `.fileSystem`.
    public static func read(path: String) throws -> Lexicon {
        try parse(SceneError.reporting { try TextFile.read(path: path) }, path: path)
    }

    /// Parses and checks lexicon text; `path` is only used in messages.
    public static func parse(_ text: String, path: String) throws -> Lexicon {
        let table = try SceneError.reporting { try TOMLSyntax.parseTable(text, path: path) }
        var reader = LexiconReader(path: path, lines: TOMLLineIndex(text))
        return try SceneError.reporting { try reader.read(table) }
    }

    /// Lower case, accents folded ("Café" → "cafe"), so prompts and the lexicon meet halfway.
    public static func normalize(_ word: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in String(word).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }

    /// The meaning of normalized `words` (stop words already removed), if the lexicon has that phrase.
    func entry(for words: ArraySlice<String>) -> Entry? {
        phrases[words.joined(separator: " ")]
    }

    /// Whether `word` appears in any phrase.
    func knows(_ word: String) -> Bool { vocabularySet.contains(word) }
    var vocabularySet: Set<String> = []

    /// Splits a phrase as written in the lexicon into normalized words without stop words.
    func phraseWords(_ phrase: String) -> [String] {
        PromptTokenizer.words(in: phrase).filter { !stopWords.contains($0) }
    }

    mutating func register(
        _ phrase: String, as entry: Entry, line: Int, path: String, lines owners: inout [String: Int]
    ) throws {
        let words = phraseWords(phrase)
        guard !words.isEmpty else {
            throw SceneError.invalidFile(
                path: path, line: line, reason: "'\(phrase)' has only stop words; it can never match")
        }
        let key = words.joined(separator: " ")
        if let existing = phrases[key] {
            if existing == entry { return }  // "far off" and "far" in one entry: the same meaning twice
            let first = owners[key].map { " (also at line \($0))" } ?? ""
            throw SceneError.invalidFile(
                path: path, line: line,
                reason:
                    "'\(phrase)' is read as '\(key)', which another entry already means\(first); keep it in one entry"
            )
        }
        phrases[key] = entry
        owners[key] = line
        maximumPhraseLength = max(maximumPhraseLength, words.count)
        vocabularySet.formUnion(words)
    }
}
