import DSP
import SoundLibrary

/// How a built-in sound's corpus is laid out: one segment per corpus
/// intensity, in ascending order, each long enough to hold the sound's
/// sparse events at that intensity.
///
/// A walk at one intensity plays only its own segment (or the two
/// bracketing it, `IntensityAim`), so a segment that holds no event of a
/// sparse kind plays none: thunder's 12 s at 0.2 and 0.4 held no strike,
/// and through tokens it never thundered there (issue 20). One rule for
/// every sound: a segment is `standardSegmentSeconds`, or as many of the
/// sound's mean waits between events as its `EventPace` asks if that is
/// longer, so segments are longest where events are rarest.
public struct CorpusLayout: Sendable, Equatable {
    /// The intensity of each segment, ascending.
    public let intensities: [Float]
    /// Stereo sample frames in each segment.
    public let segmentFrames: [Int]

    /// Seconds a segment holds when the sound's events do not ask for more:
    /// textures say all they do in 12 s at each intensity.
    public static let standardSegmentSeconds = 12.0

    /// Seconds `definition`'s corpus holds at `intensity`.
    public static func segmentSeconds(of definition: SoundDefinition, at intensity: Float) -> Double {
        guard let pace = definition.eventPace else { return standardSegmentSeconds }
        return max(
            standardSegmentSeconds,
            Double(pace.eventsPerCorpusSegment) * Double(pace.meanSecondsBetweenEvents(intensity)))
    }

    /// Segments of `segmentFrames` frames at `intensities`.
    public init(intensities: [Float], segmentFrames: [Int]) {
        precondition(!intensities.isEmpty && intensities.count == segmentFrames.count, "one length per segment")
        precondition(segmentFrames.allSatisfy { $0 > 0 }, "no empty segment")
        self.intensities = intensities
        self.segmentFrames = segmentFrames
    }

    /// `seconds` in all, in equal segments at `intensities` (the last takes what rounding leaves).
    public init(intensities: [Float], seconds: Double) {
        let total = Int(seconds * Double(AudioFormat.sampleRate))
        let count = intensities.count
        self.init(
            intensities: intensities,
            segmentFrames: (0..<count).map { (($0 + 1) * total / count) - ($0 * total / count) })
    }

    /// The layout of `definition`'s corpus over `intensities`.
    public init(_ definition: SoundDefinition, intensities: [Float]) {
        self.init(
            intensities: intensities,
            segmentFrames: intensities.map {
                Int(Self.segmentSeconds(of: definition, at: $0) * Double(AudioFormat.sampleRate))
            })
    }

    /// Stereo sample frames in all.
    public var totalFrames: Int { segmentFrames.reduce(0, +) }

    /// Seconds in all.
    public var seconds: Double { Double(totalFrames) / Double(AudioFormat.sampleRate) }

    /// Whether every segment is as long as the first.
    var isEven: Bool { segmentFrames.allSatisfy { $0 == segmentFrames[0] } }

    /// What the layout adds to a model's cache key: the length in all for
    /// even segments (as the key always was), else each segment's seconds.
    var cacheKeyPart: String {
        isEven
            ? "\(seconds)"
            : segmentFrames.map { "\(Double($0) / Double(AudioFormat.sampleRate))" }.joined(separator: "+")
    }

    /// The intensity each of `frameCount` codec frames was rendered at: that
    /// of the segment holding the frame's centre.
    public func renderedIntensities(codecFrames frameCount: Int) -> [Float] {
        var ends: [Int] = []
        var end = 0
        for frames in segmentFrames {
            end += frames
            ends.append(end)
        }
        var segment = 0
        return (0..<frameCount).map { frame in
            let centre = frame * Framing.hopFrames + Framing.windowFrames / 2
            while segment < ends.count - 1 && centre >= ends[segment] { segment += 1 }
            return intensities[segment]
        }
    }
}
