import Foundation
import TOMLKit

/// Small pieces of TOML written by hand, so saved files read well and keep a fixed key order.
package enum TOMLText {
    /// A basic string with TOML escapes.
    package static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A value the user wrote, quoted for a one-line message: 'rain' when it is plain, the
    /// TOML string with escapes ("op\n") when it holds a quote or a control character — a
    /// newline inside a message would break the promise of one line per error.
    package static func quoted(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "'" }
        return plain ? "'\(value)'" : string(value)
    }

    /// A key, bare when TOML allows it.
    package static func key(_ key: String) -> String {
        let bare =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "_" || $0 == "-"
            }
        return bare ? key : string(key)
    }

    /// A float written so that reading it back gives the same value: Swift prints the shortest
    /// such form ("0.7", "1.0"), which is also valid TOML for the finite values scenes hold.
    package static func number(_ value: Float) -> String { "\(value)" }

    package static func number(_ value: Double) -> String { "\(value)" }

    /// The TOML text of any parsed value on one line (tables become inline tables), so a key
    /// this version does not understand can be written back exactly where it was.
    package static func inlineValue(_ value: TOMLValueConvertible) -> String {
        let wrapper = TOMLTable()
        wrapper["x"] = value
        if let stored = wrapper["x"] { makeInline(stored) }
        let text = wrapper.convert(to: .toml, options: [.allowLiteralStrings, .allowUnicodeStrings])
        // The wrapper prints as `x = <value>`; keep what follows the fixed key.
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("x = ") else { return line }
        return String(line.dropFirst(4))
    }

    private static func makeInline(_ value: TOMLValueConvertible) {
        if let table = value.table {
            table.inline = true
            for (_, child) in table { makeInline(child) }
        } else if let array = value.array {
            for child in array { makeInline(child) }
        }
    }
}
