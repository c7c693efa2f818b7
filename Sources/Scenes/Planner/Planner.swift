import SoundLibrary
/// Turns a prompt into a scene: `planner.plan("a quiet library on a rainy afternoon, distant thunder")`.
///
/// Reading goes in steps, each deterministic:
/// 1. Split into words and clauses; drop stop words; read "30 minutes" as a timer.
/// 2. Read each remaining word as a lexicon word: exactly, as a plural, or as the
///    nearest spelling (Damerau–Levenshtein ≤ 1 for 4–7 letters, ≤ 2 from 8 — two edits
///    in seven letters already reach other words, "barking" → "hacking"; shorter words
///    must match exactly), then match the longest phrases ("coffee shop").
/// 3. Places and moods bring their layers, named sounds add or refine theirs
///    (a sound named in the prompt wins over a place's setting for it), "no"/"without"
///    leave the next sound or place out, and a prompt naming no sound gets the
///    lexicon's default layers.
/// 4. Modifiers apply in prompt order: a layer modifier to the nearest sound it can
///    qualify, preferring its own clause and the word after it ("distant thunder");
///    a scene modifier ("quiet", "night") to the whole mix.
public struct Planner: Sendable {
    public let lexicon: Lexicon
    /// Resolves default variants, so every planned layer names its variant.
    public let catalog: SoundCatalog

    public init(lexicon: Lexicon, catalog: SoundCatalog = .builtIn) {
        self.lexicon = lexicon
        self.catalog = catalog
    }

    /// The scene `prompt` describes, and the words that were not understood.
    public func plan(_ prompt: String) -> Plan {
        var reading = PromptReading(
            lexicon: lexicon, tokens: PromptTokenizer.tokens(in: prompt),
            extraSounds: Set(catalog.names).subtracting(lexicon.soundNames))
        reading.read()
        var builder = SceneBuilder(lexicon: lexicon, catalog: catalog, matches: reading.matches)
        var scene = builder.build()
        scene.prompt = prompt.trimmingWhitespace()
        scene.timerMinutes = reading.timerMinutes
        return Plan(scene: scene, unknownWords: reading.unknownWords, corrections: reading.corrections)
    }
}

/// A lexicon phrase found in the prompt.
struct PhraseMatch {
    var entry: Lexicon.Entry
    /// Position of the phrase's first word (stop words counted).
    var position: Int
    var clause: Int
}

/// Steps 1 and 2: words → lexicon phrases, unknown words, corrections and the timer.
struct PromptReading {
    let lexicon: Lexicon
    let tokens: [PromptToken]
    var matches: [PhraseMatch] = []
    var unknownWords: [String] = []
    var corrections: [Plan.Correction] = []
    var timerMinutes: Double?

    private static let minuteUnits: Set = ["min", "mins", "minute", "minutes", "m"]
    private static let hourUnits: Set = ["hour", "hours", "hr", "hrs", "h"]

    /// Sounds named by their own name only, such as layers learned from recordings.
    let extraSounds: Set<String>

    init(lexicon: Lexicon, tokens: [PromptToken], extraSounds: Set<String> = []) {
        self.lexicon = lexicon
        self.tokens = tokens
        self.extraSounds = extraSounds
    }

