/// Boxes drawn over the mixer: help, the sound and scene lists, and the
/// small editors for a scene's name and the timer.
enum OverlayLayout {
    static func draw(_ state: ViewState, on screen: inout ScreenModel, glyphs: Glyphs) {
        switch state.mode {
        case .mixer, .editingPrompt: return
        case .help(let scroll): drawHelp(scroll: scroll, on: &screen, glyphs: glyphs)
        case .addingSound(let picker), .openingScene(let picker):
            drawPicker(picker, on: &screen, glyphs: glyphs)
        case .namingScene(let editor):
            drawEditor(
                editor, title: "Save scene", note: "letters, digits, - and _", on: &screen, glyphs: glyphs)
        case .settingTimer(let editor):
            let fade = Format.clock(state.timerFadeSeconds)
            drawEditor(
                editor, title: "Timer", note: "minutes; fades out over \(fade) at the end", on: &screen,
                glyphs: glyphs)
        }
    }

    /// A framed box centred on the screen, never past its edges; returns its
    /// inner rectangle. It keeps a row free above and below unless
    /// `fullHeight`. It spans the screen's width when asked to, or when it
    /// would leave only a few columns of the mixer showing either side, which
    /// read as stray characters rather than as the screen underneath.
    private static func box(
        title: String, contentWidth: Int, contentHeight: Int, fullHeight: Bool = false,
        fullWidth: Bool = false, on screen: inout ScreenModel, glyphs: Glyphs
    ) -> (row: Int, column: Int, width: Int, height: Int) {
        let spansWidth = fullWidth || contentWidth + 4 > screen.width - 8
        let width = spansWidth ? screen.width : contentWidth + 4
        let height = min(screen.height - (fullHeight ? 0 : 2), contentHeight + 2)
        let top = max(0, (screen.height - height) / 2)
        let left = max(0, (screen.width - width) / 2)
        for row in top..<(top + height) {
            screen.fill(row: row, column: left, count: width, style: .overlay)
        }
        let heading = " " + DisplayWidth.truncate(title, to: width - 4, ellipsis: glyphs.ellipsis) + " "
        screen.write(heading, row: top, column: left + 1, style: .title)
        return (top + 1, left + 2, width - 4, height - 2)
    }

    private static func drawHelp(scroll: Int, on screen: inout ScreenModel, glyphs: Glyphs) {
        let bindings = KeyMap.bindings
        let layout = HelpLayout(width: screen.width, height: screen.height, bindings: bindings)
        let inner = box(
            title: "Keys", contentWidth: layout.contentWidth, contentHeight: layout.contentHeight,
            fullHeight: layout.usesFullHeight, fullWidth: layout.usesFullWidth, on: &screen, glyphs: glyphs)
        let first = layout.clamped(scroll)
        let shown = bindings.dropFirst(first).prefix(layout.visibleCount)
        for (offset, binding) in shown.enumerated() {
            let column = offset / layout.rowsPerColumn
            let row = inner.row + offset % layout.rowsPerColumn
            let x = inner.column + column * (layout.columnWidth + HelpLayout.columnGap)
            screen.write(binding.label, row: row, column: x, style: .title)
            screen.write(
                DisplayWidth.truncate(
                    binding.summary, to: layout.columnWidth - layout.labelWidth, ellipsis: glyphs.ellipsis),
                row: row, column: x + layout.labelWidth, style: .overlay)
        }
        if layout.scrolls {
            screen.write(
                DisplayWidth.truncate(
                    layout.footer(scroll: first, count: bindings.count), to: inner.width, ellipsis: glyphs.ellipsis),
                row: inner.row + layout.visibleRows, column: inner.column, style: .overlaySelected)
        }
    }

    private static func drawPicker(_ picker: Picker, on screen: inout ScreenModel, glyphs: Glyphs) {
        let titleWidth = (picker.items.map { DisplayWidth.of($0.title) }.max() ?? 0) + 2
        let detailWidth = picker.items.map { DisplayWidth.of($0.detail) }.max() ?? 0
        let inner = box(
            title: picker.title, contentWidth: max(30, 2 + titleWidth + detailWidth),
            contentHeight: max(1, picker.items.count), on: &screen, glyphs: glyphs)
        guard !picker.items.isEmpty else {
            screen.write("(nothing to choose)", row: inner.row, column: inner.column, style: .overlay)
            return
        }
        let first = max(0, min(picker.selection - inner.height + 1, picker.items.count - inner.height))
        for (offset, item) in picker.items[first...].prefix(inner.height).enumerated() {
            let row = inner.row + offset
            let isSelected = first + offset == picker.selection
            let style: TextStyle = isSelected ? .overlaySelected : .overlay
            if isSelected {
                screen.fill(row: row, column: inner.column, count: inner.width, style: style)
            }
            screen.write(
                isSelected ? glyphs.listMarker : " ", row: row, column: inner.column, style: style)
            screen.write(
                DisplayWidth.truncate(item.title, to: inner.width - 2, ellipsis: glyphs.ellipsis), row: row,
                column: inner.column + 2, style: style)
            if 2 + titleWidth < inner.width {
                screen.write(
                    DisplayWidth.truncate(item.detail, to: inner.width - 2 - titleWidth, ellipsis: glyphs.ellipsis),
                    row: row, column: inner.column + 2 + titleWidth, style: isSelected ? style : .dim)
            }
        }
    }

    private static func drawEditor(
        _ editor: LineEditor, title: String, note: String, on screen: inout ScreenModel, glyphs: Glyphs
    ) {
        let inner = box(
            title: title, contentWidth: max(40, DisplayWidth.of(note)), contentHeight: 3, on: &screen,
            glyphs: glyphs)
        let label = editor.label + ": "
        let start = screen.write(label, row: inner.row, column: inner.column, style: .overlay)
        let (text, cursorColumn) = MixerLayout.visibleSlice(
            of: editor, width: inner.column + inner.width - start - 1)
        screen.write(text, row: inner.row, column: start, style: .overlaySelected)
        screen.fill(
            row: inner.row, column: start + DisplayWidth.of(text),
            count: inner.column + inner.width - start - DisplayWidth.of(text), style: .overlaySelected)
        screen.write(
            DisplayWidth.truncate(note, to: inner.width, ellipsis: glyphs.ellipsis), row: inner.row + 2,
            column: inner.column, style: .overlay)
        screen.cursor = (inner.row, start + cursorColumn)
    }
}
