/// Where each field of a layer row goes for a given terminal width. Rows,
/// the master row and the headings all read the same columns so they line up.
struct LayerColumns: Equatable {
    /// Marker ("▶ ") column and width.
    static let markerWidth = 2
    static let nameWidth = 12
    static let variantWidth = 9
    /// "M S" plus a space.
    static let marksWidth = 4
    /// " 0.70" after a bar.
    static let valueWidth = 5
    /// " -23 dB" after the meter.
    /// " -23 dBFS" on a layer, " -23 LUFS" on the master.
    static let decibelWidth = 9
    static let gap = 2

    var nameColumn = markerWidth
    var variantColumn: Int?
    var marksColumn = 0
    var weightColumn = 0
    var weightBarWidth = 0
    var intensityColumn = 0
    var intensityBarWidth = 0
    /// Nil when the terminal is too narrow for a meter.
    var meterColumn: Int?
    var meterBarWidth = 0

    /// The narrowest terminal that still shows a usable row.
    static let minimumWidth = 40

    init(width: Int) {
        var showVariant = true
        var showMeter = true
        var barWidth = 0
        // Drop the least useful fields first until every bar is usable.
        for attempt in 0..<3 {
            showVariant = attempt < 1
            showMeter = attempt < 2
            let fixed =
                Self.markerWidth + Self.nameWidth + 1 + (showVariant ? Self.variantWidth + 1 : 0)
                + Self.marksWidth
                + 2 * (2 + Self.valueWidth) + Self.gap + (showMeter ? Self.gap + 2 + Self.decibelWidth : 0)
            barWidth = (width - fixed - 1) / (showMeter ? 3 : 2)
            if barWidth >= 6 { break }
        }
        barWidth = max(1, barWidth)
        var x = Self.markerWidth + Self.nameWidth + 1
        if showVariant {
            variantColumn = x
            x += Self.variantWidth + 1
        }
        marksColumn = x
        x += Self.marksWidth
        weightColumn = x
        weightBarWidth = barWidth
        x += barWidth + 2 + Self.valueWidth + Self.gap
        intensityColumn = x
        intensityBarWidth = barWidth
        x += barWidth + 2 + Self.valueWidth + Self.gap
        if showMeter {
            meterColumn = x
            // The meter takes what is left, so wide terminals get a long meter.
            meterBarWidth = max(barWidth, width - x - 2 - Self.decibelWidth - 1)
        }
    }
}
