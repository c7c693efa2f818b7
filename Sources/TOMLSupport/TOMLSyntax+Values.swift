// Values: strings, arrays and inline tables, checked as the TOML 1.0 grammar has them.
extension TOMLSyntax {
    mutating func value(depth: Int) throws(Failure) {
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

    mutating func word(_ expected: String) throws(Failure) {
        for scalar in expected.unicodeScalars {
            guard current == scalar else { throw fail("expected a value (did you mean \(expected)?)") }
            index += 1
        }
    }

    mutating func escape() throws(Failure) {
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

    mutating func basicString() throws(Failure) {
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

    mutating func literalString() throws(Failure) {
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

    mutating func multilineString(quote: Unicode.Scalar) throws(Failure) {
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
    mutating func skipSpacesCommentsAndNewlines() throws(Failure) {
        while true {
            skipSpaces()
            try comment()
            guard try newline() else { return }
        }
    }

    mutating func array(depth: Int) throws(Failure) {
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

    mutating func inlineTable(depth: Int) throws(Failure) {
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
}
