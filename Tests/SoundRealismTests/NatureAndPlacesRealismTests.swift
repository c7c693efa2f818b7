import Testing

// The nature and place synthesizers against the real recordings of their
// category in Sounds/ (see RealRange for the bar), at intensity 0.2, 0.5 and 0.9.
// Where a category holds a single recording its range is that one point ± 4 dB
// (± 3 dB for the level spread): a thin reference, named in each test.
// Only the variants a recording stands for are held here: the street has none
// (Sounds/traffic/distant-cars.ogg is a road far off at night), nor the train's
// carriage (Sounds/train/ holds a steam locomotive heard from outside).

@Suite(.serialized) struct NatureAndPlacesRealismTests {
    /// One reference, Sounds/traffic/distant-cars.ogg.
    @Test func distantTrafficSitsInTheRangeOfRealTraffic() throws {
        RealismCheck.expect("traffic", variant: "distant", within: try RealRecordings.range(of: "traffic"))
    }

    /// One reference, Sounds/cicadas/cicadas-dobroide.ogg.
    @Test func cicadasSitInTheRangeOfARealGrove() throws {
        RealismCheck.expect("cicadas", variant: "summer", within: try RealRecordings.range(of: "cicadas"))
    }

    /// Two references, Sounds/cafe/market.ogg and restaurant.ogg.
    @Test func cafeSitsInTheRangeOfRealCafes() throws {
        RealismCheck.expect("cafe", variant: "murmur", within: try RealRecordings.range(of: "cafe"))
    }

    /// One reference, Sounds/harbour/port.ogg.
    @Test func harbourSitsInTheRangeOfARealPort() throws {
        RealismCheck.expect("harbour", variant: "moorings", within: try RealRecordings.range(of: "harbour"))
    }
}

extension NatureAndPlacesRealismTests {
    /// Two references, Sounds/fire/campfire.ogg (an open fire's roar) and
    /// fire-crackle.ogg (a close fire's crackle and hiss): each place is a fire
    /// heard from near, somewhere between the two.
    @Test(arguments: ["campfire", "fireplace"])
    func fireSitsInTheRangeOfRealFires(variant: String) throws {
        RealismCheck.expect("fire", variant: variant, within: try RealRecordings.range(of: "fire"))
    }

    /// Three references, Sounds/wind/wind-inspectorj.ogg (moderate), stormwind-q009.ogg
    /// (a storm) and wind-bozkurt.ogg (steady low wind).
    @Test func openWindSitsInTheRangeOfRealWind() throws {
        RealismCheck.expect("wind", variant: "open", within: try RealRecordings.range(of: "wind"))
    }

    /// Three references, as the open wind: wind in trees is the same wind with
    /// leaves in it, which real wind recordings outdoors carry too.
    @Test func windInTreesSitsInTheRangeOfRealWind() throws {
        RealismCheck.expect("wind", variant: "trees", within: try RealRecordings.range(of: "wind"))
    }

    /// One reference, Sounds/airplane/jet-cabin.ogg (jet engine ambience, 10 s).
    @Test func airplaneCabinSitsInTheRangeOfARealJetCabin() throws {
        RealismCheck.expect("airplane", variant: "cabin", within: try RealRecordings.range(of: "airplane"))
    }
}

extension NatureAndPlacesRealismTests {
    /// One reference, Sounds/blizzard/howling-wind-dblover.ogg (a howling winter
    /// wind, 14 s): the open blizzard is that gale with snow in it.
    @Test func anOpenBlizzardSitsInTheRangeOfARealHowlingWind() throws {
        RealismCheck.expect("blizzard", variant: "open", within: try RealRecordings.range(of: "blizzard"))
    }
}
