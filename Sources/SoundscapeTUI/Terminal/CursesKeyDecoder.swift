import CNcursesw

/// Turns what `get_wch` returns into a `Key`.
enum CursesKeyDecoder {
    /// A character `get_wch` returned (status OK).
    static func decode(character value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A function-key code `get_wch` returned (status KEY_CODE_YES).
    static func decode(keyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case Int32(shim_key_resize()): return .resize
        default:
            for number in 1...12 where code == Int32(shim_key_f(Int32(number))) {
                return .function(number)
            }
            return nil
        }
    }
}
