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

    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    /// Tables the current header opens (`[a.b]`: 2, `[[a]]`: 2), 0 before any header.
    var headerKeyParts = 0

    /// Throws the first syntax error in `text`, if any.
    package static func check(_ text: String) throws(Failure) {
        var checker = TOMLSyntax(scalars: Array(text.unicodeScalars))
        try checker.document()
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    // MARK: - Characters

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }
    var atEnd: Bool { index >= scalars.count }

    func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

    func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" { return "the end of the line" }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "control character U+\(String(scalar.value, radix: 16))"
        }
        return "'\(Character(scalar))'"
    }

    mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { index += 1 }
    }

    func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
    }

    func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    func isHexDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    }

    /// Consumes a newline (LF or CRLF) if there is one.
    mutating func newline() throws(Failure) -> Bool {
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

    mutating func comment() throws(Failure) {
        guard current == "#" else { return }
        while let c = current, c != "\n", c != "\r" {
            if (c.value < 0x20 && c != "\t") || c.value == 0x7F {
                throw fail("\(describe(c)) in a comment")
            }
            index += 1
        }
    }

    // MARK: - Document

    mutating func document() throws(Failure) {
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

    mutating func tableHeader() throws(Failure) {
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
    mutating func key() throws(Failure) -> Int {
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
    mutating func keyValue(depth: Int) throws(Failure) {
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
