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

    /// A picker's list as rows: a heading wherever the group changes, then its entries.
    private enum PickerRow {
        case heading(String)
        case item(Picker.Item, visibleIndex: Int)
    }

    private static func pickerRows(_ visible: [Picker.Item]) -> [PickerRow] {
        var rows: [PickerRow] = []
        var group = ""
        for (index, item) in visible.enumerated() {
            if item.group != group, !item.group.isEmpty { rows.append(.heading(item.group)) }
            group = item.group
            rows.append(.item(item, visibleIndex: index))
        }
        return rows
    }

    private static func drawPicker(_ picker: Picker, on screen: inout ScreenModel, glyphs: Glyphs) {
        let titleWidth = (picker.items.map { DisplayWidth.of($0.title) }.max() ?? 0) + 2
        let detailWidth = picker.items.map { DisplayWidth.of($0.detail) }.max() ?? 0
        let visible = picker.visibleItems
        let rows = pickerRows(visible)
        let filterRows = picker.isFilterable ? 1 : 0
        // The box keeps the size of the whole list while it is filtered, so it does not jump as one types.
        let inner = box(
            title: picker.title, contentWidth: max(30, 2 + titleWidth + detailWidth),
            contentHeight: filterRows + max(1, pickerRows(picker.items).count), on: &screen, glyphs: glyphs)
        if picker.isFilterable {
            let prompt = picker.filter.isEmpty ? "type to filter" : "filter: " + picker.filter
            let end = screen.write(
                DisplayWidth.truncate(prompt, to: inner.width - 1, ellipsis: glyphs.ellipsis), row: inner.row,
                column: inner.column, style: picker.filter.isEmpty ? .dim : .overlaySelected)
            if !picker.filter.isEmpty { screen.cursor = (inner.row, end) }
        }
        let listTop = inner.row + filterRows
        let listHeight = inner.height - filterRows
        guard !visible.isEmpty, listHeight > 0 else {
            let note = picker.items.isEmpty ? "(nothing to choose)" : "(nothing matches; Backspace or Esc)"
            screen.write(note, row: listTop, column: inner.column, style: .overlay)
            return
        }
        let selectedRow = rows.firstIndex {
            if case .item(_, let index) = $0 { return index == picker.selection }
            return false
        } ?? 0
        // Keep the selection in view, and its group's heading with it when there is room.
        let first = max(0, min(selectedRow - listHeight + 1, rows.count - listHeight))
        for (offset, entry) in rows[first...].prefix(listHeight).enumerated() {
            let row = listTop + offset
            switch entry {
            case .heading(let group):
                screen.write(
                    DisplayWidth.truncate(group.uppercased(), to: inner.width, ellipsis: glyphs.ellipsis), row: row,
                    column: inner.column, style: .title)
            case .item(let item, let index):
                let isSelected = index == picker.selection
                let style: TextStyle = isSelected ? .overlaySelected : .overlay
                if isSelected {
                    screen.fill(row: row, column: inner.column, count: inner.width, style: style)
                }
                screen.write(isSelected ? glyphs.listMarker : " ", row: row, column: inner.column, style: style)
                screen.write(
                    DisplayWidth.truncate(item.title, to: inner.width - 2, ellipsis: glyphs.ellipsis), row: row,
                    column: inner.column + 2, style: style)
                if 2 + titleWidth < inner.width {
                    screen.write(
                        DisplayWidth.truncate(
                            item.detail, to: inner.width - 2 - titleWidth, ellipsis: glyphs.ellipsis),
                        row: row, column: inner.column + 2 + titleWidth, style: isSelected ? style : .dim)
                }
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
