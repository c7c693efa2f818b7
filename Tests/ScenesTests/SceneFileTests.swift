@testable import DSP
import Foundation
@testable import Scenes
@testable import TOMLSupport
import TestSupport
import Testing


private let goodScene = """
    prompt = "rain"
    master = 0.8

    [[layers]]
    sound = "rain"
    variant = "window"
    weight = 0.7
    intensity = 0.4

    [[layers]]
    sound = "thunder"
    weight = 0.5
    """

/// A broken scene file and where and why reading it must fail.
struct BadSceneCase: CustomTestStringConvertible, Sendable {
    var label: String
    var bytes: [UInt8]
    var line: Int
    /// Words the reason must contain, so the message tells the user what to fix.
    var reason: [String]

    init(_ label: String, _ text: String, line: Int, _ reason: String...) {
        self.init(label, Array(text.utf8), line: line, reason)
    }

    init(_ label: String, _ bytes: [UInt8], line: Int, _ reason: [String]) {
        self.label = label
        self.bytes = bytes
        self.line = line
        self.reason = reason
    }

    var testDescription: String { label }
}

let badSceneCases: [BadSceneCase] = [
    BadSceneCase("empty", "", line: 1, "empty"),
    BadSceneCase("only comments", "# nothing here\n\n", line: 1, "no [[layers]]"),
    BadSceneCase("truncated in a string", String(goodScene.prefix(60)), line: 6, "TOML syntax"),
    BadSceneCase("truncated after a header", "prompt = \"x\"\n\n[[layers]]\n", line: 3, "layer 1 has no sound"),
    BadSceneCase("binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF], line: 1, ["binary"]),
    BadSceneCase("NUL on line 2", Array("prompt = \"a\"\nmaster = 0".utf8) + [0x00], line: 2, ["binary"]),
    BadSceneCase("not UTF-8", Array("prompt = \"a\"\n\nsummary = \"".utf8) + [0xC3, 0x28, 0x22], line: 3, ["UTF-8"]),
    BadSceneCase(
        "master is a string", goodScene.replacingOccurrences(of: "master = 0.8", with: "master = \"loud\""), line: 2,
        "master", "number", "string"),
    BadSceneCase(
        "weight is a bool", goodScene.replacingOccurrences(of: "weight = 0.7", with: "weight = true"), line: 7,
        "weight", "number", "bool"),
    BadSceneCase("mute is a number", goodScene + "\nmute = 1", line: 13, "mute", "true or false", "not an integer"),
    BadSceneCase(
        "intensity above 1", goodScene.replacingOccurrences(of: "intensity = 0.4", with: "intensity = 1.5"),
        line: 8, "intensity", "out of range", "a number from 0 to 1"),
    BadSceneCase(
        "negative master", goodScene.replacingOccurrences(of: "master = 0.8", with: "master = -0.1"), line: 2,
        "master", "out of range"),
    BadSceneCase(
        "weight nan", goodScene.replacingOccurrences(of: "weight = 0.5", with: "weight = nan"), line: 12,
        "weight", "out of range"),
    BadSceneCase("zero timer", "timer_minutes = 0\n" + goodScene, line: 1, "timer_minutes", "out of range"),
    BadSceneCase(
        "unknown sound", goodScene.replacingOccurrences(of: "sound = \"thunder\"", with: "sound = \"thundr\""),
        line: 11, "unknown sound 'thundr'", "did you mean 'thunder'"),
    BadSceneCase(
        "unknown variant", goodScene.replacingOccurrences(of: "\"window\"", with: "\"tin\""), line: 6,
        "no variant 'tin'", "window, roof, leaves"),
    BadSceneCase(
        "duplicate layer", goodScene + "\n\n[[layers]]\nsound = \"rain\"\n", line: 15,
        "duplicate layer rain/window", "line 5"),
    BadSceneCase("layers not tables", "prompt = \"a\"\nlayers = 3\n", line: 2, "layers must be an array of tables"),
    BadSceneCase("no sound key", "[[layers]]\nweight = 0.5\n", line: 1, "has no sound"),
    BadSceneCase("sound is a number", "[[layers]]\n\nsound = 7\n", line: 3, "sound must be a string"),
    BadSceneCase("syntax error", "prompt = \"a\"\nmaster = = 1\n", line: 2, "TOML syntax"),
    // Found by libFuzzer (scripts/fuzz.sh scene): an escaped newline in a value made the message two lines.
    BadSceneCase(
        "variant with a newline", goodScene.replacingOccurrences(of: "\"window\"", with: "\"win\\ndow\""), line: 6,
        "no variant \"win\\ndow\""),
    BadSceneCase(
        "sound with a newline", goodScene.replacingOccurrences(of: "\"thunder\"", with: "\"thun\\nder\""), line: 11,
        "unknown sound \"thun\\nder\""),
    BadSceneCase(
        "backslash before a line break", "prompt = \"a\"\n\nsummary = \"x\\\n[[layers]]\n", line: 3,
        "unknown escape sequence of a backslash and the end of the line"),
]

@Test(arguments: badSceneCases)
func badSceneFileGivesPathLineAndReason(_ example: BadSceneCase) throws {
    let directory = TestThemes.temporaryDirectory()
    let path = directory + "/bad.toml"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(example.bytes)))
    do {
        _ = try SceneFile.read(path: path, catalog: TestThemes.catalog)
        Issue.record("\(example.label) was accepted")
    } catch let error as SceneError {
        let message = error.description
        #expect(message.hasPrefix("\(path):\(example.line): "), "\(message)")
        for word in example.reason { #expect(message.contains(word), "\(message) should say \(word)") }
        #expect(!message.contains("\n"), "one line")
    }
}

