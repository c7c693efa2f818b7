/// Why the mixer could not start, with what the user can do.
public enum TUIError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses does not know the terminal type.
    case unknownTerminal(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return
                "the mixer needs a terminal on standard input and output; for headless playback use 'soundscape play PROMPT'"
        case .unknownTerminal(let term):
            return
                "cannot drive terminal type '\(term)'; set TERM to one your system knows (e.g. TERM=xterm-256color)"
        }
    }
}
