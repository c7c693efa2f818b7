import Testing

// The household synthesizers against the real recordings of their category in
// Sounds/ (see RealRange for the bar), at intensity 0.2, 0.5 and 0.9. These
// recordings are references only: no recorded bed plays them.

@Suite(.serialized) struct ThingsRealismTests {
    /// Two references, Sounds/cat-purr/purr-rareguy27.ogg and purr-soundofsong.ogg
    /// (two cats purring close to the microphone, 6–7 s each).
    @Test func aPurrSitsInTheRangeOfRealPurringCats() throws {
        RealismCheck.expect("cat-purr", variant: "lap", within: try RealRecordings.range(of: "cat-purr"))
    }
}

extension ThingsRealismTests {
    /// One reference, Sounds/clock/clock-ticking-natalie.ogg (a clock ticking in a
    /// room, 7 s): a thin reference, its one point ± 4 dB.
    @Test func aWallClockSitsInTheRangeOfARealTickingClock() throws {
        RealismCheck.expect("clock", variant: "wall", within: try RealRecordings.range(of: "clock"))
    }
}
