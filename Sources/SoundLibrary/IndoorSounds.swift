/// The indoor family of built-in sounds: rooms, reading, a clock, typing, a
/// café and a train, each a procedural synthesizer.
package enum IndoorSounds {
    package static let definitions: [SoundDefinition] = [
        SoundDefinition(
            name: "room-tone", variants: ["library", "room"],
            summary: "the quiet air of a room: ventilation, low rumble, far-off building sounds"
        ) { variant, seed in
            RoomTone(variant: variant == "room" ? .room : .library, seed: seed)
        },
        SoundDefinition(
            name: "clock", variants: ["wall"],
            summary: "a wall clock ticking once a second, tick and tock"
        ) { _, seed in
            WallClock(seed: seed)
        },
        SoundDefinition(
            name: "pages", variants: ["book"],
            summary: "pages of a book turned every few seconds, and a little paper handling"
        ) { _, seed in
            PageTurns(seed: seed)
        },
        SoundDefinition(
            name: "keyboard", variants: ["typing"],
            summary: "someone typing in bursts of words, with space bar, enter and pauses"
        ) { _, seed in
            KeyboardTyping(seed: seed)
        },
        SoundDefinition(
            name: "cafe", variants: ["murmur"],
            summary: "a busy café: indistinct voices, cups and spoons, a chair now and then"
        ) { _, seed in
            CafeMurmur(seed: seed)
        },
        SoundDefinition(
            name: "train", variants: ["carriage"],
            summary: "inside a train carriage: low roar and the clack-clack of rail joints"
        ) { _, seed in
            TrainCarriage(seed: seed)
        },
    ]
}
