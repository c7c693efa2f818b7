@testable import AudioEngine
@testable import DSP
import Foundation
@testable import Scenes
@testable import SoundLibrary
import TestSupport
import Testing


/// One prompt and what a listener should get from it.
struct PromptCase: CustomTestStringConvertible, Sendable {
    var prompt: String
    /// Exactly these sounds, in this order.
    var sounds: [String]
    var variants: [String: String] = [:]
    var intensity: [String: ClosedRange<Float>] = [:]
    var weight: [String: ClosedRange<Float>] = [:]
    var master: ClosedRange<Float>? = nil
    var unknown: [String] = []
    var evolve = false
    var timerMinutes: Double? = nil

    var testDescription: String { "\"\(prompt)\"" }
}

let defaultSounds = ["rain", "brown-noise"]

let promptCases: [PromptCase] = [
    PromptCase(
        prompt: "a quiet library on a rainy afternoon, distant thunder",
        sounds: ["room-tone", "pages", "clock", "rain", "thunder"],
        variants: ["room-tone": "library", "rain": "window", "thunder": "storm"],
        intensity: ["thunder": 0...0.3], master: 0.6...0.8),
    PromptCase(prompt: "", sounds: defaultSounds, master: 1...1),
    PromptCase(prompt: "   \n\t ", sounds: defaultSounds),
    PromptCase(prompt: "...!!!,,,", sounds: defaultSounds),
    PromptCase(prompt: "a the of with on", sounds: defaultSounds),
    PromptCase(prompt: "xyzzy", sounds: defaultSounds, unknown: ["xyzzy"]),
    PromptCase(prompt: "heavy rain", sounds: ["rain"], intensity: ["rain": 0.8...0.9]),
    PromptCase(prompt: "light rain", sounds: ["rain"], intensity: ["rain": 0.15...0.3]),
    PromptCase(prompt: "torrential rain", sounds: ["rain"], intensity: ["rain": 0.95...1]),
    PromptCase(prompt: "drizzle", sounds: ["rain"], intensity: ["rain": 0...0.25]),
    PromptCase(prompt: "rain on a tin roof", sounds: ["rain"], variants: ["rain": "roof"]),
    PromptCase(prompt: "RAIN On The Roof!!!", sounds: ["rain"], variants: ["rain": "roof"]),
    PromptCase(prompt: "thundr and rian", sounds: ["thunder", "rain"]),
    PromptCase(
        prompt: "a thunderstorm", sounds: ["rain", "thunder", "wind"], intensity: ["rain": 0.7...1]),
    PromptCase(prompt: "distant thunder", sounds: ["thunder"], intensity: ["thunder": 0...0.25]),
    PromptCase(prompt: "close thunder", sounds: ["thunder"], intensity: ["thunder": 0.8...1]),
    PromptCase(
        prompt: "heavy rain, distant thunder", sounds: ["rain", "thunder"],
        intensity: ["rain": 0.8...0.9, "thunder": 0...0.25]),
    PromptCase(
        prompt: "distant thunder and heavy rain", sounds: ["thunder", "rain"],
        intensity: ["rain": 0.8...0.9, "thunder": 0...0.25]),
    PromptCase(
        prompt: "thunder in the distance", sounds: ["thunder"], intensity: ["thunder": 0...0.25]),
    PromptCase(
        prompt: "forest at dawn", sounds: ["birds", "wind", "stream"],
        variants: ["birds": "dawn", "wind": "trees", "stream": "brook"]),
    PromptCase(
        prompt: "forest at night", sounds: ["crickets", "wind", "stream"], master: 0.8...0.95),
    PromptCase(
        prompt: "rain in the forest", sounds: ["rain", "birds", "wind", "stream"],
        variants: ["rain": "leaves", "birds": "forest"]),
    PromptCase(prompt: "ocean waves at night", sounds: ["waves"], master: 0.8...0.95),
    PromptCase(prompt: "beach", sounds: ["waves", "wind"], variants: ["wind": "open"]),
    PromptCase(prompt: "stormy sea", sounds: ["waves"], intensity: ["waves": 0.8...0.9]),
    PromptCase(prompt: "stormy night", sounds: ["rain", "thunder", "wind"]),
    PromptCase(prompt: "Café", sounds: ["cafe", "room-tone"], variants: ["room-tone": "room"]),
    PromptCase(prompt: "coffee shop", sounds: ["cafe", "room-tone"]),
    PromptCase(
        prompt: "busy coffee shops", sounds: ["cafe", "room-tone"], intensity: ["cafe": 0.75...0.85]),
    PromptCase(
        prompt: "cabin in the woods with a crackling fire",
        sounds: ["fire", "wind", "clock", "birds", "stream"],
        variants: ["fire": "fireplace", "wind": "trees"]),
    PromptCase(
        prompt: "campfire under the stars", sounds: ["fire"], variants: ["fire": "campfire"],
        unknown: ["stars"]),
    PromptCase(
        prompt: "train journey through the rain", sounds: ["train", "rain"],
        variants: ["rain": "window"]),
    PromptCase(prompt: "distant train at night", sounds: ["train"], intensity: ["train": 0...0.25]),
    PromptCase(prompt: "deep focus", sounds: ["brown-noise"]),
    PromptCase(prompt: "brown-noise", sounds: ["brown-noise"]),
    PromptCase(
        prompt: "white noise for sleep", sounds: ["white-noise", "pink-noise", "rain"],
        variants: ["rain": "roof"]),
    PromptCase(prompt: "pink noise for 30 minutes", sounds: ["pink-noise"], timerMinutes: 30),
    PromptCase(prompt: "rain for an hour", sounds: ["rain"], timerMinutes: 60),
    PromptCase(prompt: "crickets and birds", sounds: ["crickets", "birds"]),
    PromptCase(prompt: "Seagulls and waves", sounds: ["seagulls", "waves"]),
    PromptCase(prompt: "forest without birds", sounds: ["wind", "stream"]),
    PromptCase(prompt: "no rain", sounds: ["brown-noise"]),
    PromptCase(prompt: "slowly evolving rain", sounds: ["rain"], evolve: true),
    PromptCase(prompt: "rain, slowly changing", sounds: ["rain"], evolve: true),
    PromptCase(prompt: "libary", sounds: ["room-tone", "pages", "clock"]),
    PromptCase(
        prompt: "a forrest mornnig", sounds: ["birds", "wind", "stream"], variants: ["birds": "dawn"]),
    PromptCase(prompt: "study with rain", sounds: ["room-tone", "pages", "brown-noise", "rain"]),
    PromptCase(prompt: "quiet", sounds: defaultSounds, master: 0.65...0.75),
    PromptCase(prompt: "loud rain", sounds: ["rain"], weight: ["rain": 0.9...1]),
    PromptCase(
        prompt: "gentle stream and birdsong", sounds: ["stream", "birds"],
        intensity: ["stream": 0.25...0.35]),
    PromptCase(
        prompt: "typing on a keyboard in the office", sounds: ["keyboard", "office"]),
    PromptCase(prompt: "ticking clocks", sounds: ["clock"]),
    PromptCase(prompt: "windy beach", sounds: ["wind", "waves"], variants: ["wind": "open"]),
    PromptCase(prompt: "heavy", sounds: defaultSounds, intensity: ["rain": 0.8...0.9]),
    PromptCase(
        prompt: "purple elephants dancing", sounds: defaultSounds,
        unknown: ["purple", "elephants", "dancing"]),
]

