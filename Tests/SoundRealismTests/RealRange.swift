import DSP
import Foundation

/// What real recordings of one category measure, from the quietest to the
/// fullest, and the test of a rendered sound against it.
///
/// The bar, per the realism issue:
/// - every octave-band share (125 Hz … 8 kHz) within the recordings' range ± 4 dB;
/// - no steady narrow line (held > 2 s, > 12 dB over its neighbours) unless a
///   recording of the category holds one within a third of an octave of it;
/// - envelope statistics inside the recordings' range, widened only by what two
///   to four recordings cannot pin down: event rate by ±50 % and ±0.5 events/s,
///   event length by ±50 % and ±20 ms (checked only where both have events),
///   level spread by ±3 dB.
struct RealRange: CustomStringConvertible {
    static let bandMarginDecibels = 4.0
    static let spreadMarginDecibels = 3.0

    let category: String
    let files: [String]
    let bandLow: [Double]
    let bandHigh: [Double]
    let eventRate: ClosedRange<Double>
    let eventSeconds: ClosedRange<Double>
    let spread: ClosedRange<Double>
    let lines: [NarrowLine]

    init(category: String, recordings: [String: SoundProfile]) {
        self.category = category
        files = recordings.keys.sorted()
        let profiles = files.map { recordings[$0]! }
        let bands = profiles.map(\.bandShares.decibels)
        bandLow = (0..<7).map { band in bands.map { $0[band] }.min() ?? 0 }
        bandHigh = (0..<7).map { band in bands.map { $0[band] }.max() ?? 0 }
        func span(_ values: [Double]) -> ClosedRange<Double> { (values.min() ?? 0)...(values.max() ?? 0) }
        eventRate = span(profiles.map(\.envelope.eventsPerSecond))
        let withEvents = profiles.filter { $0.envelope.eventsPerSecond > 0.1 }
        eventSeconds = span(withEvents.map(\.envelope.eventSeconds))
        spread = span(profiles.map(\.envelope.levelSpreadDecibels))
        lines = profiles.flatMap(\.narrowLines)
    }

    /// Everything about `profile` that falls outside this range, one sentence each.
    func problems(of profile: SoundProfile) -> [String] {
        var problems: [String] = []
        for band in 0..<7 {
            let share = profile.bandShares.decibels[band]
            let low = bandLow[band] - Self.bandMarginDecibels
            let high = bandHigh[band] + Self.bandMarginDecibels
            if share < low || share > high {
                problems.append(
                    "\(OctaveBandShares.labels[band]) Hz share \(format(share)) dB outside real \(format(bandLow[band]))…\(format(bandHigh[band])) ± 4"
                )
            }
        }
        for line in profile.narrowLines {
            let real = lines.contains { abs(log2($0.frequencyHertz / line.frequencyHertz)) < 1.0 / 3 }
            if !real { problems.append("steady narrow line \(line) where real \(category) has none") }
        }
        let envelope = profile.envelope
        let rateLow = max(eventRate.lowerBound * 0.5 - 0.5, 0)
        let rateHigh = eventRate.upperBound * 1.5 + 0.5
        if envelope.eventsPerSecond < rateLow || envelope.eventsPerSecond > rateHigh {
            problems.append("\(format(envelope.eventsPerSecond, 2)) events/s outside real \(format(eventRate.lowerBound, 2))…\(format(eventRate.upperBound, 2)) (allowed \(format(rateLow, 2))…\(format(rateHigh, 2)))")
        }
        if envelope.eventsPerSecond > 0.1, eventSeconds.upperBound > 0 {
            let low = max(eventSeconds.lowerBound * 0.5 - 0.02, 0)
            let high = eventSeconds.upperBound * 1.5 + 0.02
            if envelope.eventSeconds < low || envelope.eventSeconds > high {
                problems.append("events last \(format(envelope.eventSeconds, 3)) s outside real \(format(eventSeconds.lowerBound, 3))…\(format(eventSeconds.upperBound, 3)) s")
            }
        }
        let spreadLow = spread.lowerBound - Self.spreadMarginDecibels
        let spreadHigh = spread.upperBound + Self.spreadMarginDecibels
        if envelope.levelSpreadDecibels < spreadLow || envelope.levelSpreadDecibels > spreadHigh {
            problems.append("level spread \(format(envelope.levelSpreadDecibels)) dB outside real \(format(spread.lowerBound))…\(format(spread.upperBound)) ± 3")
        }
        return problems
    }

    /// Whether `problem` (one of `problems(of:)`) is about the envelope, not the spectrum.
    static func isEnvelopeProblem(_ problem: String) -> Bool {
        problem.contains(" events/s outside") || problem.hasPrefix("events last") || problem.hasPrefix("level spread")
    }

    var description: String {
        "real \(category) (\(files.joined(separator: ", ")))"
    }

    private func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
