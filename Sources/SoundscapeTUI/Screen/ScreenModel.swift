/// One character cell of the screen model.
public struct ScreenCell: Equatable, Sendable {
    /// The character shown; nil for the right half of a double-width character.
    public var character: Character?
    public var style: TextStyle

    public init(character: Character?, style: TextStyle) {
        self.character = character
        self.style = style
    }

    static let blank = ScreenCell(character: " ", style: .normal)
}

/// What the terminal should show: a grid of styled cells and, while a line is
/// being edited, where the cursor sits.
///
/// Layout code writes into this model and never touches the terminal, so
/// tests read the screen as text; the ncurses layer only copies it out.
public struct ScreenModel: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `height` rows of `width` cells.
    public private(set) var cells: [[ScreenCell]]
    /// Row and column of the visible cursor; nil hides it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorPosition.map { ($0.row, $0.column) } }
        set { cursorPosition = newValue.map { CursorPosition(row: $0.row, column: $0.column) } }
    }
    private var cursorPosition: CursorPosition?

    private struct CursorPosition: Equatable, Sendable {
        var row: Int
        var column: Int
    }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Array(repeating: .blank, count: self.width), count: self.height)
    }

    /// Writes `text` from (`row`, `column`), clipped at `limit` columns (or the
    /// right edge); returns the column after the last cell written.
    @discardableResult
    public mutating func write(
        _ text: String, row: Int, column: Int, style: TextStyle = .normal, limit: Int? = nil
    ) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(width, limit.map { column + max(0, $0) } ?? width)
        var x = column
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            if x + cellWidth > end { break }
            if x >= 0 {
                cells[row][x] = ScreenCell(character: character, style: style)
                if cellWidth == 2 { cells[row][x + 1] = ScreenCell(character: nil, style: style) }
            }
            x += cellWidth
        }
        return x
    }

    /// Fills `count` cells of `row` from `column` with spaces in `style`.
    public mutating func fill(row: Int, column: Int, count: Int, style: TextStyle) {
        guard row >= 0, row < height else { return }
        let start = max(0, column)
        let end = min(width, column + count)
        guard start < end else { return }
        for x in start..<end { cells[row][x] = ScreenCell(character: " ", style: style) }
    }

    /// The row as plain text, trailing spaces removed; what a test or a
    /// screen capture reads.
    public func text(ofRow row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        var line = String(cells[row].compactMap(\.character))
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Every row as plain text.
    public var lines: [String] { (0..<height).map { text(ofRow: $0) } }

    /// The whole screen as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// The same screen with every non-ASCII character replaced by a look-alike
    /// (`—` by `-`, `…` by `.`, arrows by `^ v < >`) or `?`, for terminals
    /// whose locale is not UTF-8 and would show mojibake instead.
    public func asciiOnly() -> ScreenModel {
        var copy = self
        for row in 0..<height {
            for column in 0..<width {
                guard let character = cells[row][column].character else {
                    copy.cells[row][column].character = "?"
                    continue
                }
                if character.isASCII { continue }
                copy.cells[row][column].character = Self.asciiLookAlikes[character] ?? "?"
            }
        }
        return copy
    }

    private static let asciiLookAlikes: [Character: Character] = [
        "—": "-", "–": "-", "…": ".", "·": "-", "↑": "^", "↓": "v", "←": "<", "→": ">", "×": "x", "›": ">",
        "▶": ">", "∞": "~", "é": "e", "è": "e", "à": "a", "ü": "u", "ö": "o", "ä": "a",
    ]

    /// The row's cells grouped into runs of one style, for drawing.
    public func runs(ofRow row: Int) -> [(column: Int, text: String, style: TextStyle)] {
        var result: [(column: Int, text: String, style: TextStyle)] = []
        var x = 0
        for cell in cells[row] {
            defer { x += 1 }
            guard let character = cell.character else { continue }
            if let last = result.last, last.style == cell.style {
                result[result.count - 1].text.append(character)
            } else {
                result.append((x, String(character), cell.style))
            }
        }
        return result
    }

    public static func == (lhs: ScreenModel, rhs: ScreenModel) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorPosition == rhs.cursorPosition
    }
}
