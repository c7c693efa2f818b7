import Foundation

/// Number formats shared by the layout.
enum Format {
    /// "12:05" for 725 s, "1:02:03" past an hour; negative times show as 0:00.
    static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded(.up))
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, secs) }
        return String(format: "%d:%02d", minutes, secs)
    }

    /// A 0…1 control as a whole percentage ("70%").
    static func percent(_ value: Float) -> String {
        "\(Int((min(1, max(0, value)) * 100).rounded()))%"
    }

    /// A 0…1 control as two decimals ("0.45").
    static func fraction(_ value: Float) -> String {
        fixed(Double(min(1, max(0, value))), decimals: 2)
    }

    /// `value` with `decimals` (0–3) digits after the point, exactly as `%.Nf` writes it
    /// ("0.35", "-1.5"), through the C library's own `vsnprintf`: the mixer formats a dozen
    /// numbers ten times a second, and Foundation's `String(format:)` took a tenth of the
    /// main thread's time doing it.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let format = fixedFormats[min(3, max(0, decimals))]
        var buffer = [CChar](repeating: 0, count: 32)
        let written = withVaList([value]) { arguments in vsnprintf(&buffer, buffer.count, format, arguments) }
        let length = min(max(0, Int(written)), buffer.count - 1)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static let fixedFormats = ["%.0f", "%.1f", "%.2f", "%.3f"]

    /// A linear peak level as dBFS, floored at the meter's range.
    static func decibels(_ level: Float) -> Float {
        guard level > 0, level.isFinite else { return -.infinity }
        return 20 * log10(level)
    }

    /// Lowest level a meter shows; quieter reads as silence.
    static let meterFloorDecibels: Float = -60

    /// A linear peak level as a meter fill, 0 at −60 dBFS and 1 at 0 dBFS.
    static func meterFraction(_ level: Float) -> Float {
        let dB = decibels(level)
        guard dB.isFinite else { return 0 }
        return min(1, max(0, (dB - meterFloorDecibels) / -meterFloorDecibels))
    }

    /// A layer's peak: "-23 dBFS", or "-∞ dBFS" below the meter's floor.
    static func decibelLabel(_ level: Float, glyphs: Glyphs) -> String {
        let dB = decibels(level)
        guard dB.isFinite, dB > meterFloorDecibels else { return "\(glyphs.minusInfinity) dBFS" }
        return "\(Int(dB.rounded())) dBFS"
    }

    /// The mix's short-term loudness: "-23 LUFS", or "-∞ LUFS" below the meter's floor.
    static func loudnessLabel(_ lufs: Double, glyphs: Glyphs) -> String {
        guard lufs.isFinite, lufs > Double(meterFloorDecibels) else { return "\(glyphs.minusInfinity) LUFS" }
        return "\(Int(lufs.rounded())) LUFS"
    }

    /// Short-term loudness as a meter fill, 0 at −60 LUFS and 1 at 0 LUFS.
    static func loudnessFraction(_ lufs: Double) -> Float {
        guard lufs.isFinite else { return 0 }
        return min(1, max(0, (Float(lufs) - meterFloorDecibels) / -meterFloorDecibels))
    }
}
