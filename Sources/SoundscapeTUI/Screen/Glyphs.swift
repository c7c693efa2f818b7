/// The characters bars, meters and marks are drawn with: Unicode block
/// elements in a UTF-8 locale, plain ASCII otherwise (a Linux console with a
/// C locale, an old serial terminal).
public struct Glyphs: Sendable, Equatable {
    /// True for the Unicode set.
    public let isUnicode: Bool

    /// Block elements, eighth-cell resolution: ▏▎▍▌▋▊▉█.
    public static let unicode = Glyphs(isUnicode: true)
    /// `#` per cell, nothing finer.
    public static let ascii = Glyphs(isUnicode: false)

    /// Left eighths 1…7 of a cell, then a full block.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// A bar `width` cells wide filled to `fraction` (0…1), without its frame.
    ///
    /// Unicode bars resolve an eighth of a cell, so a 20-cell bar shows steps
    /// of 0.6 %: every weight key press visibly moves it.
    public func bar(_ fraction: Float, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        if isUnicode {
            let totalEighths = Int((clamped * Float(width * 8)).rounded())
            let full = totalEighths / 8
            let remainder = totalEighths % 8
            var text = String(repeating: "█", count: full)
            if remainder > 0 { text.append(Self.eighths[remainder - 1]) }
            return text + String(repeating: " ", count: width - full - (remainder > 0 ? 1 : 0))
        } else {
            let full = Int((clamped * Float(width)).rounded())
            return String(repeating: "#", count: full) + String(repeating: "-", count: width - full)
        }
    }

    /// The bar's left frame character.
    public var barOpen: String { isUnicode ? "▕" : "[" }
    /// The bar's right frame character.
    public var barClose: String { isUnicode ? "▏" : "]" }
    /// Marks the selected layer.
    public var selectionMarker: String { isUnicode ? "▶" : ">" }
    /// Separates the fields of the status line.
    public var separator: String { isUnicode ? " · " : " | " }
    /// Shown for silence on a level meter.
    public var minusInfinity: String { isUnicode ? "-∞" : "-inf" }
    /// The cursor drawn in list overlays.
    public var listMarker: String { isUnicode ? "›" : ">" }
    /// Ends text cut to fit; three dots in ASCII, where one would read as a full stop.
    public var ellipsis: String { isUnicode ? "…" : "..." }
}
