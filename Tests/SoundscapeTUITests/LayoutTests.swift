import Testing

@testable import SoundscapeTUI
@testable import Scenes
import TestSupport

@Suite struct LayoutTests {
    func screen(_ state: ViewState, width: Int = 100, height: Int = 24, glyphs: Glyphs = .unicode)
        -> ScreenModel
    {
        MixerLayout.render(state, width: width, height: height, glyphs: glyphs)
    }

    func row(of sound: String, in screen: ScreenModel) -> String? {
        screen.lines.first { $0.dropFirst(2).hasPrefix(sound + " ") }
    }

    @Test func testPromptAndEveryLayerWithVariantAreShown() {
        let model = screen(ViewState(scene: rainyLibrary, defaultVariants: ["thunder": "storm"]))
        let lines = model.lines
        #expect(lines[0].contains("a quiet library on a rainy afternoon, distant thunder"))
        #expect(row(of: "rain", in: model)?.contains("window") == true)
        #expect(
            row(of: "thunder", in: model)?.contains("storm") == true, "a nil variant shows the default")
        #expect(row(of: "room-tone", in: model)?.contains("library") == true)
        #expect(row(of: "pages", in: model) != nil)
        #expect(lines.contains { $0.contains("master") && $0.contains("80%") })
    }

    @Test func testHeavierWeightDrawsLongerBar() {
        var state = ViewState(scene: rainyLibrary)
        let before = row(of: "rain", in: screen(state))!
        state.scene.layers[0].weight = 0.9
        let after = row(of: "rain", in: screen(state))!
        #expect(after.filter { $0 == "█" }.count > before.filter { $0 == "█" }.count)
        #expect(after.contains("0.90"))
    }

    @Test func testUnicodeBarsResolveEighthsOfACell() {
        #expect(Glyphs.unicode.bar(0.5, width: 2) == "█ ")
        #expect(Glyphs.unicode.bar(0.25, width: 1) == "▎")
        #expect(Glyphs.unicode.bar(1, width: 3) == "███")
        #expect(Glyphs.unicode.bar(0, width: 3) == "   ")
        #expect(Glyphs.unicode.bar(0.55, width: 10) == "█████▌    ")
    }

    @Test func testAsciiFallbackUsesOnlyAscii() {
        var state = ViewState(scene: rainyLibrary, soloLayer: 1)
        state.scene.layers[0].muted = true
        state.status.layerLevels = [0.5, 0.1, 0.05, 0]
        state.status.masterLevel = 0.4
        state.scene.prompt = "pluie fine — café"
        let text = screen(state, glyphs: .ascii).text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("[#######---"))
        #expect(text.contains("pluie fine - cafe"))
        state.mode = .help(scroll: 0)
        let help = screen(state, height: 30, glyphs: .ascii).text
        #expect(help.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(help.contains("k ^"))
        let tiny = screen(state, width: 20, height: 4, glyphs: .ascii).text
        #expect(tiny.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func testCutTextEndsInThreeDotsInAnAsciiLocale() {
        var state = ViewState(scene: rainyLibrary)
        state.preparations = [.preparing]
        let model = screen(state, width: 50, glyphs: .ascii)
        #expect(model.lines[0].hasSuffix("..."), "not a lone full stop: \(model.lines[0])")
        #expect(row(of: "rain", in: model)?.contains("prep") == true)
        #expect(screen(state, width: 100, glyphs: .ascii).text.contains("preparing..."))
    }

    @Test func testMuteAndSoloMarksAppearOnTheirRows() {
        var state = ViewState(scene: rainyLibrary, soloLayer: 2)
        state.scene.layers[1].muted = true
        let model = screen(state)
        #expect(row(of: "thunder", in: model)?.contains(" M ") == true)
        #expect(row(of: "room-tone", in: model)?.contains(" S ") == true)
        #expect(row(of: "rain", in: model)?.contains(" M ") == false)
    }

    @Test func testLevelMeterShowsEngineLevelInDecibels() {
        var state = ViewState(scene: rainyLibrary)
        state.status.layerLevels = [0.1, 0.001, 0, 1]
        let model = screen(state)
        #expect(row(of: "rain", in: model)?.hasSuffix("-20 dBFS") == true)
        #expect(row(of: "thunder", in: model)?.hasSuffix("-∞ dBFS") == true)
        #expect(row(of: "pages", in: model)?.hasSuffix(" 0 dBFS") == true)
    }

    @Test func testMasterMeterShowsTheMixesShortTermLoudness() {
        var state = ViewState(scene: rainyLibrary)
        state.status.masterLevel = 0.5
        state.status.shortTermLoudness = -23.4
        #expect(row(of: "master", in: screen(state))?.hasSuffix("-23 LUFS") == true)
        state.status.shortTermLoudness = -.infinity
        #expect(row(of: "master", in: screen(state))?.hasSuffix("-∞ LUFS") == true)
    }

    @Test func testStatusLineShowsDeviceLatencyRingCpuXrunsAndTimer() {
        var state = ViewState(scene: rainyLibrary)
        state.status.deviceName = "default"
        state.status.latencyMilliseconds = 40
        state.status.minimumRingFillSeconds = 0.42
        state.status.cpuPercent = 2.14
        state.status.xruns = 3
        state.status.timerRemainingSeconds = 125
        let status = screen(state).lines[23 - 1]
        for field in ["default", "latency 40 ms", "ring 0.42 s", "cpu 2.1%", "xruns 3", "timer 2:05"] {
            #expect(status.contains(field), "missing \(field) in \(status)")
        }
    }

    @Test func testAWaitForALostDeviceLeadsTheStatusLineAndReconnectionsAreCounted() {
        var state = ViewState(scene: rainyLibrary)
        state.status.deviceName = "default"
        state.status.isPaused = true
        state.status.isWaitingForDevice = true
        state.status.timerRemainingSeconds = 125
        #expect(!BottomLines.statusFields(state).contains { $0.text.hasPrefix("reconnected") }, "none yet")
        for width in [50, 80, 100] {
            let status = screen(state, width: width).lines[22]
            #expect(status.hasPrefix(" waiting for default"), "at \(width): \(status)")
            #expect(!status.contains("PAUSED") && status.contains("timer 2:05"), "at \(width): \(status)")
        }
        state.status.isWaitingForDevice = false
        state.status.isPaused = false
        state.status.reconnections = 2
        let status = screen(state).lines[22]
        #expect(!status.contains("waiting") && status.contains("reconnected 2"), "\(status)")
    }

    @Test func testTimerCountsInScaledMinutesAndShowsTheFade() {
        var state = ViewState(scene: rainyLibrary, timerFadeSeconds: 10, timeScale: 60)
        state.status.timerRemainingSeconds = 1
        #expect(BottomLines.timerField(state) == "timer 1:00")
        state.status.timerRemainingSeconds = 0.1
        #expect(BottomLines.timerField(state) == "fading 0:06")
        state.status.timerRemainingSeconds = nil
        #expect(BottomLines.timerField(state) == "no timer")
    }

    @Test func testEveryRowFitsAfterResize() {
        for (width, height) in [(40, 9), (60, 12), (80, 24), (132, 43), (250, 60)] {
            let model = screen(ViewState(scene: rainyLibrary), width: width, height: height)
            #expect(model.lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(model.lines.contains { $0.contains("rain") }, "no layers at \(width)×\(height)")
            #expect(model.lines[height - 1].contains("help"), "no hint line at \(width)×\(height)")
        }
    }

    @Test func testANarrowStatusLineDropsWholeFieldsButKeepsTheTimer() {
        var state = ViewState(scene: rainyLibrary)
        state.status.deviceName = "plughw:1,0"
        state.status.isPaused = true
        state.status.timerRemainingSeconds = 3725
        state.status.xruns = 12
        let fields = BottomLines.statusFields(state).map(\.text)
        for width in [40, 50, 64, 80, 100] {
            let status = screen(state, width: width, height: 24).lines[22]
            #expect(DisplayWidth.of(status) < width)
            #expect(status.contains("PAUSED") && status.contains("timer 1:02:05"), "at \(width): \(status)")
            let shown = status.dropFirst().components(separatedBy: " · ").dropFirst()
            #expect(shown.allSatisfy(fields.contains), "a field was cut at \(width): \(status)")
        }
        #expect(screen(state, width: 120, height: 24).lines[22].contains("ring 0.00 s"), "a wide screen shows all")
    }

    @Test func testTheHintLineShowsOnlyWholeHints() {
        let hints = BottomLines.hints(for: .mixer, width: 80, height: 24)
        for width in [40, 50, 80, 100, 200] {
            let line = screen(ViewState(scene: rainyLibrary), width: width, height: 24).lines[23]
            let shown = line.dropFirst().components(separatedBy: "  ")
            #expect(shown.allSatisfy(hints.contains), "a hint was cut at \(width): \(line)")
            #expect(shown.first == "? help")
        }
    }

    @Test func testEveryDialogFitsEverySizeAndStaysAsciiInAnAsciiLocale() {
        let picker = Picker(
            title: "Add a sound",
            items: SceneServices.builtInSounds().map { .init(title: $0.name, detail: $0.summary, value: $0.name) })
        let modes: [Mode] = [
            .mixer, .help(scroll: 0), .addingSound(picker), .settingTimer(LineEditor(label: "minutes")),
            .namingScene(LineEditor(label: "name", text: "evening")),
            .editingPrompt(LineEditor(label: "prompt", text: "rain")),
        ]
        for (width, height) in [(40, 9), (50, 12), (80, 24), (100, 30)] {
            for mode in modes {
                for glyphs in [Glyphs.unicode, .ascii] {
                    let model = screen(
                        ViewState(scene: rainyLibrary, mode: mode), width: width, height: height, glyphs: glyphs)
                    #expect(model.lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(mode) at \(width)×\(height)")
                    if !glyphs.isUnicode {
                        #expect(model.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(mode) at \(width)×\(height)")
                    }
                }
            }
        }
    }

    @Test func testALayerBeingPreparedSaysSoAtEveryWidth() {
        var state = ViewState(scene: rainyLibrary)
        state.preparations = [.ready, .preparing, .ready, .failed("no model")]
        for width in [40, 50, 80, 120] {
            let model = screen(state, width: width, height: 24)
            #expect(row(of: "thunder", in: model)?.contains("preparing…") == true, "at \(width)")
            #expect(row(of: "pages", in: model)?.contains("can't play") == true, "at \(width)")
            #expect(row(of: "rain", in: model)?.contains("preparing…") == false, "at \(width)")
            #expect(model.lines.allSatisfy { DisplayWidth.of($0) <= width })
        }
    }

    @Test func testWiderTerminalGetsLongerBars() {
        let narrow = row(of: "rain", in: screen(ViewState(scene: rainyLibrary), width: 80))!
        let wide = row(of: "rain", in: screen(ViewState(scene: rainyLibrary), width: 160))!
        #expect(wide.filter { $0 == "█" }.count > narrow.filter { $0 == "█" }.count)
    }

    @Test func testTinyTerminalSaysSoInsteadOfGarbling() {
        let model = screen(ViewState(scene: rainyLibrary), width: 30, height: 5)
        #expect(model.lines[0].contains("too small"))
    }

    @Test func testSelectedLayerStaysVisibleWhenLayersOverflow() {
        var scene = Scene()
        scene.layers = (0..<20).map { LayerSettings(sound: "layer\($0)") }
        let model = screen(ViewState(scene: scene, selectedLayer: 17), height: 12)
        #expect(model.lines.contains { $0.hasPrefix("▶ layer17") })
        #expect(!model.lines.contains { $0.contains("layer0 ") })
    }

    @Test func testHelpOverlayListsEveryKey() {
        let text = screen(ViewState(scene: rainyLibrary, mode: .help(scroll: 0)), width: 100, height: 30).text
        for binding in KeyMap.bindings {
            #expect(text.contains(binding.summary), "help misses \(binding.label)")
        }
    }

    /// The help screens a user can see at `width`×`height`: one per scroll position.
    func helpScreens(width: Int, height: Int) -> [ScreenModel] {
        let layout = HelpLayout(width: width, height: height)
        return (0...layout.maximumScroll).map {
            screen(ViewState(scene: rainyLibrary, mode: .help(scroll: $0)), width: width, height: height)
        }
    }

    @Test(arguments: [(80, 24), (60, 15), (40, 9)])
    func testHelpShowsEveryKeyWholeAndInsideTheScreen(width: Int, height: Int) {
        let screens = helpScreens(width: width, height: height)
        for model in screens {
            #expect(model.lines.allSatisfy { DisplayWidth.of($0) <= width })
        }
        // Whole: the label and the full summary on one row, never cut with "…".
        let seen = screens.flatMap(\.lines)
        for binding in KeyMap.bindings {
            #expect(
                seen.contains { $0.contains(binding.label + " ") && $0.contains(binding.summary) },
                "\(binding.label) missing at \(width)×\(height)")
        }
    }

    @Test func testHelpUsesTwoColumnsOnAClassicTerminal() {
        let layout = HelpLayout(width: 80, height: 24)
        #expect(layout.columnCount == 2)
        #expect(!layout.scrolls)
        let model = screen(ViewState(scene: rainyLibrary, mode: .help(scroll: 0)), width: 80, height: 24)
        #expect(model.lines.contains { $0.contains("select the layer above") && $0.contains("add a sound") })
        #expect(model.lines[23].contains("any key closes help"))
    }

    @Test func testShortHelpSaysItScrollsAndScrollsToTheLastKey() {
        for (width, height) in [(60, 15), (40, 9)] {
            let layout = HelpLayout(width: width, height: height)
            #expect(layout.scrolls, "\(width)×\(height) cannot show 21 keys at once")
            let top = screen(ViewState(scene: rainyLibrary, mode: .help(scroll: 0)), width: width, height: height)
            #expect(top.text.contains("j/k PgUp/PgDn scroll"))
            #expect(!top.text.contains(KeyMap.bindings.last!.summary))
            let bottom = screen(
                ViewState(scene: rainyLibrary, mode: .help(scroll: layout.maximumScroll)), width: width,
                height: height)
            #expect(bottom.text.contains(KeyMap.bindings.last!.summary))
            #expect(!bottom.text.contains(KeyMap.bindings.first!.summary))
        }
    }

    @Test func testEditingThePromptShowsTheLineAndCursor() {
        var editor = LineEditor(label: "prompt", text: "forest")
        _ = editor.handle(.left)
        let model = screen(ViewState(scene: rainyLibrary, mode: .editingPrompt(editor)))
        #expect(model.lines[0].contains("prompt: forest"))
        let cursor = model.cursor!
        #expect(cursor.row == 0)
        #expect(model.cells[0][cursor.column].character == "t")
    }

    @Test func testWidePromptCharactersStayInsideTheRow() {
        let scene = Scene(prompt: String(repeating: "雨の図書館", count: 30), layers: rainyLibrary.layers)
        let model = screen(ViewState(scene: scene), width: 60)
        #expect(DisplayWidth.of(model.lines[0]) <= 60)
        #expect(model.lines[0].hasSuffix("…"))
    }

    @Test func testPickerHighlightsTheChosenEntry() {
        var picker = Picker(
            title: "Add a sound",
            items: [.init(title: "rain", value: "rain"), .init(title: "wind", value: "wind")])
        _ = picker.handle(.down)
        let model = screen(ViewState(scene: rainyLibrary, mode: .addingSound(picker)))
        #expect(model.lines.contains { $0.contains("› wind") })
    }
}