@Test(arguments: promptCases)
func promptPlansTheExpectedLayersAndSettings(_ example: PromptCase) {
    let plan = TestThemes.planner.plan(example.prompt)
    let scene = plan.scene
    #expect(scene.layers.map(\.sound) == example.sounds)
    for (sound, variant) in example.variants {
        #expect(scene.layers.first { $0.sound == sound }?.variant == variant, "variant of \(sound)")
    }
    for (sound, range) in example.intensity {
        let value = scene.layers.first { $0.sound == sound }?.intensity ?? -1
        #expect(range.contains(value), "intensity of \(sound) is \(value)")
    }
    for (sound, range) in example.weight {
        let value = scene.layers.first { $0.sound == sound }?.weight ?? -1
        #expect(range.contains(value), "weight of \(sound) is \(value)")
    }
    if let master = example.master {
        #expect(master.contains(scene.master), "master is \(scene.master)")
    }
    #expect(plan.unknownWords == example.unknown)
    #expect(scene.evolve == example.evolve)
    #expect(scene.timerMinutes == example.timerMinutes)
}

@Test func everyPlannedLayerIsPlayableAndInRange() {
    for example in promptCases {
        let scene = TestThemes.planner.plan(example.prompt).scene
        #expect(!scene.layers.isEmpty, "\(example.prompt)")
        for layer in scene.layers {
            let variants = TestThemes.catalog.variants(of: layer.sound)
            #expect(
                variants?.contains(layer.variant ?? "") == true, "\(layer.sound)/\(layer.variant ?? "nil")")
            #expect((0...1).contains(layer.weight) && (0...1).contains(layer.intensity))
        }
        #expect(Set(scene.layers.map(\.sound)).count == scene.layers.count, "one layer per sound")
        #expect((0...1).contains(scene.master))
    }
}

