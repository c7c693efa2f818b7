import CNcursesw

#if canImport(Glibc)
    import Glibc
#endif

/// The only code that talks to ncurses: it sets the terminal up, copies a
/// `ScreenModel` onto it, reads keys, and puts the terminal back.
///
/// A frame writes only the cells that differ from the screen shown (a playing mixer's
/// meters change a few cells ten times a second; the rest stands still), then `refresh`;
/// ncurses sends only those, so nothing flickers.
final class Terminal {
    /// Block elements in a UTF-8 locale, ASCII otherwise.
    let glyphs: Glyphs
    private var attributes: [TextStyle: Int32] = [:]
    private var isEnded = false
    /// What the terminal shows now; nil when unknown (before the first draw, after a repaint).
    private var shown: ScreenModel?

    /// Switches the terminal to the mixer's mode: no echo, keys unbuffered
    /// (Ctrl-C and Ctrl-Z still signal), keypad decoding, hidden cursor.
    init(useColor: Bool) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TUIError.notATerminal }
        glyphs = shim_setlocale_is_utf8() == 1 ? .unicode : .ascii
        guard shim_newterm() != nil else {
            throw TUIError.unknownTerminal(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        cbreak()
        noecho()
        nonl()
        _ = shim_keypad_on()
        // Esc alone must close a dialog at once, not after ncurses' default second.
        _ = shim_set_escdelay(25)
        _ = shim_curs_set(0)
        _ = shim_typeahead_off()
        setUpStyles(useColor: useColor && has_colors())
        // One write per frame rather than one per changed run (see the shim).
        _ = shim_enter_buffered_output()
    }

    deinit { end() }

    /// Columns and rows of the terminal now.
    var size: (width: Int, height: Int) {
        (Int(shim_getmaxx(shim_stdscr())), Int(shim_getmaxy(shim_stdscr())))
    }

    /// Shows `screen`, unless it is what the terminal shows already; returns whether it drew.
    /// Only the cells that changed are written (`ScreenDiff`): curses would send only the
    /// changed cells anyway, but handing it every row each frame costs CPU too.
    @discardableResult
    func draw(_ screen: ScreenModel) -> Bool {
        if screen == shown { return false }
        let diff = ScreenDiff.between(shown, screen)
        shown = screen
        if diff.erasesFirst { _ = shim_erase() }
        for write in diff.writes {
            _ = shim_attrset(attributes[write.style] ?? 0)
            _ = shim_mvaddstr(Int32(write.row), Int32(write.column), write.text)
        }
        _ = shim_attrset(shim_a_normal())
        if let cursor = screen.cursor {
            _ = shim_curs_set(1)
            _ = shim_move(Int32(cursor.row), Int32(cursor.column))
        } else {
            _ = shim_curs_set(0)
        }
        _ = shim_refresh()
        return true
    }

    /// Waits until a key may be read, one of `descriptors` is readable (negative ones are
    /// left out), a resize arrives, or `timeoutMilliseconds` pass. Keys are read after every
    /// key until none is left, so none waits inside curses while this sleeps.
    func waitForInput(timeoutMilliseconds: Int, orReadable descriptors: [Int32]) {
        var polled = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        for descriptor in descriptors { polled.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&polled, nfds_t(polled.count), Int32(max(0, timeoutMilliseconds)))
    }

    /// The next key, waiting at most `timeoutMilliseconds` (0: don't wait).
    func readKey(timeoutMilliseconds: Int) -> Key? {
        _ = shim_timeout(Int32(max(0, timeoutMilliseconds)))
        var value: wint_t = 0
        let status = shim_get_wch(&value)
        if status == shim_err() { return nil }
        if status == shim_key_code_yes() {
            return CursesKeyDecoder.decode(keyCode: Int32(bitPattern: value))
        }
        return CursesKeyDecoder.decode(character: UInt32(value))
    }

    /// Ctrl-Z: gives the terminal back to the shell and stops the process;
    /// when the shell continues it, takes the terminal again and repaints.
    func suspend() {
        endwin()
        // SIGSTOP cannot be caught, so the process stops here for sure; the
        // shell reports it as a stopped job just as for Ctrl-Z.
        kill(getpid(), SIGSTOP)
        repaintAll()
    }

    /// Redraws every cell on the next refresh (after a resume, or when
    /// something else wrote to the terminal).
    func repaintAll() {
        shown = nil
        _ = shim_clearok_curscr()
        _ = shim_refresh()
    }

    /// Puts the terminal back as it was; safe to call more than once.
    func end() {
        guard !isEnded else { return }
        isEnded = true
        _ = shim_curs_set(1)
        endwin()
    }

    private func setUpStyles(useColor: Bool) {
        let bold = Int32(shim_a_bold())
        let dim = Int32(shim_a_dim())
        let reverse = Int32(shim_a_reverse())
        attributes = [
            .normal: 0, .title: bold, .prompt: bold, .selected: reverse | bold, .dim: dim,
            .weightBar: 0, .intensityBar: 0, .meterLow: 0, .meterMid: 0, .meterHigh: bold,
            .mark: bold, .warning: bold, .overlay: reverse, .overlaySelected: bold,
        ]
        guard useColor, start_color() == OK else { return }
        // -1 keeps the terminal's own background (and foreground), so the
        // mixer follows a light or dark theme instead of painting over it.
        let background: Int32 = use_default_colors() == OK ? -1 : Int32(COLOR_BLACK)
        let colored: [(TextStyle, Int32, Int32)] = [
            (.prompt, Int32(COLOR_CYAN), bold),
            (.weightBar, Int32(COLOR_CYAN), 0),
            (.intensityBar, Int32(COLOR_YELLOW), 0),
            (.meterLow, Int32(COLOR_GREEN), 0),
            (.meterMid, Int32(COLOR_YELLOW), 0),
            (.meterHigh, Int32(COLOR_RED), bold),
            (.mark, Int32(COLOR_MAGENTA), bold),
            (.warning, Int32(COLOR_RED), bold),
        ]
        for (pair, entry) in colored.enumerated() {
            let number = Int32(pair + 1)
            _ = shim_init_pair(number, entry.1, background)
            attributes[entry.0] = Int32(shim_color_pair(number)) | entry.2
        }
    }
}