@Test func sceneFileOverTenMegabytesIsRefusedWithoutReadingIt() throws {
    let path = TestThemes.temporaryDirectory() + "/huge.toml"
    let text =
        goodScene + "\n" + String(repeating: "# padding padding padding padding padding padding\n", count: 210_000)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    #expect(text.utf8.count > 10 * 1024 * 1024)
    #expect(
        throws: SceneError.invalidFile(
            path: path, line: 1, reason: "file is 10 MB; files over 10 MB are refused (is this the right file?)")
    ) { try SceneFile.read(path: path, catalog: TestThemes.catalog) }
}

@Test func missingFileIsAnErrorNamingIt() {
    #expect(throws: SceneError.fileSystem(path: "/nonexistent/x.toml", reason: "cannot read the file (does it exist?)"))
    {
        try SceneFile.read(path: "/nonexistent/x.toml", catalog: TestThemes.catalog)
    }
}

@Test func sceneFileReadsEverySetting() throws {
    let text = """
        summary = "test"
        prompt = "a \\"quoted\\" prompt"
        master = 0.5
        evolve = true
        evolve_range = 0.2
        timer_minutes = 45

        [[layers]]
        sound = "rain"
        variant = "roof"
        weight = 1
        intensity = 0
        mute = true
        """
    let loaded = try SceneFile.parse(text, path: "s.toml", catalog: TestThemes.catalog)
    #expect(loaded.warnings.isEmpty)
    #expect(
        loaded.scene
            == Scene(
                prompt: "a \"quoted\" prompt",
                layers: [LayerSettings(sound: "rain", variant: "roof", weight: 1, intensity: 0, muted: true)],
                master: 0.5, evolve: true, timerMinutes: 45, evolveRange: 0.2, summary: "test"))
}

