/// How many terminal columns text takes: CJK and most emoji take two,
/// combining marks none. Prompts are typed by people, so they may hold any of these.
public enum DisplayWidth {
    /// Columns taken by one character (its first scalar decides; marks that
    /// follow it combine into the same cell).
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
        // Box drawing and block elements (the mixer's bars and meters, drawn ten times a
        // second): one column, without the cost of looking up their Unicode properties.
        if (0x2500...0x259F).contains(scalar.value) { return 1 }
        // A table rather than wcwidth(3): the answer must not depend on the
        // process locale, so tests and the running program lay out alike.
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation || isWide(scalar.value) { return 2 }
        return 1
    }

    /// Columns taken by `text`.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `columns` columns, ending in `…` when cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = ""
        var used = 0
        let ellipsisWidth = of(ellipsis)
        for character in text {
            let width = of(character)
            if used + width + ellipsisWidth > columns { break }
            result.append(character)
            used += width
        }
        return result + ellipsis
    }

    /// `text` padded with spaces (or cut) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: columns, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }

    private static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
    }
}
