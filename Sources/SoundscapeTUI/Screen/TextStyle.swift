/// What a piece of text on the screen means; the terminal layer turns each
/// style into attributes and, when colours are on, a colour pair.
///
/// Styles name roles, not colours, so the layout never decides how a given
/// terminal shows them and `NO_COLOR` only changes one table.
public enum TextStyle: Int, CaseIterable, Sendable {
    case normal
    /// The program's name and headings.
    case title
    /// The prompt text.
    case prompt
    /// The selected layer's name and marker.
    case selected
    /// Column headings, hints and other quiet text.
    case dim
    /// A weight or master-volume bar.
    case weightBar
    /// An intensity bar.
    case intensityBar
    /// A level meter below −18 dBFS.
    case meterLow
    /// A level meter between −18 and −6 dBFS.
    case meterMid
    /// A level meter above −6 dBFS.
    case meterHigh
    /// Mute and solo marks, the paused and stopped flags.
    case mark
    /// Errors the user should read.
    case warning
    /// The frame and body of an overlay (help, lists, editors).
    case overlay
    /// The highlighted entry in an overlay list.
    case overlaySelected
}
