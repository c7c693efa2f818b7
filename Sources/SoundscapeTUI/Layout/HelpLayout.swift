/// How the `?` overlay fits a terminal of a given size.
///
/// Every key must be readable on any screen the mixer runs on (down to
/// 40×9), and nothing may be drawn past an edge. So, in order of preference:
/// one column with a margin around the box; two columns side by side when the
/// terminal is wide but short (80×24); one column using the full height; and
/// last, one column that scrolls with j/k or PgUp/PgDn, its last row saying so.
struct HelpLayout: Equatable {
    /// Columns between the two key columns.
    static let columnGap = 2
    /// Columns a box takes beyond its content: a margin and a padding cell
    /// each side, or only the padding when the box spans the screen.
    static let horizontalChrome = 6
    static let edgeToEdgeChrome = 4
    /// Rows a box takes beyond its content: its top and bottom frame rows.
    static let frameRows = 2

    /// 1 or 2.
    let columnCount: Int
    /// Width of the key labels ("j ↓") plus the space before the summary.
    let labelWidth: Int
    /// Width of one column: label and summary (summaries are cut with … only
    /// on terminals narrower than the longest one).
    let columnWidth: Int
    /// Rows of keys shown at once (in each column).
    let visibleRows: Int
    /// Rows in the (first) column: all of them unless two columns share them.
    let rowsPerColumn: Int
    /// How far the list can scroll; 0 when everything is shown at once.
    let maximumScroll: Int
    /// Whether the box may cover the whole height (no margin row above and below).
    let usesFullHeight: Bool
    /// Whether the box spans the whole width (no margin column left and right).
    let usesFullWidth: Bool

    /// Keys shown at once.
    var visibleCount: Int { visibleRows * columnCount }
    /// Whether the list scrolls (and a footer row says how).
    var scrolls: Bool { maximumScroll > 0 }
    /// Rows inside the box: the key rows, plus the footer when scrolling.
    var contentHeight: Int { visibleRows + (scrolls ? 1 : 0) }
    /// Columns inside the box.
    var contentWidth: Int { columnCount * columnWidth + (columnCount - 1) * Self.columnGap }

    init(width: Int, height: Int, bindings: [KeyMap.Binding] = KeyMap.bindings) {
        let count = bindings.count
        labelWidth = (bindings.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        let summaryWidth = bindings.map { DisplayWidth.of($0.summary) }.max() ?? 0
        let fullWidth = labelWidth + summaryWidth
        let tooWide = fullWidth > width - Self.horizontalChrome
        let innerWidth = max(1, width - (tooWide ? Self.edgeToEdgeChrome : Self.horizontalChrome))
        let innerHeight = max(1, height - Self.frameRows)
        let halfCount = (count + 1) / 2
        if count <= innerHeight - 2 {
            (columnCount, rowsPerColumn, usesFullHeight) = (1, count, false)
        } else if 2 * fullWidth + Self.columnGap <= innerWidth, halfCount <= innerHeight {
            (columnCount, rowsPerColumn, usesFullHeight) = (2, halfCount, halfCount > innerHeight - 2)
        } else {
            (columnCount, rowsPerColumn, usesFullHeight) = (1, count, true)
        }
        // A box as tall as the screen takes its width too: a help page of its own,
        // rather than a box with slivers of the mixer showing either side.
        usesFullWidth = tooWide || usesFullHeight
        columnWidth = columnCount == 2 ? fullWidth : min(fullWidth, innerWidth)
        if rowsPerColumn <= innerHeight {
            visibleRows = rowsPerColumn
            maximumScroll = 0
        } else {
            // One row is the footer that says the list scrolls.
            visibleRows = max(1, innerHeight - 1)
            maximumScroll = count - visibleRows
        }
    }

    /// `scroll` limited to what this layout can scroll.
    func clamped(_ scroll: Int) -> Int { min(max(0, scroll), maximumScroll) }

    /// Rows one PgUp/PgDn moves: a page, less one row kept for context.
    var pageRows: Int { max(1, visibleRows - 1) }

    /// The footer of a scrolling list: the keys and what is shown ("7–12 of 21").
    func footer(scroll: Int, count: Int = KeyMap.bindings.count) -> String {
        let first = clamped(scroll) + 1
        let last = min(count, clamped(scroll) + visibleRows)
        return "j/k PgUp/PgDn scroll · \(first)–\(last) of \(count)"
    }
}
