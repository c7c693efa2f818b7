/// The registry of built-in sounds: the one list everything else derives from —
/// the catalogue scenes and prompts are checked against, `soundscape sounds`,
/// the mixer's add-a-sound list, and the tests every sound must pass.
///
/// Adding a sound: its file (a synthesizer and its `definition`), one line here,
/// and its words in `Themes/lexicon.toml`.
public enum SoundLibrary {
    /// Every built-in sound, in the order `soundscape sounds` lists them.
    public static let builtIn: [SoundDefinition] = [
        NoiseSounds.white, NoiseSounds.pink, NoiseSounds.brown, NoiseSounds.blue, NoiseSounds.grey,
        Rain.definition, Thunder.definition, Wind.definition, Waves.definition, Stream.definition,
        Fire.definition, Birds.definition, Crickets.definition,
        RoomTone.definition, WallClock.definition, PageTurns.definition, KeyboardTyping.definition,
        CafeMurmur.definition, TrainCarriage.definition,
        Fan.definition, Heartbeat.definition, CatPurr.definition, SingingBowl.definition, WindChimes.definition,
        AirplaneCabin.definition,
        Traffic.definition,
        SubwayCarriage.definition,
        StationHall.definition,
        OfficeHum.definition,
        Harbour.definition,
    ]

    /// The built-in sound called `name`, if any.
    public static func builtIn(named name: String) -> SoundDefinition? {
        builtIn.first { $0.name == name }
    }
}
