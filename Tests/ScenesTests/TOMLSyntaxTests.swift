@testable import Scenes
import TOMLKit
@testable import TOMLSupport
import TestSupport
import Testing


/// Inputs that make toml++ 3.4 abort the program on an `assert` (found by fuzzing scene files).
let inputsThatAbortTheTOMLParser: [(text: String, line: Int)] = [
    ("prompt = \"a\"\n[}layers]]\n", 2),
    ("[=]\n", 1),
    ("[[ =x]]\n", 1),
    ("x = [1,}]\n", 1),
    ("x = [\n\n}]\n", 3),
    ("x = [ # comment\n} ]\n", 2),
    ("dt = 1979-05-27 1\n", 1),
    ("dt = 1979-05-27T'07:32:00Z\n", 1),
    ("ui = \t{ a = 1, b = [}, 2] }\n", 1),
]

@Test func textThatWouldAbortTheTOMLParserIsReportedWithItsLine() {
    for (text, line) in inputsThatAbortTheTOMLParser {
        #expect(throws: TOMLSyntax.Failure.self, "\(text)") { try TOMLSyntax.check(text) }
        do {
            _ = try SceneFile.parse(text, path: "s.toml", catalog: TestThemes.catalog)
            Issue.record("accepted \(text)")
        } catch let error as SceneError {
            guard case .invalidFile(_, let reported, let reason) = error else {
                Issue.record("\(error)")
                continue
            }
            #expect(reported == line && reason.hasPrefix("TOML syntax:"), "\(text) → \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Test func everyTOMLFeatureStillPassesTheSyntaxCheck() throws {
    let text = """
        ui = { a = 1, b = [1, 2], c = { d = "x" }, "q k" = 'lit' }
        x = \"\"\"multi
        line \\
           trimmed "" quotes\"\"\"\"
        y = '''raw
        text'''
        dt = 1979-05-27T07:32:00Z
        d2 = 1979-05-27 07:32:00.123-07:00
        ld = 1979-05-27 # a date, then a comment
        lt = 07:32:00
        ints = [ +1, -0, 0xdead, 0xDEAD_beef, 0o755, 0b1101, 1_000 ] # c
        floats = [ 1.0, -3.5e+2, 6.626e-34, inf, -inf, +nan, 1e10, 0.0, 1_0.0_1 ]
        nested = [ [1, 2], ["a", 'b'], [ { x = 1 } ], ]
        "dotted"."key" = true
        a.b.c = false
        empty = {}
        none = []
        [tbl . "sub"]
        esc = "tab\\t uni\\u00e9 \\U0001F600 \\\\ \\" end"
        [[arr]]
        k = 1\r
        [[arr]]
        k = 2
        """
    try TOMLSyntax.check(text)
    #expect(try TOMLTable(string: text)["arr"]?.array?.count == 2)
}

@Test func syntaxCheckRejectsWhatTOMLForbids() {
    for text in [
        "x = 01", "x = 1__0", "x = 0x", "x = 1.", "x = .5", "x = tru", "x = \"open", "x = 'open", "x = \"\\q\"",
        "x = { a = 1,\n b = 2 }", "x = { a = 1, }", "[a", "[[a]", "= 1", "x = 1 2", "x = \"\\uD800\"", "x =",
        "a b = 1", "x = 1\ry = 2", "x = \"\"\"never closed",
    ] {
        #expect(throws: TOMLSyntax.Failure.self, "\(text)") { try TOMLSyntax.check(text) }
    }
}

/// Found by libFuzzer (scripts/fuzz.sh scene): a key dotted 70 deep was accepted, kept as an
/// unknown key, and saved as inline tables nested 70 deep, which the check then refused —
/// a scene that saves into a file it cannot read. Deep keys are now refused on reading.
@Test func keysDottedDeeperThanTheNestingLimitAreRefusedSoEverySavedSceneReadsBack() throws {
    let deepKey = (0..<70).map { "k\($0)" }.joined(separator: ".")
    for text in ["\(deepKey) = 1\n[[layers]]\nsound = \"rain\"\n", "[[layers]]\nsound = \"rain\"\n[\(deepKey)]\nx = 1\n"] {
        #expect(throws: TOMLSyntax.Failure.self, "\(text)") { try TOMLSyntax.check(text) }
    }
    // Up to the limit, a scene with a dotted unknown key saves and reads back unchanged.
    let keptKey = (0..<60).map { "k\($0)" }.joined(separator: ".")
    let loaded = try SceneFile.parse(
        "\(keptKey) = [1]\n[[layers]]\nsound = \"rain\"\n", path: "s.toml", catalog: TestThemes.catalog)
    let reloaded = try SceneFile.parse(SceneFile.text(of: loaded.scene), path: "s.toml", catalog: TestThemes.catalog)
    #expect(reloaded.scene == loaded.scene)
}
