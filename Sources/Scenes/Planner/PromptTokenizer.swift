/// One word of a prompt.
struct PromptToken: Equatable, Sendable {
    /// The word as typed ("Café"), for messages.
    var text: String
    /// Lower case, accents folded, apostrophes and a possessive "'s" removed ("cafe").
    var word: String
    /// Index among the prompt's words, counting stop words: distances between words use it.
    var position: Int
    /// Which clause the word is in; punctuation (, ; . ! ? :) starts a new one.
    var clause: Int
}

/// Splits prompts (and lexicon phrases) into words.
///
/// Words are runs of letters and digits; an apostrophe inside a word is kept
/// out ("don't" → "dont", "ocean's" → "ocean") and a dot between digits is kept
/// in ("1.5"). Hyphens and slashes separate words ("brown-noise" is "brown
/// noise"); clause punctuation also ends a clause, which bounds how far a
/// modifier reaches ("rain, distant thunder": distant qualifies thunder).
enum PromptTokenizer {
    private static let clauseBreaks: Set<Character> = [
        ",", ";", ".", "!", "?", ":", "(", ")", "[", "]", "\n", "…",
    ]
    private static let apostrophes: Set<Character> = ["'", "’", "‘", "`"]

    static func tokens(in text: String) -> [PromptToken] {
        var tokens: [PromptToken] = []
        var clause = 0
        var current = ""
        var characters = Array(text)
        characters.append(" ")

        func finish() {
            defer { current = "" }
            var typed = current
            while let last = typed.last, apostrophes.contains(last) { typed.removeLast() }
            guard !typed.isEmpty else { return }
            var plain = typed
            for apostrophe in apostrophes where plain.hasSuffix("\(apostrophe)s") { plain.removeLast(2) }
            plain.removeAll { apostrophes.contains($0) }
            let word = Lexicon.normalize(plain)
            guard !word.isEmpty else { return }
            tokens.append(PromptToken(text: typed, word: word, position: tokens.count, clause: clause))
        }

        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if apostrophes.contains(character), !current.isEmpty {
                current.append(character)
            } else if character == ".", let last = current.last, last.isNumber,
                index + 1 < characters.count, characters[index + 1].isNumber
            {
                current.append(character)
            } else {
                finish()
                if clauseBreaks.contains(character) { clause += 1 }
            }
        }
        return tokens
    }

    /// The normalized words of `text`, for lexicon phrases.
    static func words(in text: String) -> [String] {
        tokens(in: text).map(\.word)
    }
}
