/// A key press, decoded from the terminal; what the key map and the
/// editors understand.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space, any script).
    case character(Character)
    /// Ctrl plus a letter, given lower-case ("u" for Ctrl-U).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    /// A function key, F1…F12.
    case function(Int)
    /// The terminal changed size.
    case resize
}
