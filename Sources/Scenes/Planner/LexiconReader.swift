import TOMLKit
import TOMLSupport

/// Checks a parsed lexicon table entry by entry, blaming the line each key is on.
struct LexiconReader {
    let path: String
    let lines: TOMLLineIndex
    private var lexicon = Lexicon()
    private var owners: [String: Int] = [:]

    init(path: String, lines: TOMLLineIndex) {
        self.path = path
        self.lines = lines
    }

    private static let topKeys: Set = [
        "stop_words", "negations", "default", "sound", "place", "modifier",
    ]
    private static let soundKeys: Set = ["words", "sound", "variant", "weight", "intensity"]
    private static let placeKeys: Set = ["words", "layers", "variants"]
    private static let modifierKeys: Set = [
        "words", "scope", "applies_to", "intensity", "weight", "intensity_offset", "weight_scale",
        "master_scale",
        "variants", "replace", "evolve", "otherwise",
    ]

    mutating func read(_ table: TOMLTable) throws -> Lexicon {
        for key in table.keys where !Self.topKeys.contains(key) {
            throw values.fail(
                lines.line(ofKey: key) ?? lines.line(ofTable: key) ?? 1,
                "unknown key '\(key)'; the lexicon has \(Self.topKeys.sorted().joined(separator: ", "))")
        }
        // Stop words first: phrases are registered without them.
        lexicon.stopWords = Set(
            try values.strings(table["stop_words"], key: "stop_words", line: lines.line(ofKey: "stop_words") ?? 1)
                .map(Lexicon.normalize))
        let negationLine = lines.line(ofKey: "negations") ?? 1
        for word in try values.strings(table["negations"], key: "negations", line: negationLine) {
            lexicon.negations.insert(Lexicon.normalize(word))
            try lexicon.register(word, as: .negation, line: negationLine, path: path, lines: &owners)
        }
        try readDefault(table["default"])
        let soundEntries = try entries(table["sound"], name: "sound")
        for (index, entry) in soundEntries.enumerated() { try readSound(entry, index: index) }
        let placeEntries = try entries(table["place"], name: "place")
        for (index, entry) in placeEntries.enumerated() { try readPlace(entry, index: index) }
        // Modifiers last: `otherwise` names a place.
        let modifierEntries = try entries(table["modifier"], name: "modifier")
        for (index, entry) in modifierEntries.enumerated() { try readModifier(entry, index: index) }
        lexicon.vocabulary = lexicon.vocabularySet.sorted()
        return lexicon
    }

    private mutating func readDefault(_ value: TOMLValueConvertible?) throws {
        guard let table = value?.table else {
            throw values.fail(1, "missing [default] table: the layers for an empty prompt")
        }
        let lines = self.lines
        let line = { (key: String) in
            lines.line(ofKey: key, inTable: "default") ?? lines.line(ofTable: "default") ?? 1
        }
        if let master = table["master"] {
            lexicon.defaultMaster = try values.number(master, key: "master", line: line("master"), in: 0...1)
        }
        lexicon.defaultLayers = try layerTemplates(table["layers"], line: line("layers"))
        if lexicon.defaultLayers.isEmpty {
            throw values.fail(line("layers"), "[default] needs at least one layer")
        }
    }

    private mutating func readSound(_ table: TOMLTable, index: Int) throws {
        let lines = self.lines
        let line = { (key: String?) in lines.bestLine(ofKey: key, inArray: "sound", index: index) }
        try checkKeys(table, allowed: Self.soundKeys, line: line)
        guard let soundValue = table["sound"] else {
            throw values.fail(line(nil), "[[sound]] entry needs sound = \"name\"")
        }
        let template = Lexicon.LayerTemplate(
            sound: try values.string(soundValue, key: "sound", line: line("sound")),
            variant: try table["variant"].map { try values.string($0, key: "variant", line: line("variant")) },
            weight: try table["weight"].map {
                try values.number($0, key: "weight", line: line("weight"), in: 0...1)
            },
            intensity: try table["intensity"].map {
                try values.number($0, key: "intensity", line: line("intensity"), in: 0...1)
            })
        let term = Lexicon.Term(
            kind: .sound, words: try values.strings(table["words"], key: "words", line: line("words")),
            layers: [template],
            variants: [:])
        try add(term, wordsLine: line("words"))
    }

    private mutating func readPlace(_ table: TOMLTable, index: Int) throws {
        let lines = self.lines
        let line = { (key: String?) in lines.bestLine(ofKey: key, inArray: "place", index: index) }
        try checkKeys(table, allowed: Self.placeKeys, line: line)
        let layers = try layerTemplates(table["layers"], line: line("layers"))
        if layers.isEmpty {
            throw values.fail(line("layers"), "[[place]] entry needs layers = [{ sound = \"...\" }, ...]")
        }
        let term = Lexicon.Term(
            kind: .place, words: try values.strings(table["words"], key: "words", line: line("words")),
            layers: layers,
            variants: try values.stringTable(table["variants"], key: "variants", line: line("variants")))
        try add(term, wordsLine: line("words"))
    }

