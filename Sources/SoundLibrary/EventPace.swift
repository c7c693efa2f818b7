/// How often a sparse sound's events come (thunder's strikes, an owl's
/// phrases, a page turned): its synthesizer's own rate law, and how many of
/// those events its token corpus holds at each intensity it is rendered at.
///
/// A built-in corpus renders the synthesizer in one segment per intensity,
/// and a walk at one intensity plays only the segments bracketing it: a
/// segment that holds none of the sound's events plays only the floor under
/// them (pages at 0.4 played at −69 LUFS through tokens against its
/// synthesizer's −24, issue 20). `CorpusLayout` turns the pace into segment lengths.
public struct EventPace: Sendable {
    /// Mean seconds between events at an intensity.
    public let meanSecondsBetweenEvents: @Sendable (_ intensity: Float) -> Float
    /// How many events each corpus segment holds on average: two for the
    /// long-ringing thunder and bowl (whose corpora are already 240 s), three where
    /// a single missing event in a draw left a segment silent.
    public let eventsPerCorpusSegment: Int

    public init(eventsPerCorpusSegment: Int, meanSecondsBetweenEvents: @escaping @Sendable (_ intensity: Float) -> Float) {
        precondition(eventsPerCorpusSegment > 0, "a corpus segment holds at least one event")
        self.eventsPerCorpusSegment = eventsPerCorpusSegment
        self.meanSecondsBetweenEvents = meanSecondsBetweenEvents
    }
}
