import AudioEngine
import Scenes

/// Lays the mixer out into a `ScreenModel`: a pure function of the view
/// state and the terminal size, so every screen can be tested as text.
///
/// ```
///  Soundscape  a quiet library on a rainy afternoon, distant thunder
///
///    LAYER        VARIANT        WEIGHT             INTENSITY          LEVEL
///  ▶ rain         window     ▕██████▌   ▏ 0.65  ▕████      ▏ 0.40  ▕███▌      ▏ -23 dBFS
///    ...
///    master                  ▕████████  ▏  80%                     ▕██████    ▏ -23 LUFS
///
///  default · 40 ms · ring 0.42 s · cpu 2.1% · xruns 0 · timer 24:13
///  ? help  q quit  j/k select  h/l weight  H/L intensity ...
/// ```
public enum MixerLayout {
    /// Rows above the first layer: prompt, blank, headings.
    static let layerTop = 3
    /// Rows below the layers: blank, master, message, status, hints.
    static let rowsBelowLayers = 5

    /// The screen for `state` on a `width`×`height` terminal.
    public static func render(_ state: ViewState, width: Int, height: Int, glyphs: Glyphs) -> ScreenModel {
        var frames = MixerFrames()
        return frames.render(state, width: width, height: height, glyphs: glyphs)
    }

    /// Whether a `width`×`height` terminal has room for the mixer.
    static func fits(width: Int, height: Int) -> Bool {
        width >= LayerColumns.minimumWidth && height >= layerTop + rowsBelowLayers + 1
    }

    /// What a terminal too small for the mixer shows.
    static func tooSmall(width: Int, height: Int) -> ScreenModel {
        var screen = ScreenModel(width: width, height: height)
        screen.write("Soundscape: terminal too small", row: 0, column: 0, style: .warning)
        screen.write("(needs \(LayerColumns.minimumWidth)×\(layerTop + rowsBelowLayers + 1))", row: 1, column: 0)
        return screen
    }

    /// The part of `state` the still screen shows: everything but the readings (levels,
    /// loudness, the status line's fields), so two frames that differ only in what the
    /// meters and the status line show have the same still part.
    static func stillPart(of state: ViewState) -> ViewState {
        var still = state
        var status = EngineStatus()
        status.soloLayer = state.status.soloLayer
        still.status = status
        return still
    }

    /// Everything that stands still while the mix plays: prompt, headings, layer names,
    /// bars and marks, the master's bar, the message and the hints. The meters' cells and
    /// the status row are left blank for `drawReadings`. Reads only `stillPart(of:)`.
    static func layOutStill(_ state: ViewState, width: Int, height: Int, glyphs: Glyphs) -> ScreenModel {
        var screen = ScreenModel(width: width, height: height)
        let columns = LayerColumns(width: width)
        drawPromptLine(state, on: &screen, glyphs: glyphs)
        drawHeadings(columns, on: &screen)
        let lastLayerRow = drawLayers(state, columns: columns, on: &screen, glyphs: glyphs)
        drawMaster(state, row: lastLayerRow + 2, columns: columns, on: &screen, glyphs: glyphs)
        if let message = state.message {
            screen.write(
                " " + message.text, row: height - 3, column: 0, style: message.isError ? .warning : .normal)
        }
        screen.write(
            " " + BottomLines.hintLine(for: state.mode, width: width, height: height), row: height - 1, column: 0,
            style: .dim)
        return screen
    }

    /// What moves while the mix plays, drawn onto the still screen: each ready layer's
    /// level meter, the master's loudness meter and the status line.
    static func drawReadings(_ state: ViewState, on screen: inout ScreenModel, glyphs: Glyphs) {
        let columns = LayerColumns(width: screen.width)
        let layers = state.scene.layers
        let (first, last) = visibleLayers(state, height: screen.height)
        if let meterColumn = columns.meterColumn {
            for index in first..<last {
                let preparation = index < state.preparations.count ? state.preparations[index] : .ready
                guard preparation == .ready else { continue }
                let level = index < state.status.layerLevels.count ? state.status.layerLevels[index] : 0
                drawMeter(
                    level, column: meterColumn, width: columns.meterBarWidth, row: layerTop + index - first,
                    on: &screen, glyphs: glyphs)
            }
            // The mix reads as loudness (what the ear hears, BS.1770 short-term), not peak.
            let lastLayerRow = layers.isEmpty ? layerTop : layerTop + last - first - 1
            let lufs = state.status.shortTermLoudness
            let style: TextStyle = lufs > -14 ? .meterHigh : (lufs > -30 ? .meterMid : .meterLow)
            drawMeterBar(
                Format.loudnessFraction(lufs), label: Format.loudnessLabel(lufs, glyphs: glyphs), style: style,
                column: meterColumn, width: columns.meterBarWidth, row: lastLayerRow + 2, on: &screen,
                glyphs: glyphs)
        }
        BottomLines.drawStatus(state, row: screen.height - 2, on: &screen, glyphs: glyphs)
    }

