/// One recording under `Sounds/` that a built-in sound learns from, and the
/// intensity it stands for: a light rain is a low intensity of rain, a
/// downpour a high one.
public struct RecordedTake: Sendable, Equatable {
    /// The file's path under `Sounds/` ("rain/light-rain.ogg"); `Sounds/CREDITS.md` credits it.
    public let file: String
    /// What it sounds like on the intensity scale, 0…1.
    public let intensity: Float

    public init(_ file: String, intensity: Float) {
        self.file = file
        self.intensity = intensity
    }
}

/// The real recordings a built-in sound's variants play from by default.
///
/// Such a variant plays a token model learned from its recordings (the takes,
/// from the gentlest to the strongest) instead of from its synthesizer's
/// render, so it keeps the real sound's band balance and texture; the
/// synthesizer stays for `--procedural` and plays while the model is first
/// trained. That makes the sound's kind `both`. How intensity keeps its
/// meaning over recordings is the token provider's business
/// (`RecordedBedModel` in AcousticTokens).
///
/// A variant without a matching recording (rain on a tent, a train carriage,
/// thunder, which is a few sparse events rather than a bed) is not listed
/// and stays procedural.
public struct RecordedBed: Sendable, Equatable {
    public let sound: String
    /// The variants that play it; the others keep their synthesizer's corpus.
    public let variants: [String]
    /// The recordings, each with its intensity.
    public let takes: [RecordedTake]

    public init(sound: String, variants: [String], takes: [RecordedTake]) {
        precondition(!takes.isEmpty, "a bed has at least one recording")
        self.sound = sound
        self.variants = variants
        self.takes = takes
    }
}

extension SoundLibrary {
    /// Every recorded bed. A take's intensity places it on the slider: the
    /// take a bed plays at 0.5 (its usual setting) is labelled 0.5, gentler
    /// takes lower, stronger ones higher, at least 0.35 apart where they can be,
    /// so the walk at a take's setting keeps to it (a take 0.35 away weighs
    /// e^−3.7 ≈ 2 % against it) instead of flickering between unlike recordings. The rain recordings are steady
    /// outdoor rain, the closest real match for the default rain (window);
    /// the other rain variants have their own surfaces and stay synthesized,
    /// so each variant still sounds different. The shipped wind-bozkurt is left
    /// out of the wind bed: it carries a steady whistle near 1 kHz; open wind
    /// learns from a moderate wind (0.5) and a storm (0.9). The six reference
    /// recordings of `../shared/recordings/` are development material that
    /// must not ship, so the dawn chorus stays synthesized. Fire stays
    /// synthesized too: the shipped close fire (fire-crackle) has crackles 37 dB
    /// over its level, so a fireplace learned from it reaches only −29 LUFS
    /// under the −1 dBTP ceiling, with its peaks limited.
    public static let recordedBeds: [RecordedBed] = [
        RecordedBed(
            sound: "rain", variants: ["window"],
            takes: [
                RecordedTake("rain/light-rain.ogg", intensity: 0.15),
                RecordedTake("rain/heavy-rain.ogg", intensity: 0.5),
                RecordedTake("rain/rain-on-ground.ogg", intensity: 0.75),
                RecordedTake("rain/storm-rain.ogg", intensity: 0.95),
            ]),
        RecordedBed(
            sound: "waves", variants: ["beach"],
            takes: [
                RecordedTake("waves/waves-shore.ogg", intensity: 0.15),
                RecordedTake("waves/waves-rocks.ogg", intensity: 0.5),
                RecordedTake("waves/waves-crash.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "stream", variants: ["brook"],
            takes: [
                RecordedTake("stream/brook-slow.ogg", intensity: 0.15),
                RecordedTake("stream/river-loop.ogg", intensity: 0.5),
                RecordedTake("stream/creek.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "river", variants: ["wide"],
            takes: [
                RecordedTake("river/river-medium.ogg", intensity: 0.5),
                RecordedTake("river/river-fast.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "waterfall", variants: ["near"],
            takes: [
                RecordedTake("waterfall/waterfall-0ad.ogg", intensity: 0.5),
                RecordedTake("waterfall/waterfall-loop.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "waterfall", variants: ["distant"],
            takes: [RecordedTake("waterfall/waterfall-corsica.ogg", intensity: 0.5)]),
        RecordedBed(
            sound: "crickets", variants: ["night"],
            takes: [
                RecordedTake("crickets/night-crickets.ogg", intensity: 0.5)
            ]),
        RecordedBed(
            sound: "birds", variants: ["forest"], takes: [RecordedTake("birds/forest-dobroide.ogg", intensity: 0.5)]),
        RecordedBed(
            sound: "cicadas", variants: ["summer"],
            takes: [RecordedTake("cicadas/cicadas-dobroide.ogg", intensity: 0.5)]),
        RecordedBed(
            sound: "cafe", variants: ["murmur"],
            takes: [
                RecordedTake("cafe/restaurant.ogg", intensity: 0.5),
                RecordedTake("cafe/market.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "traffic", variants: ["distant"], takes: [RecordedTake("traffic/distant-cars.ogg", intensity: 0.5)]),
        RecordedBed(
            sound: "wind", variants: ["open"],
            takes: [
                RecordedTake("wind/wind-inspectorj.ogg", intensity: 0.5),
                RecordedTake("wind/stormwind-q009.ogg", intensity: 0.9),
            ]),
        RecordedBed(
            sound: "airplane", variants: ["cabin"], takes: [RecordedTake("airplane/jet-cabin.ogg", intensity: 0.5)]),
        RecordedBed(
            sound: "harbour", variants: ["moorings"],
            takes: [
                RecordedTake("harbour/port.ogg", intensity: 0.5)
            ]),
    ]

    /// The recorded bed `sound`'s `variant` plays from, if it has one.
    public static func recordedBed(sound: String, variant: String) -> RecordedBed? {
        recordedBeds.first { $0.sound == sound && $0.variants.contains(variant) }
    }
}
