/// Boxes drawn over the mixer: help, the sound and scene lists, and the
/// small editors for a scene's name and the timer.
enum OverlayLayout {
    static func draw(_ state: ViewState, on screen: inout ScreenModel, glyphs: Glyphs) {
        switch state.mode {
        case .mixer, .editingPrompt: return
        case .help: drawHelp(on: &screen)
        case .addingSound(let picker), .openingScene(let picker):
            drawPicker(picker, on: &screen, glyphs: glyphs)
        case .namingScene(let editor):
            drawEditor(editor, title: "Save scene", note: "letters, digits, - and _", on: &screen)
        case .settingTimer(let editor):
            let fade = Format.clock(state.timerFadeSeconds)
            drawEditor(
                editor, title: "Timer", note: "minutes; fades out over \(fade) at the end", on: &screen)
        }
    }

    /// A framed box centred on the screen; returns its inner rectangle.
    private static func box(
        title: String, contentWidth: Int, contentHeight: Int, on screen: inout ScreenModel
    ) -> (row: Int, column: Int, width: Int, height: Int) {
        let width = min(screen.width - 2, contentWidth + 4)
        let height = min(screen.height - 2, contentHeight + 2)
        let top = max(0, (screen.height - height) / 2)
        let left = max(0, (screen.width - width) / 2)
        for row in top..<(top + height) {
            screen.fill(row: row, column: left, count: width, style: .overlay)
        }
        let heading = " " + DisplayWidth.truncate(title, to: width - 4) + " "
        screen.write(heading, row: top, column: left + 1, style: .title)
        return (top + 1, left + 2, width - 4, height - 2)
    }

    private static func drawHelp(on screen: inout ScreenModel) {
        let bindings = KeyMap.bindings
        let labelWidth = (bindings.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        let summaryWidth = bindings.map { DisplayWidth.of($0.summary) }.max() ?? 0
        let inner = box(
            title: "Keys", contentWidth: labelWidth + summaryWidth, contentHeight: bindings.count,
            on: &screen)
        for (offset, binding) in bindings.prefix(inner.height).enumerated() {
            let row = inner.row + offset
            screen.write(binding.label, row: row, column: inner.column, style: .title)
            screen.write(
                binding.summary, row: row, column: inner.column + labelWidth, style: .overlay,
                limit: inner.width - labelWidth)
        }
    }

    private static func drawPicker(_ picker: Picker, on screen: inout ScreenModel, glyphs: Glyphs) {
        let titleWidth = (picker.items.map { DisplayWidth.of($0.title) }.max() ?? 0) + 2
        let detailWidth = picker.items.map { DisplayWidth.of($0.detail) }.max() ?? 0
        let inner = box(
            title: picker.title, contentWidth: max(30, 2 + titleWidth + detailWidth),
            contentHeight: max(1, picker.items.count), on: &screen)
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
                item.title, row: row, column: inner.column + 2, style: style, limit: inner.width - 2)
            if 2 + titleWidth < inner.width {
                screen.write(
                    item.detail, row: row, column: inner.column + 2 + titleWidth,
                    style: isSelected ? style : .dim, limit: inner.width - 2 - titleWidth)
            }
        }
    }

    private static func drawEditor(
        _ editor: LineEditor, title: String, note: String, on screen: inout ScreenModel
    ) {
        let inner = box(
            title: title, contentWidth: max(40, DisplayWidth.of(note)), contentHeight: 3, on: &screen)
        let label = editor.label + ": "
        let start = screen.write(label, row: inner.row, column: inner.column, style: .overlay)
        let (text, cursorColumn) = MixerLayout.visibleSlice(
            of: editor, width: inner.column + inner.width - start - 1)
        screen.write(text, row: inner.row, column: start, style: .overlaySelected)
        screen.fill(
            row: inner.row, column: start + DisplayWidth.of(text),
            count: inner.column + inner.width - start - DisplayWidth.of(text), style: .overlaySelected)
        screen.write(
            note, row: inner.row + 2, column: inner.column, style: .overlay, limit: inner.width)
        screen.cursor = (inner.row, start + cursorColumn)
    }
}
