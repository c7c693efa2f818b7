import Testing

@testable import SoundscapeTUI

@Suite struct KeyDecodingTests {
    @Test func testTerminalCharactersBecomeKeys() {
        #expect(CursesKeyDecoder.decode(character: 13) == .enter)
        #expect(CursesKeyDecoder.decode(character: 10) == .enter)
        #expect(CursesKeyDecoder.decode(character: 27) == .escape)
        #expect(CursesKeyDecoder.decode(character: 127) == .backspace)
        #expect(CursesKeyDecoder.decode(character: 21) == .control("u"))
        #expect(CursesKeyDecoder.decode(character: 0x6A) == .character("j"))
        #expect(CursesKeyDecoder.decode(character: 0xE9) == .character("é"), "typed accents reach the prompt editor")
        #expect(CursesKeyDecoder.decode(character: 0x96E8) == .character("雨"))
    }
}
