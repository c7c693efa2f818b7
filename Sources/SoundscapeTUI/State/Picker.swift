/// A list to choose one entry from (a sound to add, a scene to open), moved
/// through with j/k or the arrows and chosen with Enter.
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

        public init(
            title: String, detail: String = "", value: String, variant: String? = nil,
            isBuiltIn: Bool = false
        ) {
            self.title = title
            self.detail = detail
            self.value = value
            self.variant = variant
            self.isBuiltIn = isBuiltIn
        }
    }

    /// The overlay's heading ("Add a sound").
    public var title: String
    public var items: [Item]
    /// Index of the highlighted entry (0 when the list is empty).
    public private(set) var selection: Int

    public init(title: String, items: [Item], selection: Int = 0) {
        self.title = title
        self.items = items
        self.selection = items.isEmpty ? 0 : min(max(0, selection), items.count - 1)
    }

    /// The highlighted entry, if the list has any.
    public var selectedItem: Item? { items.isEmpty ? nil : items[selection] }

    /// What a list key did.
    public enum Outcome: Equatable, Sendable {
        case browsing
        case chosen(Item)
        case cancelled
    }

    /// Applies one key: j/k/arrows move (wrapping), PgUp/PgDn/g/G jump, Enter chooses, Esc or q cancels.
    public mutating func handle(_ key: Key) -> Outcome {
        guard !items.isEmpty else {
            return key == .escape || key == .enter || key == .character("q") ? .cancelled : .browsing
        }
        switch key {
        case .down, .character("j"): selection = (selection + 1) % items.count
        case .up, .character("k"): selection = (selection + items.count - 1) % items.count
        case .pageDown: selection = min(items.count - 1, selection + 10)
        case .pageUp: selection = max(0, selection - 10)
        case .home, .character("g"): selection = 0
        case .end, .character("G"): selection = items.count - 1
        case .enter, .character("l"), .right: return .chosen(items[selection])
        case .escape, .character("q"), .character("h"), .left: return .cancelled
        default: break
        }
        return .browsing
    }
}