@Test func planningIsDeterministic() {
    let other = Planner(
        lexicon: try! Lexicon.read(path: TestThemes.path + "/lexicon.toml"), catalog: TestThemes.catalog
    )
    for example in promptCases {
        #expect(TestThemes.planner.plan(example.prompt) == other.plan(example.prompt))
        #expect(TestThemes.planner.plan(example.prompt) == TestThemes.planner.plan(example.prompt))
    }
}

@Test func misspellingsAreReportedAsCorrections() {
    let plan = TestThemes.planner.plan("thundr over the libary")
    #expect(
        plan.corrections == [
            Plan.Correction(typed: "thundr", readAs: "thunder"),
            Plan.Correction(typed: "libary", readAs: "library"),
        ])
    #expect(plan.unknownWords.isEmpty)
}

@Test func shortUnknownWordsAreNotGuessedAtButReported() {
    // Three letters is too short to guess safely: "caf" must not become "cafe" or "cat".
    let plan = TestThemes.planner.plan("caf and rain")
    #expect(plan.unknownWords == ["caf"])
    #expect(plan.scene.layers.map(\.sound) == ["rain"])
}

@Test func unknownWordsAreListedOnceInPromptOrder() {
    let plan = TestThemes.planner.plan("glimph rain glimph, blorp")
    #expect(plan.unknownWords == ["glimph", "blorp"])
}

@Test func planKeepsThePromptAsTyped() {
    #expect(TestThemes.planner.plan("  Rain, please  ").scene.prompt == "Rain, please")
}

@Test func jsonHasExactlyPromptLayersAndUnknown() throws {
    let plan = TestThemes.planner.plan("heavy \"rain\" glimph")
    #expect(
        plan.json == """
            {"prompt": "heavy \\"rain\\" glimph", "layers": [{"sound": "rain", "variant": "window", "weight": 0.7, "intensity": 0.85}], "unknown": ["glimph"]}
            """)
}

@Test func jsonIsValidAndRoundTripsThroughFoundation() throws {
    let plan = TestThemes.planner.plan("café\tat \"night\" \\ 🌧 glimph")
    let object = try JSONSerialization.jsonObject(with: Data(plan.json.utf8)) as? [String: Any]
    #expect(object?["prompt"] as? String == plan.scene.prompt)
    #expect((object?["layers"] as? [[String: Any]])?.count == plan.scene.layers.count)
    #expect(object?["unknown"] as? [String] == ["glimph"])
}

@Test func aLearnedSoundIsPlannedByItsNameAndTakesModifiers() {
    var catalog = TestThemes.catalog
    catalog.add("myrain", variants: ["recording"])
    let planner = Planner(lexicon: TestThemes.lexicon, catalog: catalog)
    let plan = planner.plan("distant myrain in a library")
    #expect(plan.unknownWords.isEmpty)
    let layer = plan.scene.layers.first { $0.sound == "myrain" }
    #expect(layer?.variant == "recording")
    #expect((layer?.intensity ?? 1) <= 0.25)
    #expect(plan.scene.layers.map(\.sound) == ["myrain", "room-tone", "pages", "clock"])
}

