import ArgumentParser

/// A length of time on the command line: `90` or `90s` (seconds), `10m`, `1h30m`, `1.5h`.
struct DurationArgument: ExpressibleByArgument, Equatable, CustomStringConvertible {
    /// The length in seconds, always positive and finite.
    let seconds: Double

    init(seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = DurationArgument.parse(argument) else { return nil }
        self.seconds = seconds
    }

    /// Seconds for `text`, or nil when it is not a positive duration.
    static func parse(_ text: String) -> Double? {
        let lowered = text.lowercased().filter { !$0.isWhitespace }
        guard !lowered.isEmpty else { return nil }
        if let plain = Double(lowered) { return plain > 0 && plain.isFinite ? plain : nil }
        var total = 0.0
        var number = ""
        var usedUnits: Set<Character> = []
        for character in lowered {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            let scale: Double
            switch character {
            case "h": scale = 3600
            case "m": scale = 60
            case "s": scale = 1
            default: return nil
            }
            // Each unit once, after a number: "1h30m", not "m", "1h2h" or "1s1m".
            guard let value = Double(number), !usedUnits.contains(character) else { return nil }
            usedUnits.insert(character)
            total += value * scale
            number = ""
        }
        guard number.isEmpty, total > 0, total.isFinite else { return nil }
        return total
    }

    static var defaultCompletionKind: CompletionKind { .default }

    var description: String {
        let whole = Int(seconds.rounded())
        if Double(whole) != seconds { return "\(seconds)s" }
        let hours = whole / 3600
        let minutes = whole % 3600 / 60
        let rest = whole % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }
}
