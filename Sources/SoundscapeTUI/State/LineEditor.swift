/// A one-line text editor with a cursor, as in a shell prompt: typing
/// inserts, Backspace/Delete erase, arrows/Home/End move, Ctrl-U clears to
/// the start, Ctrl-W erases a word, Ctrl-K clears to the end.
public struct LineEditor: Equatable, Sendable {
    /// What the user has typed so far.
    public private(set) var text: [Character]
    /// Insertion point, 0…text.count.
    public private(set) var cursor: Int
    /// The editor's label ("prompt", "save as", "timer minutes").
    public var label: String

    public init(label: String, text: String = "") {
        self.label = label
        self.text = Array(text)
        cursor = self.text.count
    }

    /// The edited line.
    public var string: String { String(text) }

    /// What an edit key did.
    public enum Outcome: Equatable, Sendable {
        /// The text or cursor changed (or the key was ignored); keep editing.
        case editing
        /// Enter: the line is done.
        case submitted(String)
        /// Esc: throw the line away.
        case cancelled
    }

    /// Applies one key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted(string)
        case .escape: return .cancelled
        case .character(let character): insert(character)
        case .backspace:
            if cursor > 0 {
                text.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < text.count { text.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .control("k"): text.removeLast(text.count - cursor)
        case .control("w"): eraseWord()
        default: break
        }
        return .editing
    }

    /// Inserts `character` at the cursor; control characters are ignored.
    public mutating func insert(_ character: Character) {
        guard !character.isNewline,
            character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else { return }
        text.insert(character, at: cursor)
        cursor += 1
    }

    /// Replaces the whole line, cursor at its end.
    public mutating func replace(with newText: String) {
        text = Array(newText)
        cursor = text.count
    }

    private mutating func eraseWord() {
        var start = cursor
        while start > 0, text[start - 1] == " " { start -= 1 }
        while start > 0, text[start - 1] != " " { start -= 1 }
        text.removeSubrange(start..<cursor)
        cursor = start
    }
}
