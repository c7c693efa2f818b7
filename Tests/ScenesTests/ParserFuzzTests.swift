@testable import AudioEngine
@testable import DSP
import Foundation
@testable import Scenes
@testable import TOMLSupport
import TestSupport
import Testing


/// Random and mutated input for the scene parser and the prompt planner: whatever a
/// user, an editor or a broken disk hands them, they answer with a scene or a
/// `path:line: reason` error — never a crash, a hang, or a scene the engine cannot play.
///
/// Bounded for CI (a few thousand inputs, seconds in release). For a long run by hand:
/// `SOUNDSCAPE_FUZZ_COUNT=1000000 swift test -c release --filter ParserFuzz`; the seed
/// comes from `SOUNDSCAPE_FUZZ_SEED` (default fixed) so a failure can be replayed.
@Suite struct ParserFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["SOUNDSCAPE_FUZZ_COUNT"].flatMap(Int.init) ?? 3_000
    static let seed = environment["SOUNDSCAPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_125

    /// The real scene files: mutations of them reach deep into the parser, not just its first check.
    static let themeTexts: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TestThemes.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.sorted().compactMap {
            try? String(contentsOfFile: TestThemes.path + "/" + $0, encoding: .utf8)
        }
    }()

    @Test func randomBytesAreRefusedWithPathAndLineOrReadAsAPlayableScene() {
        var random = Random(seed: Self.seed)
        for round in 0..<Self.count {
            let length = random.below(4) == 0 ? random.below(4_096) : random.below(64)
            var bytes = [UInt8](repeating: 0, count: length)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: random.nextUInt32()) }
            // Half of them printable: binary bytes are refused at once, text reaches TOML.
            if round % 2 == 0 { bytes = bytes.map { 0x20 + $0 % 0x5F } }
            check(bytes: bytes, label: "random bytes, round \(round)")
        }
    }

    @Test func mutatedThemeScenesAreRefusedWithPathAndLineOrReadAsAPlayableScene() throws {
        try #require(Self.themeTexts.count >= 8, "Themes/ scenes not found at \(TestThemes.path)")
        var random = Random(seed: Self.seed &+ 1)
        for round in 0..<Self.count {
            var text = Array(Self.themeTexts[random.below(Self.themeTexts.count)].utf8)
            for _ in 0...random.below(4) { Self.mutate(&text, &random) }
            check(bytes: text, label: "mutated theme, round \(round)")
        }
    }

    @Test func wordSaladsWithTyposAlwaysPlanAPlayableSceneTheSameWayTwice() {
        let planner = TestThemes.planner
        let lexicon = TestThemes.lexicon
        let vocabulary =
            lexicon.terms.flatMap(\.words) + lexicon.modifiers.flatMap(\.words) + Array(lexicon.stopWords)
            + Array(lexicon.negations) + ["30", "minutes", "1.5", "hours", "for", "-3", "1e308", "½", "ünïcödé", "☔", ""]
        var random = Random(seed: Self.seed &+ 2)
        for round in 0..<Self.count {
            var words: [String] = []
            for _ in 0..<random.below(random.below(8) == 0 ? 200 : 12) {
                var word = Array(vocabulary[random.below(vocabulary.count)])
                // Typos: a dropped, doubled, swapped or stray character.
                if random.below(3) == 0, !word.isEmpty {
                    let at = random.below(word.count)
                    switch random.below(4) {
                    case 0: word.remove(at: at)
                    case 1: word.insert(word[at], at: at)
                    case 2 where at + 1 < word.count: word.swapAt(at, at + 1)
                    default: word.insert(Character(Unicode.Scalar(UInt8(0x21 + random.below(0x5E)))), at: at)
                    }
                }
                words.append(String(word))
            }
            let separators = [" ", ", ", " and ", ".", "\t", "\n", "  ", ";", " - "]
            let prompt = words.map { $0 + separators[random.below(separators.count)] }.joined()
            let plan = planner.plan(prompt)
            #expect(plan == planner.plan(prompt), "planning is not deterministic for \(prompt.debugDescription)")
            #expect(plan.scene.layers.count <= Engine.maximumLayers, "\(plan.scene.layers.count) layers for \(prompt.debugDescription)")
            Self.expectPlayable(plan.scene, label: "prompt \(prompt.debugDescription) (round \(round))")
            for word in plan.unknownWords { #expect(prompt.lowercased().contains(word.lowercased()), "unknown word \(word) is not in the prompt") }
        }
    }

    @Test func randomUnicodePromptsPlanWithoutCrashing() {
        let planner = TestThemes.planner
        var random = Random(seed: Self.seed &+ 3)
        for round in 0..<Self.count {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<random.below(80) {
                // Mostly ASCII, some Latin-1, combining marks, emoji and CJK.
                let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x24F, 0x300...0x36F, 0x1F300...0x1FAFF, 0x4E00...0x9FFF]
                let range = ranges[random.below(ranges.count)]
                let value = range.lowerBound + UInt32(random.below(Int(range.upperBound - range.lowerBound) + 1))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let plan = planner.plan(String(scalars))
            Self.expectPlayable(plan.scene, label: "unicode prompt round \(round)")
        }
    }

    /// Reads `bytes` as a scene file: an error must be one `path:line: reason` line
    /// with a line inside the file; a scene must play and save back to itself.
    private func check(bytes: [UInt8], label: String) {
        let path = "fuzz.toml"
        do {
            let text = try SceneError.reporting { try TextFile.decode(Data(bytes), path: path) }
            let loaded = try SceneFile.parse(text, path: path, catalog: TestThemes.catalog)
            Self.expectPlayable(loaded.scene, label: label)
            for warning in loaded.warnings {
                #expect(!warning.description.contains("\n"), "\(label): warning not one line: \(warning)")
            }
            let saved = SceneFile.text(of: loaded.scene)
            let reloaded = try SceneFile.parse(saved, path: path, catalog: TestThemes.catalog)
            #expect(reloaded.scene == loaded.scene, "\(label): saving and reading again changed the scene:\n\(saved)")
        } catch let error as SceneError {
            guard case .invalidFile(let errorPath, let line, let reason) = error else {
                Issue.record("\(label): unexpected error kind \(error)")
                return
            }
            let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            #expect(errorPath == path)
            #expect(line >= 1 && line <= lineCount, "\(label): line \(line) of a \(lineCount)-line file: \(reason)")
            #expect(!error.description.contains("\n") && !reason.isEmpty, "\(label): not one line: \(error)")
        } catch {
            Issue.record("\(label): \(type(of: error)) instead of a SceneError: \(error)")
        }
    }

    /// What the engine needs of any scene: known sounds and variants, numbers in range.
    static func expectPlayable(_ scene: Scene, label: @autoclosure () -> String) {
        let catalog = TestThemes.catalog
        #expect((0...1).contains(scene.master), "\(label()): master \(scene.master)")
        #expect((0...0.5).contains(scene.evolveRange), "\(label()): evolve_range \(scene.evolveRange)")
        if let minutes = scene.timerMinutes { #expect(minutes.isFinite && minutes > 0, "\(label()): timer \(minutes)") }
        for layer in scene.layers {
            let variants = catalog.variants(of: layer.sound)
            #expect(variants != nil, "\(label()): unknown sound \(layer.sound)")
            if let variant = layer.variant { #expect(variants?.contains(variant) == true, "\(label()): variant \(variant)") }
            #expect((0...1).contains(layer.weight) && (0...1).contains(layer.intensity), "\(label()): \(layer)")
        }
    }

    /// Pieces of TOML that push the parser: brackets, quotes, extreme numbers, keys it knows.
    static let fragments = [
        "[[layers]]\n", "[layers]\n", "[[", "]]", "\"", "\"\"\"", "'", "=", " = ", "\n", "#", "{", "}", "[", "]", ",",
        "sound = \"rain\"\n", "sound = \"thunder\"\n", "variant = \"roof\"\n", "weight = ", "intensity = ", "master = ",
        "timer_minutes = ", "evolve = ", "evolve_range = ", "mute = ", "1e309", "-0", "nan", "+inf", "-inf", "0x7f",
        "99999999999999999999", "1.0", "0.5", "true", "false", "1979-05-27T07:32:00Z", "\\u0000", "\\uD800", "é", "\t",
        "\r\n", "layers = 3\n", "layers = []\n", "a.b.c = 1\n", "[layers.x]\n",
        // Escapes that put a newline or quote inside a value or key (libFuzzer found the first).
        "variant = \"op\\n\"\n", "sound = \"ra\\nin\"\n", "\"k\\ney\" = 1\n", "'it''s'",
    ]

    /// One random edit: cut, truncate, duplicate, flip or insert a TOML fragment.
    static func mutate(_ text: inout [UInt8], _ random: inout Random) {
        let at = text.isEmpty ? 0 : random.below(text.count + 1)
        switch random.below(6) {
        case 0 where !text.isEmpty:  // truncate, as an interrupted write would
            text.removeSubrange(at...)
        case 1 where !text.isEmpty:  // cut a span
            let end = min(text.count, at + random.below(40))
            text.removeSubrange(at..<end)
        case 2 where !text.isEmpty:  // duplicate a span (duplicate layers, keys)
            let start = random.below(text.count)
            let end = min(text.count, start + random.below(120))
            text.insert(contentsOf: text[start..<end], at: at)
        case 3 where !text.isEmpty:  // flip a byte
            text[min(at, text.count - 1)] = UInt8(truncatingIfNeeded: random.nextUInt32())
        default:
            text.insert(contentsOf: Array(fragments[random.below(fragments.count)].utf8), at: at)
        }
    }
}
