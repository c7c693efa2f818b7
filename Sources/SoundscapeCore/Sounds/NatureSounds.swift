/// The nature family of built-in sounds: procedural synthesizers in the
/// manner of procedural sound design, one file per sound.
enum NatureSounds {
    static let definitions: [SoundDefinition] = [
        SoundDefinition(
            name: "rain", variants: Rain.Surface.allCases.map(\.rawValue),
            summary: "rain on a window, a roof or leaves; intensity: drizzle → torrent",
            makeSynthesizer: { variant, seed in
                Rain(surface: Rain.Surface(rawValue: variant) ?? .window, seed: seed)
            }),
        SoundDefinition(
            name: "thunder", variants: ["storm"],
            summary: "thunder at random intervals; intensity: distant and rare → overhead and frequent",
            makeSynthesizer: { _, seed in Thunder(seed: seed) }),
    ]
}