@Test func unknownKeysWarnWithTheirLineAndAreKeptWhenSaving() throws {
    let text = """
        prompt = "x"
        colour = "amber"
        ui = { hue = 3, tags = ["a", "b"] }

        [[layers]]
        sound = "rain"
        pan = -0.25
        eq = { low = 1.5, nested = { deep = true } }

        [[layers]]
        sound = "wind"
        comment = \"\"\"
        a multi-line
        note = not a key
        \"\"\"

        [display]
        theme = "dark"
        """
    let loaded = try SceneFile.parse(text, path: "s.toml", catalog: TestThemes.catalog)
    #expect(loaded.warnings.map(\.line) == [2, 3, 7, 8, 12, 17])
    #expect(loaded.warnings.allSatisfy { $0.description.hasPrefix("s.toml:") && $0.description.contains("kept") })
    #expect(loaded.scene.unknownKeys.keys.sorted() == ["colour", "display", "ui"])
    #expect(loaded.scene.layers[0].unknownKeys.keys.sorted() == ["eq", "pan"])
    #expect(loaded.scene.layers[1].unknownKeys.keys.sorted() == ["comment"])

    let saved = SceneFile.text(of: loaded.scene)
    let reloaded = try SceneFile.parse(saved, path: "s.toml", catalog: TestThemes.catalog)
    #expect(reloaded.scene == loaded.scene)
    #expect(
        saved.contains("amber") && saved.contains("dark") && saved.contains("deep = true") && saved.contains("-0.25"))
}

@Test func savedTextIsStableAndReadsBack() throws {
    let scene = Scene(
        prompt: "tricky \"quotes\" \\ and\nnewlines\tand ünïcödé",
        layers: [
            LayerSettings(sound: "rain", variant: nil, weight: 0.123456, intensity: 1e-5),
            LayerSettings(sound: "fire", variant: "campfire", weight: 1, intensity: 0.3, muted: true),
        ], master: 0.33, evolve: true, timerMinutes: 12.5, evolveRange: 0.05, summary: "s")
    let text = SceneFile.text(of: scene)
    let reloaded = try SceneFile.parse(text, path: "s.toml", catalog: TestThemes.catalog).scene
    #expect(reloaded == scene)
    #expect(SceneFile.text(of: reloaded) == text)
}

@Test func damagedSceneFilesNeverCrashAndAlwaysSayWhereTheProblemIs() throws {
    let original = Array(try String(contentsOfFile: TestThemes.path + "/rainy-library.toml", encoding: .utf8).utf8)
    var random = Random(seed: 77)
    let junk: [[UInt8]] = [
        [0x00], [0xFF, 0xFE], Array("[[layers]]".utf8), Array("= =".utf8), Array("\"".utf8),
        Array("sound = \"rain\"\n".utf8), Array("weight = 2\n".utf8), Array("[layers]\n".utf8), [0xE2, 0x82],
    ]
    for _ in 0..<400 {
        var bytes = original
        switch random.below(3) {
        case 0: bytes = Array(bytes.prefix(random.below(bytes.count)))
        case 1: bytes[random.below(bytes.count)] = UInt8(random.below(256))
        default: bytes.insert(contentsOf: junk[random.below(junk.count)], at: random.below(bytes.count))
        }
        do {
            let text = try SceneError.reporting { try TextFile.decode(Data(bytes), path: "d.toml") }
            _ = try SceneFile.parse(text, path: "d.toml", catalog: TestThemes.catalog)
        } catch let error as SceneError {
            guard case .invalidFile(let path, let line, let reason) = error else {
                Issue.record("unexpected \(error)")
                continue
            }
            #expect(path == "d.toml" && line >= 1 && !reason.isEmpty)
            #expect(line <= bytes.filter { $0 == 0x0A }.count + 1, "\(error)")
        }
    }
}

@Test func unknownKeyWithANewlineIsWarnedAboutOnOneLine() throws {
    let text = "\"odd\\nkey\" = 1\n[[layers]]\nsound = \"rain\"\n\"la\\nyer\" = 2\n"
    let loaded = try SceneFile.parse(text, path: "s.toml", catalog: TestThemes.catalog)
    #expect(loaded.warnings.count == 2)
    for warning in loaded.warnings {
        #expect(!warning.description.contains("\n"), "not one line: \(warning.description)")
        #expect(warning.description.contains("\\n"), "the key is shown escaped: \(warning.description)")
    }
}
