import TOMLKit

/// Typed reads of the values in a file people edit (scenes, the lexicon, the
/// configuration), with the one wording all their errors share. Each failure is
/// a `FileError.invalidFile` naming the file and the line of the value.
public struct TOMLValueReader: Sendable {
    /// The file the values come from, for messages.
    public let path: String

    public init(path: String) { self.path = path }

    public func string(_ value: TOMLValueConvertible, key: String, line: Int) throws(FileError) -> String {
        guard let text = value.string else {
            throw fail(line, "\(key) must be a string in quotes, not \(value.type.withArticle)")
        }
        return text
    }

    public func bool(_ value: TOMLValueConvertible, key: String, line: Int) throws(FileError) -> Bool {
        guard let flag = value.bool else {
            throw fail(line, "\(key) must be true or false, not \(value.type.withArticle)")
        }
        return flag
    }

    /// A finite number inside `range`; integers are read as numbers too.
    public func number(_ value: TOMLValueConvertible, key: String, line: Int, in range: ClosedRange<Double>)
        throws(FileError) -> Double
    {
        let bounds = "\(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))"
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw fail(line, "\(key) must be a number from \(bounds), not \(value.type.withArticle)")
        }
        guard number.isFinite, range.contains(number) else {
            throw fail(line, "\(key) = \(Self.plain(number)) is out of range; use a number from \(bounds)")
        }
        return number
    }

    /// `number` for the 0…1 style settings kept as `Float`.
    public func number(_ value: TOMLValueConvertible, key: String, line: Int, in range: ClosedRange<Float>)
        throws(FileError) -> Float
    {
        Float(try number(value, key: key, line: line, in: Double(range.lowerBound)...Double(range.upperBound)))
    }

    /// An array of strings; a missing value is an empty array.
    public func strings(_ value: TOMLValueConvertible?, key: String, line: Int) throws(FileError) -> [String] {
        guard let value else { return [] }
        guard let array = value.array else { throw fail(line, "\(key) must be an array of strings") }
        var result: [String] = []
        for element in array {
            guard let word = element.string else {
                throw fail(line, "\(key) must hold only strings, not \(element.type.withArticle)")
            }
            result.append(word)
        }
        return result
    }

    /// A table of strings like `{ rain = "window" }`; a missing value is an empty table.
    public func stringTable(_ value: TOMLValueConvertible?, key: String, line: Int) throws(FileError)
        -> [String: String]
    {
        guard let value else { return [:] }
        guard let table = value.table else {
            throw fail(line, "\(key) must be a table like { rain = \"window\" }")
        }
        var result: [String: String] = [:]
        for (name, element) in table {
            guard let text = element.string else { throw fail(line, "\(key).\(name) must be a string") }
            result[name] = text
        }
        return result
    }

    /// The error for a value at `line` that cannot be used, for `reason`.
    public func fail(_ line: Int, _ reason: String) -> FileError {
        .invalidFile(path: path, line: line, reason: reason)
    }

    /// 40 rather than 40.0 in messages.
    private static func plain(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

extension TOMLType {
    /// "a string", "an integer": for messages.
    public var withArticle: String {
        let name = description
        return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
    }
}
