import TOMLKit

/// A strict TOML 1.0 syntax check that runs before TOMLKit sees the text.
///
/// TOMLKit's C++ parser (toml++ 3.4) checks some of its expectations with
/// `assert`, and SwiftPM compiles dependencies without `NDEBUG` even in release
/// builds: malformed input such as `[}` as a table header, `[1,}]` or
/// `1979-05-27 1` aborts the whole program instead of raising a parse error.
/// Scene files are edited by hand, so every text is first checked against the
/// TOML grammar here; only text that passes reaches toml++, which then reports
/// the remaining, semantic problems (a table defined twice) as errors.
///
/// The check covers syntax only: keys, tables, strings and escapes, numbers,
/// dates and times by shape, arrays and inline tables, comments and newlines.
package struct TOMLSyntax {
    /// Where and why the text is not TOML.
    package struct Failure: Error, Equatable {
        package var line: Int
        package var message: String
    }

    /// Deeper nesting than this is refused (toml++ allows 256; scenes need 3). Dotted keys
    /// and table headers count too: a scene keeps unknown keys and saves them back as
    /// nested inline tables (`a.b.c = 1` becomes `a = { b = { c = 1 } }`), and what is
    /// accepted must read back once saved.
    package static let maximumDepth = 64

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    /// Tables the current header opens (`[a.b]`: 2, `[[a]]`: 2), 0 before any header.
    private var headerKeyParts = 0

    /// Throws the first syntax error in `text`, if any.
    package static func check(_ text: String) throws(Failure) {
        var checker = TOMLSyntax(scalars: Array(text.unicodeScalars))
        try checker.document()
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    // MARK: - Characters

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }
    private var atEnd: Bool { index >= scalars.count }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

    private func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" { return "the end of the line" }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "control character U+\(String(scalar.value, radix: 16))"
        }
        return "'\(Character(scalar))'"
    }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { index += 1 }
    }

    private func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
    }

    private func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    private func isHexDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    }

    /// Consumes a newline (LF or CRLF) if there is one.
    private mutating func newline() throws(Failure) -> Bool {
        if current == "\n" {
            index += 1
            line += 1
            return true
        }
        if current == "\r" {
            guard peek(1) == "\n" else { throw fail("a carriage return must be followed by a line feed") }
            index += 2
            line += 1
            return true
        }
        return false
    }

    private mutating func comment() throws(Failure) {
        guard current == "#" else { return }
        while let c = current, c != "\n", c != "\r" {
            if (c.value < 0x20 && c != "\t") || c.value == 0x7F {
                throw fail("\(describe(c)) in a comment")
            }
            index += 1
        }
    }

    // MARK: - Document

    private mutating func document() throws(Failure) {
        if current == "\u{FEFF}" { index += 1 }
        while !atEnd {
            skipSpaces()
            if current == "[" {
                try tableHeader()
            } else if let c = current, isBareKeyCharacter(c) || c == "\"" || c == "'" {
                try keyValue(depth: 0)
            }
            skipSpaces()
            try comment()
            if atEnd { break }
            guard try newline() else { throw fail("expected the end of the line, found \(describe(current))") }
        }
    }

    private mutating func tableHeader() throws(Failure) {
        index += 1
        let isArray = current == "["
        if isArray { index += 1 }
        skipSpaces()
        // An [[array]] header's tables sit one level deeper still: inside the array.
        headerKeyParts = try key() + (isArray ? 1 : 0)
        guard headerKeyParts <= Self.maximumDepth else { throw fail("keys nested more than \(Self.maximumDepth) deep") }
        skipSpaces()
        guard current == "]" else { throw fail("expected ']' to close the table header, found \(describe(current))") }
        index += 1
        if isArray {
            guard current == "]" else { throw fail("expected ']]' to close the [[array]] header") }
            index += 1
        }
    }

    /// Reads a key, dotted or not; returns how many parts it has.
    @discardableResult
    private mutating func key() throws(Failure) -> Int {
        var parts = 0
        while true {
            parts += 1
            guard let c = current else { throw fail("expected a key, found the end of the file") }
            if c == "\"" {
                guard peek(1) != "\"" || peek(2) != "\"" else { throw fail("a key cannot be a multi-line string") }
                try basicString()
            } else if c == "'" {
                guard peek(1) != "'" || peek(2) != "'" else { throw fail("a key cannot be a multi-line string") }
                try literalString()
            } else if isBareKeyCharacter(c) {
                while let c = current, isBareKeyCharacter(c) { index += 1 }
            } else {
                throw fail("expected a key (letters, digits, '-', '_' or a quoted string), found \(describe(c))")
            }
            skipSpaces()
            guard current == "." else { return parts }
            index += 1
            skipSpaces()
        }
    }

    /// `depth` is 0 for a key at the top of a table, else the inline tables around it.
    private mutating func keyValue(depth: Int) throws(Failure) {
        let parts = try key()
        // Each part past the first is one more table, as is each part of the header above.
        let nested = depth + parts - 1 + (depth == 0 ? headerKeyParts : 0)
        guard nested < Self.maximumDepth else { throw fail("keys nested more than \(Self.maximumDepth) deep") }
        skipSpaces()
        guard current == "=" else { throw fail("expected '=' after the key, found \(describe(current))") }
        index += 1
        skipSpaces()
        try value(depth: nested)
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw fail("values nested more than \(Self.maximumDepth) deep") }
        guard let c = current else { throw fail("expected a value, found the end of the file") }
        switch c {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { try multilineString(quote: "\"") } else { try basicString() }
        case "'":
            if peek(1) == "'" && peek(2) == "'" { try multilineString(quote: "'") } else { try literalString() }
        case "[": try array(depth: depth + 1)
        case "{": try inlineTable(depth: depth + 1)
        case "t": try word("true")
        case "f": try word("false")
        case "i", "n": try word(c == "i" ? "inf" : "nan")
        case "+", "-":
            if peek(1) == "i" || peek(1) == "n" {
                index += 1
                try word(current == "i" ? "inf" : "nan")
            } else {
                try number()
            }
        default:
            guard isDigit(c) else { throw fail("expected a value, found \(describe(c))") }
            if isDigit(peek(1)) && isDigit(peek(2)) && isDigit(peek(3)) && peek(4) == "-" {
                try dateTime()
            } else if isDigit(peek(1)) && peek(2) == ":" {
                try time()
            } else {
                try number()
            }
        }
        // A value ends at whitespace, a comment, a comma, a closing bracket or the line's end.
        if let next = current, !" \t\r\n#,]}".unicodeScalars.contains(next) {
            throw fail("unexpected \(describe(next)) after a value")
        }
    }

    private mutating func word(_ expected: String) throws(Failure) {
        for scalar in expected.unicodeScalars {
            guard current == scalar else { throw fail("expected a value (did you mean \(expected)?)") }
            index += 1
        }
    }

    private mutating func escape() throws(Failure) {
        index += 1  // the backslash
        guard let c = current else { throw fail("unfinished escape sequence") }
        index += 1
        switch c {
        case "b", "t", "n", "f", "r", "\"", "\\": return
        case "u", "U":
            let count = c == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = current, isHexDigit(digit) else {
                    throw fail("\\\(c) needs \(count) hexadecimal digits")
                }
                value = value * 16 + UInt32(String(Character(digit)), radix: 16)!
                index += 1
            }
            guard Unicode.Scalar(value) != nil else { throw fail("\\\(c) escape is not a Unicode scalar value") }
        default:
            // A backslash before a line break or control character names it, so the message stays one line.
            let printable = c.value >= 0x20 && c.value != 0x7F
            let sequence = printable ? "\\\(Character(c))" : "of a backslash and \(describe(c))"
            throw fail("unknown escape sequence \(sequence); use \\\\ for a backslash")
        }
    }

    private mutating func basicString() throws(Failure) {
        index += 1
        while true {
            guard let c = current, c != "\n", c != "\r" else { throw fail("unterminated string: add the closing '\"'") }
            if c == "\"" {
                index += 1
                return
            }
            if c == "\\" {
                try escape()
                continue
            }
            if (c.value < 0x20 && c != "\t") || c.value == 0x7F { throw fail("\(describe(c)) in a string") }
            index += 1
        }
    }

    private mutating func literalString() throws(Failure) {
        index += 1
        while true {
            guard let c = current, c != "\n", c != "\r" else {
                throw fail("unterminated string: add the closing \"'\"")
            }
            index += 1
            if c == "'" { return }
            if (c.value < 0x20 && c != "\t") || c.value == 0x7F { throw fail("\(describe(c)) in a string") }
        }
    }

    private mutating func multilineString(quote: Unicode.Scalar) throws(Failure) {
        index += 3
        let startLine = line
        while true {
            guard let c = current else {
                line = startLine
                throw fail(
                    "unterminated multi-line string: add the closing \(String(repeating: Character(quote), count: 3))")
            }
            if c == quote && peek(1) == quote && peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the content ("""a"""" is 'a"').
                if current == quote { index += 1 }
                if current == quote { index += 1 }
                return
            }
            if try newline() { continue }
            if c == "\\" && quote == "\"" {
                // A backslash at the end of a line trims the newline and following whitespace.
                var lookahead = 1
                while peek(lookahead) == " " || peek(lookahead) == "\t" { lookahead += 1 }
                if peek(lookahead) == "\n" || peek(lookahead) == "\r" {
                    index += lookahead
                    continue
                }
                try escape()
                continue
            }
            if (c.value < 0x20 && c != "\t") || c.value == 0x7F { throw fail("\(describe(c)) in a string") }
            index += 1
        }
    }

    /// Spaces, tabs, comments and newlines, as allowed between array elements.
    private mutating func skipSpacesCommentsAndNewlines() throws(Failure) {
        while true {
            skipSpaces()
            try comment()
            guard try newline() else { return }
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        try skipSpacesCommentsAndNewlines()
        if current == "]" {
            index += 1
            return
        }
        while true {
            try value(depth: depth)
            try skipSpacesCommentsAndNewlines()
            if current == "]" {
                index += 1
                return
            }
            guard current == "," else { throw fail("expected ',' or ']' in the array, found \(describe(current))") }
            index += 1
            try skipSpacesCommentsAndNewlines()
            if current == "]" {
                index += 1
                return
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(Failure) {
        index += 1
        skipSpaces()
        if current == "}" {
            index += 1
            return
        }
        while true {
            try keyValue(depth: depth)
            skipSpaces()
            if current == "}" {
                index += 1
                return
            }
            guard current == "," else {
                throw fail(
                    "expected ',' or '}' in the inline table (which must fit on one line), found \(describe(current))")
            }
            index += 1
            skipSpaces()
        }
    }

    // MARK: - Numbers, dates and times

    private mutating func digits(allowUnderscores: Bool, isValid: (Unicode.Scalar?) -> Bool) throws(Failure) {
        guard isValid(current) else { throw fail("expected a digit, found \(describe(current))") }
        index += 1
        while true {
            if isValid(current) {
                index += 1
            } else if allowUnderscores && current == "_" {
                index += 1
                guard isValid(current) else { throw fail("an underscore in a number must be between digits") }
            } else {
                return
            }
        }
    }

    private mutating func number() throws(Failure) {
        var signed = false
        if current == "+" || current == "-" {
            index += 1
            signed = true
        }
        if !signed && current == "0", let base = peek(1), base == "x" || base == "o" || base == "b" {
            index += 2
            let valid: (Unicode.Scalar?) -> Bool
            switch base {
            case "x": valid = { [self] in isHexDigit($0) }
            case "o": valid = { $0.map { ("0"..."7").contains($0) } ?? false }
            default: valid = { $0 == "0" || $0 == "1" }
            }
            try digits(allowUnderscores: true, isValid: valid)
            return
        }
        let leadingZero = current == "0"
        try digits(allowUnderscores: true, isValid: { [self] in isDigit($0) })
        if leadingZero {
            // "0" alone is fine; "01" is not (TOML forbids leading zeros).
            var start = index - 1
            while start > 0, isDigit(scalars[start - 1]) || scalars[start - 1] == "_" { start -= 1 }
            if index - start > 1 { throw fail("numbers cannot have leading zeros") }
        }
        if current == "." {
            index += 1
            try digits(allowUnderscores: true, isValid: { [self] in isDigit($0) })
        }
        if current == "e" || current == "E" {
            index += 1
            if current == "+" || current == "-" { index += 1 }
            try digits(allowUnderscores: true, isValid: { [self] in isDigit($0) })
        }
    }

    private mutating func fixedDigits(_ count: Int, what: String) throws(Failure) {
        for _ in 0..<count {
            guard isDigit(current) else {
                throw fail("expected \(count) digits for the \(what), found \(describe(current))")
            }
            index += 1
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, in what: String) throws(Failure) {
        guard current == scalar else {
            throw fail("expected '\(Character(scalar))' in the \(what), found \(describe(current))")
        }
        index += 1
    }

    private mutating func dateTime() throws(Failure) {
        try fixedDigits(4, what: "year")
        try expect("-", in: "date")
        try fixedDigits(2, what: "month")
        try expect("-", in: "date")
        try fixedDigits(2, what: "day")
        let separator = current
        if separator == "T" || separator == "t" || (separator == " " && isDigit(peek(1))) {
            index += 1
            try time()
            if current == "Z" || current == "z" {
                index += 1
            } else if current == "+" || current == "-" {
                index += 1
                try fixedDigits(2, what: "offset hour")
                try expect(":", in: "offset")
                try fixedDigits(2, what: "offset minute")
            }
        }
    }

    private mutating func time() throws(Failure) {
        try fixedDigits(2, what: "hour")
        try expect(":", in: "time")
        try fixedDigits(2, what: "minute")
        try expect(":", in: "time")
        try fixedDigits(2, what: "second")
        if current == "." {
            index += 1
            guard isDigit(current) else { throw fail("expected digits after '.' in the time") }
            while isDigit(current) { index += 1 }
        }
    }
}

extension TOMLSyntax {
    /// Parses `text` with TOMLKit once it passed the syntax check; any failure is `path:line: reason`.
    package static func parseTable(_ text: String, path: String) throws -> TOMLTable {
        do {
            try check(text)
        } catch {
            throw FileError.invalidFile(path: path, line: error.line, reason: "TOML syntax: \(error.message)")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw FileError.invalidFile(
                path: path, line: max(1, error.source.begin.line), reason: "TOML: \(error.description)")
        }
    }
}
