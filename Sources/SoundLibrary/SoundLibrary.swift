import AudioEngine

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
        River.definition,
        Waterfall.definition,
        Dripping.definition,
        Underwater.definition,
        Fire.definition, Birds.definition, Crickets.definition,
        Frogs.definition,
        Cicadas.definition,
        Owls.definition,
        Seagulls.definition,
        Leaves.definition,
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

    /// The loudness (LUFS) a built-in layer plays at, at its intensity; nil
    /// for a sound or variant the library does not have.
    public static func playedLoudness(of layer: MixLayer) -> Double? {
        guard let definition = builtIn(named: layer.sound) else { return nil }
        let variant = layer.variant ?? definition.variants[0]
        guard definition.variants.contains(variant) else { return nil }
        return definition.loudness(of: variant).playedLoudness(atIntensity: layer.intensity)
    }

    /// The built-in sound called `name`, if any.
    public static func builtIn(named name: String) -> SoundDefinition? {
        builtIn.first { $0.name == name }
    }
}
