import Foundation

/// How a sound's level moves over time: how often something stands out of it,
/// for how long, and how far its level swings.
///
/// All three are read from the level of the mid channel (left + right) / 2:
/// - **Level**: RMS of consecutive 10 ms frames, in dB (frames more than 80 dB
///   under the loudest are counted at that floor, so silence has a level).
/// - **Background**: the median of the levels in the 2 s around a frame (taken
///   every 0.25 s): the level the sound usually has there.
/// - **Event rate** (events per second): how often the level rises at least 6 dB
///   above the background. An event lasts until the level falls back under
///   background + 3 dB. A raindrop, a crackle, a chirp, a breaking wave or a
///   thunder clap is an event; a steady wash has almost none.
/// - **Event length** (seconds): the median length of those events (0 when there
///   are none).
/// - **Level spread** (dB): the 90th minus the 10th percentile of the level in
///   100 ms frames. A steady wash spreads a few dB; a sound that dips or falls
///   silent between swells spreads far more.
public struct EnvelopeStatistics: Sendable, Equatable {
    public var eventsPerSecond: Double
    public var eventSeconds: Double
    public var levelSpreadDecibels: Double

    public init(eventsPerSecond: Double, eventSeconds: Double, levelSpreadDecibels: Double) {
        self.eventsPerSecond = eventsPerSecond
        self.eventSeconds = eventSeconds
        self.levelSpreadDecibels = levelSpreadDecibels
    }

    static let frameSeconds = 0.01
    static let riseDecibels = 6.0
    static let fallDecibels = 3.0
    static let floorDecibels = 80.0

    /// Measures `mono` at `sampleRate`.
    public init(mono: [Float], sampleRate: Double) {
        let frame = max(Int(Self.frameSeconds * sampleRate), 1)
        let levels = Self.levels(mono, frameLength: frame)
        let slowLevels = Self.levels(mono, frameLength: 10 * frame)
        guard !levels.isEmpty else {
            self.init(eventsPerSecond: 0, eventSeconds: 0, levelSpreadDecibels: 0)
            return
        }
        // Background: the median over 2 s windows, one every 0.25 s.
        let window = 200
        let hop = 25
        var background = [Double](repeating: 0, count: levels.count)
        var start = 0
        while start < levels.count {
            let centre = start + hop / 2
            let low = max(centre - window / 2, 0)
            let high = min(centre + window / 2, levels.count)
            let floor = Self.percentile(Array(levels[low..<high]), 0.5)
            for i in start..<min(start + hop, levels.count) { background[i] = floor }
            start += hop
        }
        var events: [Int] = []
        var inEvent = false
        var eventStart = 0
        for i in levels.indices {
            if !inEvent, levels[i] >= background[i] + Self.riseDecibels {
                inEvent = true
                eventStart = i
            } else if inEvent, levels[i] < background[i] + Self.fallDecibels {
                inEvent = false
                events.append(i - eventStart)
            }
        }
        if inEvent { events.append(levels.count - eventStart) }
        let seconds = Double(levels.count) * Self.frameSeconds
        let median = events.isEmpty ? 0 : Self.percentile(events.map(Double.init), 0.5) * Self.frameSeconds
        let spread =
            slowLevels.isEmpty ? 0 : Self.percentile(slowLevels, 0.9) - Self.percentile(slowLevels, 0.1)
        self.init(eventsPerSecond: Double(events.count) / seconds, eventSeconds: median, levelSpreadDecibels: spread)
    }

    /// RMS levels in dB of consecutive frames of `frameLength`, floored 80 dB under the loudest.
    static func levels(_ mono: [Float], frameLength: Int) -> [Double] {
        var levels: [Double] = []
        levels.reserveCapacity(mono.count / frameLength)
        var start = 0
        while start + frameLength <= mono.count {
            var sum = 0.0
            for i in start..<(start + frameLength) { sum += Double(mono[i]) * Double(mono[i]) }
            levels.append(10 * log10(max(sum / Double(frameLength), 1e-20)))
            start += frameLength
        }
        let floor = (levels.max() ?? 0) - floorDecibels
        return levels.map { max($0, floor) }
    }

    /// The `fraction` percentile (0…1) of `values`, nearest rank.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = min(max(Int((fraction * Double(sorted.count - 1)).rounded()), 0), sorted.count - 1)
        return sorted[rank]
    }
}