    mutating func read() {
        var content: [(token: PromptToken, word: String?, isExtraSound: Bool, isRespelt: Bool)] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if let (minutes, used) = timer(at: index) {
                timerMinutes = minutes
                index += used
                continue
            }
            index += 1
            if lexicon.stopWords.contains(token.word) { continue }
            // A learned layer's own name ("myrain") wins over any lexicon spelling correction.
            let isExtraSound = extraSounds.contains(token.word) && !lexicon.knows(token.word)
            let reading = isExtraSound ? nil : lexiconWord(for: token)
            content.append((token, reading?.word, isExtraSound, reading?.isRespelt ?? false))
        }
        // Longest phrase first at each word; an unreadable word breaks phrases.
        var start = 0
        while start < content.count {
            if content[start].isExtraSound {
                let token = content[start].token
                matches.append(
                    PhraseMatch(entry: .catalogSound(token.word), position: token.position, clause: token.clause))
                start += 1
                continue
            }
            var matched = false
            if content[start].word != nil {
                for length in stride(
                    from: min(lexicon.maximumPhraseLength, content.count - start), through: 1, by: -1)
                {
                    let slice = content[start..<(start + length)]
                    guard slice.allSatisfy({ $0.word != nil }),
                        let entry = lexicon.entry(for: ArraySlice(slice.map { $0.word! }))
                    else { continue }
                    matches.append(
                        PhraseMatch(
                            entry: entry, position: slice.first!.token.position, clause: slice.first!.token.clause
                        ))
                    // Plurals are read silently; only respelt words are worth telling the user about.
                    for item in slice where item.isRespelt {
                        corrections.append(Plan.Correction(typed: item.token.text, readAs: item.word!))
                    }
                    start += length
                    matched = true
                    break
                }
            }
            if !matched {
                let typed = content[start].token.text
                if !unknownWords.contains(typed) { unknownWords.append(typed) }
                start += 1
            }
        }
    }

    /// The lexicon word `token` stands for: itself, its singular, or the nearest spelling (respelt).
    private func lexiconWord(for token: PromptToken) -> (word: String, isRespelt: Bool)? {
        let word = token.word
        if lexicon.knows(word) || lexicon.negations.contains(word) { return (word, false) }
        for singular in Self.singulars(of: word) where lexicon.knows(singular) { return (singular, false) }
        let letters = word.count
        guard letters >= 4, word.allSatisfy(\.isLetter) else { return nil }
        let allowed = letters >= 8 ? 2 : 1
        var best: (word: String, distance: Int, sameInitial: Bool)? = nil
        for candidate in lexicon.vocabulary
        where candidate.count >= 4 && abs(candidate.count - letters) <= allowed {
            let distance = EditDistance.damerauLevenshtein(word, candidate)
            guard distance <= allowed else { continue }
            let sameInitial = candidate.first == word.first
            // Vocabulary is sorted, so on equal terms the alphabetically first wins: deterministic.
            if best == nil || distance < best!.distance
                || (distance == best!.distance && sameInitial && !best!.sameInitial)
            {
                best = (candidate, distance, sameInitial)
            }
        }
        return best.map { ($0.word, true) }
    }

    private static func singulars(of word: String) -> [String] {
        var forms: [String] = []
        if word.hasSuffix("ies"), word.count > 4 { forms.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es"), word.count > 3 { forms.append(String(word.dropLast(2))) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 {
            forms.append(String(word.dropLast()))
        }
        return forms
    }

    /// "30 minutes", "1.5 hours", "45min", "an hour": the timer in minutes and how many tokens it used.
    private func timer(at index: Int) -> (Double, Int)? {
        let word = tokens[index].word
        if Self.hourUnits.contains(word), word.count > 2, index > 0,
            ["an", "one"].contains(tokens[index - 1].word)
        {
            return (60, 1)
        }
        let digits = word.prefix { $0.isNumber || $0 == "." }
        var unit = String(word.dropFirst(digits.count))
        var used = 1
        if unit.isEmpty, index + 1 < tokens.count {
            unit = tokens[index + 1].word
            used = 2
        }
        guard !digits.isEmpty, let number = Double(digits), number > 0 else { return nil }
        if Self.minuteUnits.contains(unit) { return (min(number, 7 * 24 * 60), used) }
        if Self.hourUnits.contains(unit) { return (min(number * 60, 7 * 24 * 60), used) }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}

extension Planner {
    /// A planner using the lexicon in `themesDirectory` (see `ThemesDirectory.locate`).
    public init(themesDirectory: String, catalog: SoundCatalog = .builtIn) throws {
        self.init(lexicon: try Lexicon.read(path: themesDirectory + "/lexicon.toml"), catalog: catalog)
    }

    /// This planner with planned scenes starting from `master` instead of the lexicon's
    /// default (the configuration's `master`); modifiers such as "quiet" still scale it.
    public func startingMaster(at master: Float) -> Planner {
        var lexicon = self.lexicon
        lexicon.defaultMaster = min(max(master, 0), 1)
        return Planner(lexicon: lexicon, catalog: catalog)
    }
}
