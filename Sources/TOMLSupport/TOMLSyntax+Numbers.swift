// Numbers, dates and times, checked as the TOML 1.0 grammar has them.
extension TOMLSyntax {
    mutating func digits(allowUnderscores: Bool, isValid: (Unicode.Scalar?) -> Bool) throws(Failure) {
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

    mutating func number() throws(Failure) {
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

    mutating func fixedDigits(_ count: Int, what: String) throws(Failure) {
        for _ in 0..<count {
            guard isDigit(current) else {
                throw fail("expected \(count) digits for the \(what), found \(describe(current))")
            }
            index += 1
        }
    }

    mutating func expect(_ scalar: Unicode.Scalar, in what: String) throws(Failure) {
        guard current == scalar else {
            throw fail("expected '\(Character(scalar))' in the \(what), found \(describe(current))")
        }
        index += 1
    }

    mutating func dateTime() throws(Failure) {
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

    mutating func time() throws(Failure) {
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
