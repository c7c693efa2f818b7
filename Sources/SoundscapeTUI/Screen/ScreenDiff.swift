/// What must be sent to a terminal showing one screen so that it shows the next: the
/// cells that differ, as runs of one style. The terminal code only carries it out.
///
/// A playing mixer changes a few meter cells and the status line each frame; sending
/// only those keeps curses (which compares every cell it is handed) and the tty quiet.
struct ScreenDiff: Equatable {
    /// One run of text to write at a row and column, in one style.
    struct Write: Equatable {
        var row: Int
        var column: Int
        var text: String
        var style: TextStyle
    }

    /// True when the terminal must be cleared first (nothing known is shown, or the size changed).
    var erasesFirst: Bool
    var writes: [Write]

    /// True when nothing needs sending.
    var isEmpty: Bool { !erasesFirst && writes.isEmpty }

    /// The writes that turn `previous` (nil: unknown, e.g. a first frame or after a repaint) into `next`.
    static func between(_ previous: ScreenModel?, _ next: ScreenModel) -> ScreenDiff {
        guard let previous, previous.width == next.width, previous.height == next.height else {
            var writes: [Write] = []
            for row in 0..<next.height {
                // The screen is blank already: plain spaces need no writing.
                appendRuns(of: next, row: row, from: 0, to: next.width - 1, skippingBlanks: true, to: &writes)
            }
            return ScreenDiff(erasesFirst: true, writes: writes)
        }
        var writes: [Write] = []
        for row in 0..<next.height {
            let old = previous.cells[row], new = next.cells[row]
            if old == new { continue }
            guard var first = old.indices.first(where: { old[$0] != new[$0] }),
                var last = old.indices.last(where: { old[$0] != new[$0] })
            else { continue }
            // Never start or end inside a double-width character, on either screen: its
            // right half (a nil cell) is written with its left half.
            while first > 0, old[first].character == nil || new[first].character == nil { first -= 1 }
            while last + 1 < new.count, old[last + 1].character == nil || new[last + 1].character == nil {
                last += 1
            }
            appendRuns(of: next, row: row, from: first, to: last, skippingBlanks: false, to: &writes)
        }
        return ScreenDiff(erasesFirst: false, writes: writes)
    }

    /// Runs of one style from column `start` through `end` of `row`.
    private static func appendRuns(
        of screen: ScreenModel, row: Int, from start: Int, to end: Int, skippingBlanks: Bool,
        to writes: inout [Write]
    ) {
        guard start <= end else { return }
        let cells = screen.cells[row]
        // The bottom-right cell is never written: writing it scrolls many terminals.
        let stop = row == screen.height - 1 ? min(end, screen.width - 2) : end
        var column = start
        while column <= stop {
            let style = cells[column].style
            var text = ""
            let runStart = column
            while column <= stop, cells[column].style == style {
                if let character = cells[column].character { text.append(character) }
                column += 1
            }
            if skippingBlanks, style == .normal, text.allSatisfy({ $0 == " " }) { continue }
            writes.append(Write(row: row, column: runStart, text: text, style: style))
        }
    }
}
