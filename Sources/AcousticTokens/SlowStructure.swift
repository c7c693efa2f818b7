/// What a corpus does over seconds that the token walk keeps (issue 13): how
/// long its events and the pauses between them last.
///
/// The walk's fine choices (continue or jump, by a three-frame context) know
/// nothing of seconds, so left alone it strings events together into one
/// unbroken call. A slow duration process aims it instead:
///
/// - The corpus is cut into runs: maximal stretches of event frames
///   (`AcousticModel.isEvent`: 6 dB or more above the local background, a
///   call or a crack) and of pause frames. Every position knows its run's
///   age (frames since the run began).
/// - The walk keeps its own run (event or pause, and how long it has lasted).
///   A jump must land in a run of the same kind at the same age, so the run
///   goes on as one of the source's runs of that age goes on, and ends where
///   such a run ends: the chance of ending after each frame is the source's
///   own (its hazard), so event and pause lengths follow the source's
///   distributions.
/// - A run that has lasted as long as the source's longest of its kind must
///   end: the next frame lands at the start of a run of the other kind. No
///   event is held longer than the source ever holds one. (Loud stretches
///   that are no marked events, a gust's, are capped by `LoudRuns`.)
/// - Ages are compared exactly up to `ageSaturationFrames` (3 s); beyond it
///   every place in a long run is alike, so a steady texture (one long run)
///   is not pinned to one stretch.
///
/// Rhythmic stretches (a beat, `BeatAnalysis`) keep their structure by the
/// beat instead; durations are not enforced there. Slow swells (4–8 s rises
/// and falls) are followed by a slow playhead over the corpus's level
/// contour instead (`SwellContour`).
struct SlowStructure: Sendable {
    /// Frames since each position's run began (0 at its first frame).
    let runAge: [Int32]
    /// Start of every event run and every pause run, and its length in frames.
    let eventRuns: [(start: Int32, length: Int32)]
    let pauseRuns: [(start: Int32, length: Int32)]
    /// Longest event run and longest pause run in the corpus, frames.
    let longestEvent: Int
    let longestPause: Int

    /// Ages compared exactly up to this many frames (≈3 s).
    static let ageSaturationFrames = 141
    /// A landing's age may differ from the walk's by 1 frame plus this fraction.
    static let ageTolerance: Float = 0.15
    /// The runs of a corpus whose frames are events where `isEvent` is true.
    init(isEvent loud: [Bool]) {
        let n = loud.count
        var ages = [Int32](repeating: 0, count: n)
        var events: [(start: Int32, length: Int32)] = []
        var pauses: [(start: Int32, length: Int32)] = []
        var start = 0
        for q in 0...n {
            if q == n || loud[q] != loud[start] {
                if q > start {
                    let run = (start: Int32(start), length: Int32(q - start))
                    if loud[start] { events.append(run) } else { pauses.append(run) }
                }
                start = q
            }
            if q < n { ages[q] = Int32(q - start) }
        }
        runAge = ages
        eventRuns = events
        pauseRuns = pauses
        longestEvent = Int(events.map(\.length).max() ?? 0)
        longestPause = Int(pauses.map(\.length).max() ?? 0)
    }

    /// The longest run of events (`event`) or of pauses in the corpus.
    @inline(__always)
    func longest(event: Bool) -> Int { event ? longestEvent : longestPause }

    /// Whether a landing at `q` goes on a run of kind `event` that has lasted
    /// `frames` frames: same kind, and an age within the tolerance.
    @inline(__always)
    func continuesRun(_ q: Int, event: Bool, isEvent: Bool, frames: Int) -> Bool {
        guard isEvent == event else { return false }
        let want = Float(min(frames, Self.ageSaturationFrames))
        let age = Float(min(Int(runAge[q]), Self.ageSaturationFrames))
        return abs(age - want) <= 1 + Self.ageTolerance * want
    }
}
