import Testing

@testable import SoundscapeTUI

@Suite struct LineEditorTests {
    @Test func testTypingInsertsAtTheCursor() {
        var editor = LineEditor(label: "prompt", text: "rain")
        _ = editor.handle(.home)
        for key in Key.typing("cold ") { _ = editor.handle(key) }
        #expect(editor.string == "cold rain")
    }

    @Test func testBackspaceDeleteAndWordErase() {
        var editor = LineEditor(label: "prompt", text: "quiet rainy library")
        _ = editor.handle(.control("w"))
        #expect(editor.string == "quiet rainy ")
        _ = editor.handle(.backspace)
        _ = editor.handle(.home)
        _ = editor.handle(.delete)
        #expect(editor.string == "uiet rainy")
        _ = editor.handle(.end)
        _ = editor.handle(.control("u"))
        #expect(editor.string == "")
    }

    @Test func testEnterSubmitsAndEscapeCancels() {
        var editor = LineEditor(label: "prompt", text: "café")
        #expect(editor.handle(.enter) == .submitted("café"))
        #expect(editor.handle(.escape) == .cancelled)
    }

    @Test func testControlCharactersAreNotInserted() {
        var editor = LineEditor(label: "name")
        editor.insert("\u{7}")
        editor.insert("\n")
        #expect(editor.string == "")
    }
}