    /// The first visible layer and the one after the last: the list scrolls to keep the selection in view.
    private static func visibleLayers(_ state: ViewState, height: Int) -> (first: Int, last: Int) {
        let count = state.scene.layers.count
        let visible = visibleLayerCount(height: height)
        let first = max(0, min(state.selectedLayer - visible + 1, count - visible))
        return (first, min(count, first + visible))
    }

    /// Layer rows that fit on a screen `height` rows tall.
    public static func visibleLayerCount(height: Int) -> Int {
        max(1, height - layerTop - rowsBelowLayers)
    }

    private static func drawPromptLine(
        _ state: ViewState, on screen: inout ScreenModel, glyphs: Glyphs
    ) {
        let x = screen.write(" Soundscape ", row: 0, column: 0, style: .title) + 1
        if case .editingPrompt(let editor) = state.mode {
            let label = "prompt: "
            let start = screen.write(label, row: 0, column: x, style: .dim)
            let (text, cursorColumn) = visibleSlice(of: editor, width: screen.width - start - 1)
            screen.write(text, row: 0, column: start, style: .prompt)
            screen.cursor = (0, start + cursorColumn)
        } else if state.scene.prompt.isEmpty {
            screen.write("(no prompt — press / to describe a place)", row: 0, column: x, style: .dim)
        } else {
            screen.write(
                DisplayWidth.truncate(state.scene.prompt, to: screen.width - x - 1, ellipsis: glyphs.ellipsis),
                row: 0, column: x, style: .prompt)
        }
    }

    /// The part of an edited line that fits in `width` columns, scrolled so
    /// the cursor stays visible, and the cursor's column within it.
    static func visibleSlice(of editor: LineEditor, width: Int) -> (String, Int) {
        let characters = editor.text
        var start = 0
        while start < editor.cursor,
            DisplayWidth.of(String(characters[start..<editor.cursor])) >= width
        {
            start += 1
        }
        var text = ""
        var used = 0
        for character in characters[start...] {
            let cellWidth = DisplayWidth.of(character)
            if used + cellWidth > width { break }
            text.append(character)
            used += cellWidth
        }
        return (text, DisplayWidth.of(String(characters[start..<editor.cursor])))
    }

    private static func drawHeadings(_ columns: LayerColumns, on screen: inout ScreenModel) {
        let row = layerTop - 1
        screen.write("LAYER", row: row, column: columns.nameColumn, style: .dim)
        if let variantColumn = columns.variantColumn {
            screen.write("VARIANT", row: row, column: variantColumn, style: .dim)
        }
        screen.write("WEIGHT", row: row, column: columns.weightColumn + 1, style: .dim)
        screen.write("INTENSITY", row: row, column: columns.intensityColumn + 1, style: .dim)
        if let meterColumn = columns.meterColumn {
            screen.write("LEVEL", row: row, column: meterColumn + 1, style: .dim)
        }
    }

    /// Draws the visible layers; returns the last row used.
    private static func drawLayers(
        _ state: ViewState, columns: LayerColumns, on screen: inout ScreenModel, glyphs: Glyphs
    ) -> Int {
        let layers = state.scene.layers
        guard !layers.isEmpty else {
            screen.write(
                "no layers — press a to add a sound, / to describe a place, o to open a scene",
                row: layerTop,
                column: LayerColumns.markerWidth, style: .dim)
            return layerTop
        }
        let (first, last) = visibleLayers(state, height: screen.height)
        for index in first..<last {
            let row = layerTop + index - first
            drawLayer(state, index: index, row: row, columns: columns, on: &screen, glyphs: glyphs)
        }
        // Say that the list scrolls, above and below it, without covering a row.
        if first > 0 {
            screen.write("↑ \(first) more", row: layerTop - 1, column: 0, style: .dim, limit: 1)
        }
        if last < layers.count {
            screen.write(
                "↓ \(layers.count - last) more", row: layerTop + last - first,
                column: LayerColumns.markerWidth,
                style: .dim)
        }
        return layerTop + last - first - 1
    }

