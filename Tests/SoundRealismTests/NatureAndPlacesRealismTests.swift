import Testing

// The nature and place synthesizers against the real recordings of their
// category in Sounds/ (see RealRange for the bar), at intensity 0.2, 0.5 and 0.9.
// Where a category holds a single recording its range is that one point ± 4 dB
// (± 3 dB for the level spread): a thin reference, named in each test.
// Only the variants a recording stands for are held here: the fireplace, the
// street and wind in trees have no recording of their own in Sounds/.

@Suite(.serialized) struct NatureAndPlacesRealismTests {
    /// One reference, Sounds/traffic/distant-cars.ogg.
    @Test func distantTrafficSitsInTheRangeOfRealTraffic() throws {
        RealismCheck.expect("traffic", variant: "distant", within: try RealRecordings.range(of: "traffic"))
    }
}
