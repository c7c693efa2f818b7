/// The nature family of built-in sounds: procedural synthesizers in the
/// manner of procedural sound design, one file per sound.
package enum NatureSounds {
    package static let definitions: [SoundDefinition] = [
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
        SoundDefinition(
            name: "wind", variants: Wind.Setting.allCases.map(\.rawValue),
            summary: "gusting wind in the open or through trees; intensity: breeze → gale",
            makeSynthesizer: { variant, seed in Wind(setting: Wind.Setting(rawValue: variant) ?? .open, seed: seed) }),
        SoundDefinition(
            name: "waves", variants: ["beach"],
            summary: "ocean swells breaking on a beach; intensity: lapping → big surf",
            makeSynthesizer: { _, seed in Waves(seed: seed) }),
        SoundDefinition(
            name: "stream", variants: ["brook"],
            summary: "a babbling brook; intensity: trickle → rushing",
            makeSynthesizer: { _, seed in Stream(seed: seed) }),
        SoundDefinition(
            name: "fire", variants: Fire.Place.allCases.map(\.rawValue),
            summary: "crackling fire in a fireplace or a campfire; intensity: embers → blaze",
            makeSynthesizer: { variant, seed in Fire(place: Fire.Place(rawValue: variant) ?? .fireplace, seed: seed) }),
        SoundDefinition(
            name: "birds", variants: Birds.Setting.allCases.map(\.rawValue),
            summary: "a dawn chorus or birds in a forest; intensity: a few → many",
            makeSynthesizer: { variant, seed in Birds(setting: Birds.Setting(rawValue: variant) ?? .dawn, seed: seed) }),
        SoundDefinition(
            name: "crickets", variants: ["night"],
            summary: "crickets chirping on a summer night; intensity: two → a meadow full",
            makeSynthesizer: { _, seed in Crickets(seed: seed) }),
    ]
}