    private mutating func add(_ term: Lexicon.Term, wordsLine: Int) throws {
        let index = lexicon.terms.count
        lexicon.terms.append(term)
        for word in term.words {
            try lexicon.register(word, as: .term(index), line: wordsLine, path: path, lines: &owners)
        }
    }

    private mutating func readModifier(_ table: TOMLTable, index: Int) throws {
        let lines = self.lines
        let line = { (key: String?) in lines.bestLine(ofKey: key, inArray: "modifier", index: index) }
        try checkKeys(table, allowed: Self.modifierKeys, line: line)
        let scopeText =
            try table["scope"].map { try values.string($0, key: "scope", line: line("scope")) } ?? "layer"
        guard let scope = Lexicon.Modifier.Scope(rawValue: scopeText) else {
            throw values.fail(line("scope"), "scope must be \"layer\" or \"scene\", not \"\(scopeText)\"")
        }
        func optionalNumber(_ key: String, _ range: ClosedRange<Float>) throws -> Float? {
            try table[key].map { try values.number($0, key: key, line: line(key), in: range) }
        }
        var otherwise: Int? = nil
        if let value = table["otherwise"] {
            let word = try values.string(value, key: "otherwise", line: line("otherwise"))
            guard case .term(let termIndex)? = lexicon.entry(for: lexicon.phraseWords(word)[...]),
                lexicon.terms[termIndex].kind == .place
            else { throw values.fail(line("otherwise"), "otherwise = \"\(word)\" must name a [[place]] word") }
            otherwise = termIndex
        }
        let modifier = Lexicon.Modifier(
            words: try values.strings(table["words"], key: "words", line: line("words")), scope: scope,
            appliesTo: Set(
                try table["applies_to"].map { try values.strings($0, key: "applies_to", line: line("applies_to")) }
                    ?? []),
            intensity: try optionalNumber("intensity", 0...1),
            weight: try optionalNumber("weight", 0...1),
            intensityOffset: try optionalNumber("intensity_offset", -1...1),
            weightScale: try optionalNumber("weight_scale", 0...4),
            masterScale: try optionalNumber("master_scale", 0...4),
            variants: try values.stringTable(table["variants"], key: "variants", line: line("variants")),
            replacements: try values.stringTable(table["replace"], key: "replace", line: line("replace")),
            evolve: try table["evolve"].map { value in
                guard let flag = value.bool else {
                    throw values.fail(line("evolve"), "evolve must be true or false")
                }
                return flag
            },
            otherwise: otherwise)
        let modifierIndex = lexicon.modifiers.count
        lexicon.modifiers.append(modifier)
        for word in modifier.words {
            try lexicon.register(
                word, as: .modifier(modifierIndex), line: line("words"), path: path, lines: &owners)
        }
    }

    // MARK: - Typed values

    private func entries(_ value: TOMLValueConvertible?, name: String) throws -> [TOMLTable] {
        guard let value else { return [] }
        guard let array = value.array else {
            throw values.fail(lines.line(ofKey: name) ?? 1, "\(name) must be written as [[\(name)]] tables")
        }
        return try array.enumerated().map { index, element in
            guard let table = element.table else {
                throw values.fail(
                    lines.bestLine(ofKey: nil, inArray: name, index: index),
                    "[[\(name)]] entries must be tables")
            }
            return table
        }
    }

    private func layerTemplates(_ value: TOMLValueConvertible?, line: Int) throws -> [Lexicon
        .LayerTemplate]
    {
        guard let value else { return [] }
        guard let array = value.array else {
            throw values.fail(line, "layers must be an array of { sound = ... } tables")
        }
        return try array.map { element in
            guard let table = element.table, let sound = table["sound"]?.string else {
                throw values.fail(line, "each layer must be a table with sound = \"name\"")
            }
            for key in table.keys where !["sound", "variant", "weight", "intensity"].contains(key) {
                throw values.fail(line, "unknown key '\(key)' in a layer; use sound, variant, weight, intensity")
            }
            return Lexicon.LayerTemplate(
                sound: sound,
                variant: try table["variant"].map { try values.string($0, key: "variant", line: line) },
                weight: try table["weight"].map { try values.number($0, key: "weight", line: line, in: 0...1) },
                intensity: try table["intensity"].map {
                    try values.number($0, key: "intensity", line: line, in: 0...1)
                })
        }
    }

    private func checkKeys(_ table: TOMLTable, allowed: Set<String>, line: (String?) -> Int) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw values.fail(line(key), "unknown key '\(key)'; use \(allowed.sorted().joined(separator: ", "))")
        }
    }

    private var values: TOMLValueReader { TOMLValueReader(path: path) }

}
