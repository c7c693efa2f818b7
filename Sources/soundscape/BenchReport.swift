import Foundation

/// What `soundscape bench` measured, as text or JSON.
struct BenchReport: Codable {
    struct Sound: Codable {
        var name: String
        var timesRealTime: Double
    }

    struct Mix: Codable {
        var layers: [String] = []
        var timesRealTime = 0.0
    }

    struct PeriodTime: Codable {
        var budgetMilliseconds = 0.0
        var periods = 0
        var p50Percent = 0.0
        var p99Percent = 0.0
        var maxPercent = 0.0
        var xruns = 0
    }

    var sounds: [Sound] = []
    var mix = Mix()
    var periodTime = PeriodTime()
    var peakResidentMegabytes = 0.0

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    var text: String {
        let width = max(12, (sounds.map(\.name.count).max() ?? 0) + 2)
        var lines = ["generation speed, × real time on one core (thread CPU time, intensity 0.5)"]
        for sound in sounds {
            lines.append("  " + sound.name.padding(toLength: width, withPad: " ", startingAt: 0) + BenchReport.times(sound.timesRealTime))
        }
        lines.append(
            "  " + "mix of \(mix.layers.count)".padding(toLength: width, withPad: " ", startingAt: 0)
                + BenchReport.times(mix.timesRealTime) + "  (\(mix.layers.joined(separator: ", ")), through the engine)")
        lines.append(
            String(
                format: "audio thread period time, %% of the %.1f ms period (%d periods, paced null sink)",
                periodTime.budgetMilliseconds, periodTime.periods))
        lines.append(
            String(
                format: "  p50 %.2f%%  p99 %.2f%%  max %.2f%%  xruns %d", periodTime.p50Percent, periodTime.p99Percent,
                periodTime.maxPercent, periodTime.xruns))
        lines.append(String(format: "peak RSS %.1f MB", peakResidentMegabytes))
        return lines.joined(separator: "\n")
    }

    private static func times(_ value: Double) -> String {
        String(format: "%8.0f×", value)
    }
}