@Test func twoTyposAreCorrectedOnlyInLongWords() {
    // Eight letters or more: two edits ("thnderstrom" → "thunderstorm").
    #expect(TestThemes.planner.plan("thnderstrom").scene.layers.map(\.sound) == ["rain", "thunder", "wind"])
    // Seven letters allow one edit only: "barking" is not read as "working" or "parking"-like words.
    let plan = TestThemes.planner.plan("barking")
    #expect(plan.unknownWords == ["barking"] && plan.corrections.isEmpty)
}

@Test func anyTextPlansAPlayableSceneWithoutCrashing() {
    // Lexicon words, typos, numbers, punctuation, emoji, combining marks, control characters.
    let pieces = [
        "rain", "heavy", "distant", "thunder", "no", "without", "café", "e\u{301}", "🌧", "30", "minutes", "1.5",
        "hours", "0", "-", ",", ".", "'", "’s", "\"", "\n", "\t", "\u{0}", "zzz", "thundr", "forrest", "night",
        "stormy", "an", "hour", "99999999999999999999", "min", "ńíght", "LIBRARY", "far away", "in the distance",
        "🔥🔥", "\u{202E}", " ",
    ]
    var random = Random(seed: 2024)
    for _ in 0..<500 {
        let prompt = (0..<random.below(12)).map { _ in pieces[random.below(pieces.count)] }
            .joined(separator: random.below(2) == 0 ? " " : "")
        let plan = TestThemes.planner.plan(prompt)
        #expect(!plan.scene.layers.isEmpty, "\(prompt)")
        #expect(plan.scene.layers.allSatisfy { (0...1).contains($0.weight) && (0...1).contains($0.intensity) })
        #expect((plan.scene.timerMinutes ?? 1) > 0 && (plan.scene.timerMinutes ?? 1) <= 7 * 24 * 60)
        #expect(plan == TestThemes.planner.plan(prompt))
    }
}

@Test func pluralsAreReadSilentlyButTyposAreShown() {
    let plan = TestThemes.planner.plan("busy coffee shops with thundr")
    #expect(plan.corrections == [Plan.Correction(typed: "thundr", readAs: "thunder")])
    #expect(plan.unknownWords.isEmpty)
}

@Test func aPromptNamingEverythingStaysWithinTheEnginesLayerLimit() {
    let plan = TestThemes.planner.plan(
        "library cafe forest beach cabin campsite storm train office meditation garden with keyboard and white noise")
    #expect(plan.scene.layers.count == Engine.maximumLayers)
    // Sounds the prompt named itself are never the ones left out.
    #expect(
        plan.scene.layers.contains { $0.sound == "keyboard" }
            && plan.scene.layers.contains { $0.sound == "white-noise" })
}

/// Everyday phrases for the household and meditation sounds, plurals and typos included.
@Test(arguments: [
    ("a desk fan humming", "fan", "desk"), ("ceiling fans", "fan", "ceiling"), ("my cat purring", "cat-purr", "lap"),
    ("kittens", "cat-purr", "lap"), ("a heartbeat", "heartbeat", "resting"), ("hearbeat", "heartbeat", "resting"),
    ("tibetan singing bowls", "singing-bowl", "struck"), ("windchimes", "wind-chimes", "porch"),
    ("wind chimes", "wind-chimes", "porch"), ("grey noise", "grey-noise", "steady"), ("blue noise", "blue-noise", "steady"),
])
func everydayPhrasesPlanTheHouseholdSounds(prompt: String, sound: String, variant: String) {
    let plan = TestThemes.planner.plan(prompt)
    #expect(plan.scene.layers.contains { $0.sound == sound && $0.variant == variant }, "\(prompt): \(plan.scene.layers)")
}