    private static func drawLayer(
        _ state: ViewState, index: Int, row: Int, columns: LayerColumns, on screen: inout ScreenModel,
        glyphs: Glyphs
    ) {
        let layer = state.scene.layers[index]
        let isSelected = index == state.selectedLayer
        let isSilenced = layer.muted || (state.soloLayer != nil && state.soloLayer != index)
        if isSelected { screen.write(glyphs.selectionMarker, row: row, column: 0, style: .selected) }
        let nameStyle: TextStyle = isSelected ? .selected : (isSilenced ? .dim : .normal)
        screen.write(
            DisplayWidth.pad(layer.sound, to: LayerColumns.nameWidth, ellipsis: glyphs.ellipsis), row: row,
            column: columns.nameColumn,
            style: nameStyle)
        if let variantColumn = columns.variantColumn {
            let variant = layer.variant ?? state.defaultVariants[layer.sound] ?? ""
            screen.write(
                DisplayWidth.truncate(variant, to: LayerColumns.variantWidth, ellipsis: glyphs.ellipsis), row: row,
                column: variantColumn,
                style: isSilenced ? .dim : .normal)
        }
        if layer.muted { screen.write("M", row: row, column: columns.marksColumn, style: .mark) }
        if state.soloLayer == index {
            screen.write("S", row: row, column: columns.marksColumn + 2, style: .mark)
        }
        drawBar(
            layer.weight, label: Format.fraction(layer.weight), column: columns.weightColumn,
            width: columns.weightBarWidth, row: row, style: isSilenced ? .dim : .weightBar, on: &screen,
            glyphs: glyphs)
        let preparation = index < state.preparations.count ? state.preparations[index] : .ready
        // A layer that does not play yet says so where its level would be (or,
        // on a narrow screen without meters, where its intensity would be).
        let notice: (text: String, style: TextStyle)? =
            switch preparation {
            case .ready: nil
            case .preparing: ("preparing" + glyphs.ellipsis, .dim)
            case .failed: ("can't play", .warning)
            }
        if let notice, columns.meterColumn == nil {
            let room = screen.width - columns.intensityColumn
            screen.write(
                DisplayWidth.truncate(notice.text, to: room, ellipsis: glyphs.ellipsis), row: row,
                column: columns.intensityColumn, style: notice.style)
            return
        }
        drawBar(
            layer.intensity, label: Format.fraction(layer.intensity), column: columns.intensityColumn,
            width: columns.intensityBarWidth, row: row, style: isSilenced ? .dim : .intensityBar,
            on: &screen,
            glyphs: glyphs)
        if let meterColumn = columns.meterColumn {
            // A ready layer's meter is a reading (`drawReadings`).
            if let notice { screen.write(notice.text, row: row, column: meterColumn + 1, style: notice.style) }
        }
    }

    private static func drawMaster(
        _ state: ViewState, row: Int, columns: LayerColumns, on screen: inout ScreenModel,
        glyphs: Glyphs
    ) {
        screen.write("master", row: row, column: columns.nameColumn, style: .title)
        drawBar(
            state.scene.master, label: " " + Format.percent(state.scene.master),
            column: columns.weightColumn,
            width: columns.weightBarWidth, row: row, style: .weightBar, on: &screen, glyphs: glyphs)
    }

    private static func drawBar(
        _ value: Float, label: String, column: Int, width: Int, row: Int, style: TextStyle,
        on screen: inout ScreenModel, glyphs: Glyphs
    ) {
        var x = screen.write(glyphs.barOpen, row: row, column: column, style: .dim)
        x = screen.write(glyphs.bar(value, width: width), row: row, column: x, style: style)
        x = screen.write(glyphs.barClose, row: row, column: x, style: .dim)
        screen.write(String(label.suffix(LayerColumns.valueWidth - 1)), row: row, column: x + 1)
    }

    private static func drawMeter(
        _ level: Float, column: Int, width: Int, row: Int, on screen: inout ScreenModel, glyphs: Glyphs
    ) {
        let dB = Format.decibels(level)
        let style: TextStyle = dB > -6 ? .meterHigh : (dB > -18 ? .meterMid : .meterLow)
        drawMeterBar(
            Format.meterFraction(level), label: Format.decibelLabel(level, glyphs: glyphs), style: style,
            column: column, width: width, row: row, on: &screen, glyphs: glyphs)
    }

    private static func drawMeterBar(
        _ fraction: Float, label: String, style: TextStyle, column: Int, width: Int, row: Int,
        on screen: inout ScreenModel, glyphs: Glyphs
    ) {
        var x = screen.write(glyphs.barOpen, row: row, column: column, style: .dim)
        x = screen.write(glyphs.bar(fraction, width: width), row: row, column: x, style: style)
        x = screen.write(glyphs.barClose, row: row, column: x, style: .dim)
        screen.write(
            String(repeating: " ", count: max(0, LayerColumns.decibelWidth - 1 - DisplayWidth.of(label)))
                + label,
            row: row, column: x + 1)
    }
}
