import SoundLibrary
import Testing

// What a user hears by default for every recorded bed: the token model learned
// from its recordings in Sounds/, rendered at 0.2, 0.5 and 0.9, against the
// range of the real recordings of its category (see RealRange for the bar).
// The synthesizers of the same sounds are held by WaterRealismTests and the
// other realism suites; this suite fails when a bed stops playing its
// recordings' band balance, texture or envelope (for example when the walk
// collapses into a steady line, or the bed falls back to its synthesizer).

@Suite(.serialized) struct RecordedBedRealismTests {
    /// Every bed with its category folder under Sounds/.
    static let beds: [(sound: String, variant: String)] = SoundLibrary.recordedBeds.flatMap { bed in
        bed.variants.map { (bed.sound, $0) }
    }

    @Test(arguments: beds.map { "\($0.sound)/\($0.variant)" })
    func aRecordedBedThroughTokensSitsInTheRangeOfItsRealRecordings(_ layer: String) throws {
        let parts = layer.split(separator: "/").map(String.init)
        try TokenPathRendering.expect(
            parts[0], variant: parts[1], within: try RealRecordings.range(of: parts[0]), known: Self.known[layer])
    }

    /// Where the token path misses its recordings today (measured at seed 1, 30 s),
    /// held at that figure + 25 % so it cannot get worse; the rest of the bar holds:
    /// - waterfall/near at 0.2 and 0.5 (the 0 A.D. take): 1.07 level events/s where
    ///   the real waterfalls have 0–0.15; the walk's joins swell and dip;
    /// - crickets/night (one 10 s take, night-crickets): the 4.5 kHz chirp is held
    ///   2.0 s as a steady line (+19…+21 dB), which the recording never does; the
    ///   walk runs out of a short take and stretches the chirp;
    /// - waves/beach at 0.2 (the 29 s waves-shore take, spliced from one-shots):
    ///   5 level events in 30 s lasting 0.090 s on average, where the one real surf
    ///   recording with events has 0.030 s (allowed up to 0.065 s); so few events
    ///   that the figure moves with the walk (0.040 s before short takes' grains came
    ///   back sooner);
    /// - harbour/moorings (one 19 s take, port): a 1.6 kHz call held 2.6 s (+21 dB)
    ///   and 2.60 events/s where the recording has 1.35 (allowed up to 2.52).
    static let known: [String: KnownShortfall] = [
        "waterfall/near": KnownShortfall(eventsPerSecond: 1.07 * 1.25),
        "crickets/night": KnownShortfall(lineSeconds: 2.0 * 1.25),
        "waves/beach": KnownShortfall(eventSeconds: 0.090 * 1.25),
        "harbour/moorings": KnownShortfall(lineSeconds: 2.6 * 1.25, eventsPerSecond: 2.60 * 1.25),
    ]

}
