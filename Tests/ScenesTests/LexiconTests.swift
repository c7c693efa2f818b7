@testable import Scenes
@testable import SoundLibrary
import TestSupport
import Testing


@Test func everySoundAndVariantInTheLexiconExists() {
    let lexicon = TestThemes.lexicon
    for sound in lexicon.soundNames.sorted() {
        #expect(TestThemes.catalog.contains(sound), "lexicon names unknown sound '\(sound)'")
    }
    for (sound, variant) in lexicon.soundVariants {
        #expect(
            TestThemes.catalog.variants(of: sound)?.contains(variant) == true,
            "lexicon names \(sound)/\(variant)")
    }
}

@Test func lexiconCoversThePlacesAndMoodsUsersAskFor() {
    for word in [
        "library", "cafe", "coffee shop", "forest", "beach", "cabin", "train", "focus", "sleep",
        "study", "storm",
    ] {
        let plan = TestThemes.planner.plan(word)
        #expect(plan.unknownWords.isEmpty && plan.corrections.isEmpty, "\(word)")
        #expect(
            plan.scene.layers.map(\.sound) != ["rain", "brown-noise"] || word == "storm",
            "\(word) brings its own layers")
    }
}

@Test func lexiconWithAWordInTwoEntriesNamesTheLine() {
    let text = """
        stop_words = ["a"]
        negations = ["no"]
        [default]
        layers = [{ sound = "rain" }]

        [[sound]]
        words = ["rain"]
        sound = "rain"

        [[sound]]
        words = ["drizzle", "a rain"]
        sound = "rain"
        """
    #expect(
        throws: SceneError.invalidFile(
            path: "lex.toml", line: 11,
            reason:
                "'a rain' is read as 'rain', which another entry already means (also at line 7); keep it in one entry"
        )
    ) { try Lexicon.parse(text, path: "lex.toml") }
}

@Test func lexiconWithAWrongTypeNamesTheLine() {
    let text = """
        stop_words = ["a"]
        [default]
        layers = [{ sound = "rain" }]

        [[modifier]]
        words = ["heavy"]
        intensity = "lots"
        """
    #expect(
        throws: SceneError.invalidFile(
            path: "lex.toml", line: 7, reason: "intensity must be a number from 0 to 1, not a string")
    ) {
        try Lexicon.parse(text, path: "lex.toml")
    }
}

@Test func lexiconSyntaxErrorNamesTheLine() {
    do {
        _ = try Lexicon.parse("stop_words = [\"a\"]\n[default\nlayers = 3\n", path: "lex.toml")
        Issue.record("a broken lexicon was accepted")
    } catch let error as SceneError {
        guard case .invalidFile(let path, let line, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path == "lex.toml" && line == 2)
    } catch {
        Issue.record("unexpected \(error)")
    }
}

@Test func everyRegistrySoundHasLexiconWordsAndEveryLexiconSoundIsInTheRegistry() {
    // Adding a sound is its file, a registry line and its words: a sound without words
    // could never be planned from a prompt.
    let lexicon = TestThemes.lexicon
    let named = Set(lexicon.terms.filter { $0.kind == .sound }.flatMap { $0.layers.map(\.sound) })
    let used = Set(lexicon.terms.flatMap { $0.layers.map(\.sound) } + lexicon.defaultLayers.map(\.sound))
    for definition in SoundLibrary.builtIn {
        #expect(named.contains(definition.name), "no [[sound]] words for \(definition.name)")
    }
    for sound in used { #expect(SoundLibrary.builtIn(named: sound) != nil, "the lexicon names \(sound)") }
}
