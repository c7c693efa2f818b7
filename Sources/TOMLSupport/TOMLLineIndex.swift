/// Where keys and table headers sit in a TOML document, by line.
///
/// TOMLKit reports line numbers for syntax errors only; its parsed values do
/// not carry their position. So that a wrong type or an out-of-range number
/// can still be reported as `path:line: what is wrong`, this index scans the
/// text once for `[table]` / `[[array]]` headers and `key =` lines.
package struct TOMLLineIndex {
    /// A table in the document: its header name ("" for the root) and, for `[[name]]`, which one (0-based).
    package struct TableID: Hashable {
        package var name: String
        package var index: Int?
    }

    private var keyLines: [TableID: [String: Int]] = [:]
    private var headerLines: [TableID: Int] = [:]
    /// Number of lines in the document.
    private(set) var lineCount = 0

    package init(_ text: String) {
        var current = TableID(name: "", index: nil)
        var arrayCounts: [String: Int] = [:]
        var openMultilineDelimiter: Substring? = nil
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if let delimiter = openMultilineDelimiter {
                // Inside a multi-line string: nothing here is a key until the string closes.
                guard let close = line.firstRange(of: delimiter) else { continue }
                openMultilineDelimiter = nil
                line = line[close.upperBound...]
                Self.opensMultilineString(line, delimiter: &openMultilineDelimiter)
                continue
            }
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2), closing: "]]")
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                current = TableID(name: name, index: index)
                headerLines[current] = lineNumber
            } else if line.hasPrefix("[") {
                current = TableID(name: Self.headerName(line.dropFirst(), closing: "]"), index: nil)
                headerLines[current] = lineNumber
            } else if let (key, rest) = Self.keyAndValue(line) {
                if keyLines[current]?[key] == nil { keyLines[current, default: [:]][key] = lineNumber }
                Self.opensMultilineString(rest, delimiter: &openMultilineDelimiter)
            }
        }
        lineCount = lineNumber
    }

    /// The line of `key` in table `table` (`[[table]]` number `index`), or nil if it is not written there.
    package func line(ofKey key: String, inTable table: String = "", index: Int? = nil) -> Int? {
        keyLines[TableID(name: table, index: index)]?[key]
    }

    /// The first line of a dotted key under `key` in table `table` (`key.x = …`), or nil.
    package func line(ofDottedKeyUnder key: String, inTable table: String = "") -> Int? {
        keyLines[TableID(name: table, index: nil)]?.filter { $0.key.hasPrefix(key + ".") }.map(\.value).min()
    }

    /// The line of the header `[table]` or the `index`th `[[table]]`, or nil.
    package func line(ofTable table: String, index: Int? = nil) -> Int? {
        headerLines[TableID(name: table, index: index)]
    }

    /// The best line to blame for `key` of an array-of-tables entry: the key itself, else the
    /// entry's header, else the line where the array was written inline, else line 1.
    package func bestLine(ofKey key: String?, inArray table: String, index: Int) -> Int {
        if let key, let line = line(ofKey: key, inTable: table, index: index) { return line }
        if let line = line(ofTable: table, index: index) { return line }
        return line(ofKey: table) ?? 1
    }

    private static func headerName(_ text: Substring, closing: String) -> String {
        let inside = text.firstRange(of: closing).map { text[..<$0.lowerBound] } ?? text
        return inside.split(separator: ".").map { Self.unquote($0.trimmingSpaces()) }.joined(
            separator: ".")
    }

    /// Splits `key = value` (bare, quoted or dotted key); nil if the line is not a key line.
    private static func keyAndValue(_ line: Substring) -> (String, Substring)? {
        var index = line.startIndex
        var inQuote: Character? = nil
        while index < line.endIndex {
            let character = line[index]
            if let quote = inQuote {
                if character == quote { inQuote = nil }
            } else if character == "\"" || character == "'" {
                inQuote = character
            } else if character == "=" {
                let key = line[..<index].trimmingSpaces()
                guard !key.isEmpty else { return nil }
                let name = key.split(separator: ".").map { unquote($0.trimmingSpaces()) }.joined(
                    separator: ".")
                return (name, line[line.index(after: index)...])
            } else if !(character.isLetter || character.isNumber || "_-. \t".contains(character)) {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// Whether `text` leaves a `"""` or `'''` string open at its end; sets `delimiter` if so.
    @discardableResult
    private static func opensMultilineString(_ text: Substring, delimiter: inout Substring?) -> Bool {
        var rest = text
        while true {
            let basic = rest.firstRange(of: "\"\"\"")
            let literal = rest.firstRange(of: "'''")
            guard
                let open = [basic, literal].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound })
            else {
                return false
            }
            let quote = rest[open]
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: quote) else {
                delimiter = quote
                return true
            }
            rest = after[close.upperBound...]
        }
    }

    private static func unquote(_ text: Substring) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return String(text)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" {
            text = text.dropLast()
        }
        return text
    }
}
