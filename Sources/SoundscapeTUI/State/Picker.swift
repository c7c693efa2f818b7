/// A list to choose one entry from (a sound to add, a scene to open), moved
/// through with the arrows (and j/k where the list is not filterable) and
/// chosen with Enter. A filterable list narrows as the user types: a long list
/// of sounds is found by a few letters, not by scrolling.
public struct Picker: Equatable, Sendable {
    /// One entry: what is shown and what choosing it means.
    public struct Item: Equatable, Sendable {
        /// Shown in the list ("rain · roof", "evening").
        public var title: String
        /// A quieter second column (a sound's summary, "built-in").
        public var detail: String
        /// What the controller acts on when this entry is chosen.
        public var value: String
        /// The variant for sounds; nil otherwise.
        public var variant: String?
        /// For scenes: shipped with the program rather than saved by the user.
        public var isBuiltIn: Bool
        /// The heading the entry is listed under ("water", "noise"); empty for none.
        public var group: String

        public init(
            title: String, detail: String = "", value: String, variant: String? = nil,
            isBuiltIn: Bool = false, group: String = ""
        ) {
            self.title = title
            self.detail = detail
            self.value = value
            self.variant = variant
            self.isBuiltIn = isBuiltIn
            self.group = group
        }

        /// Whether every word of `query` starts a word of the title, detail or group
        /// ("rai ro" finds "rain · roof"), ignoring case.
        func matches(_ query: String) -> Bool {
            let words = Self.words(of: "\(title) \(detail) \(group)")
            return Self.words(of: query).allSatisfy { part in words.contains { $0.hasPrefix(part) } }
        }

        private static func words(of text: String) -> [Substring] {
            text.lowercased().split { !$0.isLetter && !$0.isNumber }
        }
    }

    /// The overlay's heading ("Add a sound").
    public var title: String
    public var items: [Item]
    /// Whether typing narrows the list (then letters are text, not j/k/g/G/q).
    public let isFilterable: Bool
    /// What the user typed to narrow the list.
    public private(set) var filter = ""
    /// Index of the highlighted entry in `visibleItems` (0 when none are visible).
    public private(set) var selection: Int

    public init(title: String, items: [Item], selection: Int = 0, isFilterable: Bool = false) {
        self.title = title
        self.items = items
        self.isFilterable = isFilterable
        self.selection = items.isEmpty ? 0 : min(max(0, selection), items.count - 1)
    }

    /// The entries the filter lets through, in list order.
    public var visibleItems: [Item] { filter.isEmpty ? items : items.filter { $0.matches(filter) } }

    /// The highlighted entry, if any is visible.
    public var selectedItem: Item? {
        let visible = visibleItems
        return visible.isEmpty ? nil : visible[min(selection, visible.count - 1)]
    }

    /// What a list key did.
    public enum Outcome: Equatable, Sendable {
        case browsing
        case chosen(Item)
        case cancelled
    }

    /// Applies one key: arrows and PgUp/PgDn/Home/End move (arrows wrap), Enter chooses,
    /// Esc cancels. A filterable list takes typed characters and Backspace as its filter
    /// (Esc clears a filter before it cancels); the others also move with j/k/g/G and
    /// cancel with q.
    public mutating func handle(_ key: Key) -> Outcome {
        if isFilterable, let edited = editedFilter(after: key) {
            filter = edited
            selection = 0
            return .browsing
        }
        if key == .escape && !filter.isEmpty {
            filter = ""
            selection = 0
            return .browsing
        }
        let count = visibleItems.count
        guard count > 0 else {
            return key == .escape || key == .enter || (!isFilterable && key == .character("q")) ? .cancelled : .browsing
        }
        switch key {
        case .down, .character("j"): selection = (selection + 1) % count
        case .up, .character("k"): selection = (selection + count - 1) % count
        case .pageDown: selection = min(count - 1, selection + 10)
        case .pageUp: selection = max(0, selection - 10)
        case .home, .character("g"): selection = 0
        case .end, .character("G"): selection = count - 1
        case .enter, .character("l"), .right: return selectedItem.map { .chosen($0) } ?? .browsing
        case .escape, .character("q"), .character("h"), .left: return .cancelled
        default: break
        }
        return .browsing
    }

    /// The filter after `key`, or nil when the key does not edit it.
    private func editedFilter(after key: Key) -> String? {
        switch key {
        case .character(let character) where !character.isNewline && character.unicodeScalars.allSatisfy({ $0.value >= 0x20 }):
            return filter + String(character)
        case .backspace: return filter.isEmpty ? nil : String(filter.dropLast())
        case .control("u"): return filter.isEmpty ? nil : ""
        default: return nil
        }
    }
}
