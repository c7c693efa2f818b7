import Testing

@testable import SoundscapeTUI
@testable import Scenes
import TestSupport

@Suite struct MixerControllerTests {
    let engine = FakeEngine(scene: rainyLibrary)
    let scenes = FakeScenes()

    func controller(_ options: MixerOptions = MixerOptions()) -> MixerController {
        MixerController(engine: engine, scene: rainyLibrary, services: scenes.services, options: options)
    }

    @Test func testVimKeysAndArrowsMoveTheSelectionWithinTheLayers() {
        let mixer = controller()
        mixer.handle([.character("j"), .down, .character("j"), .character("j"), .character("j")])
        #expect(mixer.viewState.selectedLayer == 3)
        mixer.handle([.character("k"), .up, .up, .up, .up])
        #expect(mixer.viewState.selectedLayer == 0)
    }

    @Test func testWeightKeysChangeTheSelectedLayersWeightInTheEngine() {
        let mixer = controller()
        mixer.handle([.character("j"), .character("l"), .right])
        #expect(engine.scene.layers[1].weight == 0.4)
        mixer.handle([.character("h"), .left, .left, .left, .left, .left, .left, .left])
        #expect(engine.scene.layers[1].weight == 0, "weight stops at zero")
        #expect(engine.scene.layers[0].weight == 0.7, "other layers untouched")
    }

    @Test func testIntensityIsOneKeyAwayOnRainAndThunderRows() {
        let mixer = controller()
        mixer.handle(.character("L"))
        #expect(abs(engine.scene.layers[0].intensity - 0.45) < 1e-6)
        mixer.handle([.character("j"), .character("]"), .character("]")])
        #expect(abs(engine.scene.layers[1].intensity - 0.3) < 1e-6)
        mixer.handle([.character("H"), .character("[")])
        #expect(abs(engine.scene.layers[1].intensity - 0.2) < 1e-6)
    }

    @Test func testMuteSoloMasterPauseAndEvolveReachTheEngine() {
        let mixer = controller()
        mixer.handle([.character("m"), .character("j"), .character("s")])
        #expect(engine.scene.layers[0].muted)
        #expect(engine.solo == 1)
        #expect(mixer.viewState.soloLayer == 1)
        mixer.handle(.character("s"))
        #expect(engine.solo == nil)
        mixer.handle([.character("-"), .character("-")])
        #expect(abs(engine.scene.master - 0.7) < 1e-6)
        mixer.handle(Array(repeating: Key.character("+"), count: 7))
        #expect(engine.scene.master == 1)
        mixer.handle(.character(" "))
        #expect(engine.status.isPaused)
        mixer.handle(.character(" "))
        #expect(!engine.status.isPaused)
        mixer.handle(.character("e"))
        #expect(engine.status.isEvolving)
    }

    @Test func testEditingThePromptReplansAndCrossfadesKeepingTheMaster() throws {
        let mixer = controller()
        mixer.handle(.character("/"))
        mixer.handle(.control("u"))
        mixer.handle(Key.typing("mountain stream at dawn"))
        #expect(engine.appliedMixes.isEmpty, "nothing changes until Enter")
        mixer.handle(.enter)
        #expect(scenes.plannedPrompts == ["mountain stream at dawn"])
        let applied = try #require(engine.appliedMixes.last)
        #expect(applied.layers.map(\.sound) == ["stream", "birds"])
        #expect(applied.master == rainyLibrary.master)
        #expect(mixer.viewState.mode == .mixer)
    }

    @Test func testAPromptNamingMinutesStartsTheTimerAndUnknownWordsAreReported() throws {
        let mixer = controller()
        mixer.handle([.character("/"), .control("u")] + Key.typing("zebra stream for 30 minutes") + [.enter])
        #expect(engine.timer?.seconds == 30 * 60.0 - 30)
        let message = try #require(mixer.viewState.message)
        #expect(!message.isError)
        #expect(message.text.contains("timer 30 min"))
        #expect(message.text.contains("not understood: zebra"))
    }

    @Test func testALayerStillBeingPreparedSaysSoAndKeysStillWork() {
        scenes.preparations["thunder"] = .preparing
        let mixer = controller()
        #expect(mixer.viewState.preparations == [.ready, .preparing, .ready, .ready])
        mixer.handle([.character("j"), .character("l")])
        #expect(mixer.viewState.selectedLayer == 1)
        #expect(abs(engine.scene.layers[1].weight - 0.35) < 1e-6, "a preparing layer's weight can be set already")
        let screen = MixerLayout.render(mixer.viewState, width: 100, height: 24, glyphs: .unicode)
        let thunder = screen.lines.first { $0.dropFirst(2).hasPrefix("thunder ") }
        #expect(thunder?.hasSuffix("preparing…") == true)
        #expect(screen.lines.first { $0.dropFirst(2).hasPrefix("rain ") }?.hasSuffix("dBFS") == true)

        scenes.preparations["thunder"] = nil
        mixer.refresh()
        #expect(mixer.viewState.preparations == [.ready, .ready, .ready, .ready])
    }

    @Test func testASoundThatFailsInTheBackgroundIsReportedOnce() {
        scenes.preparations["pages"] = .preparing
        let mixer = controller()
        scenes.preparations["pages"] = .failed("sound 'pages' cannot be played: its model is damaged")
        mixer.refresh()
        #expect(mixer.viewState.message?.isError == true)
        #expect(mixer.viewState.message?.text.contains("its model is damaged") == true)
        mixer.handle(.character("j"))
        mixer.refresh()
        #expect(mixer.viewState.message == nil, "said once, not on every frame")
        let screen = MixerLayout.render(mixer.viewState, width: 100, height: 24, glyphs: .unicode)
        #expect(screen.lines.first { $0.dropFirst(2).hasPrefix("pages ") }?.hasSuffix("can't play") == true)
    }

    @Test func testEscapeLeavesThePromptAsItWas() {
        let mixer = controller()
        mixer.handle([.character("p"), .control("u")] + Key.typing("desert") + [.escape])
        #expect(engine.appliedMixes.isEmpty)
        #expect(mixer.viewState.scene.prompt == rainyLibrary.prompt)
        #expect(mixer.viewState.mode == .mixer)
    }

    @Test func testAPlanningErrorIsShownNotThrown() {
        scenes.planError = FakeError(description: "no sound matches 'zzz'")
        let mixer = controller()
        mixer.handle([.character("/"), .control("u")] + Key.typing("zzz") + [.enter])
        #expect(mixer.viewState.message?.isError == true)
        #expect(mixer.viewState.message?.text.contains("no sound matches 'zzz'") == true)
        #expect(mixer.viewState.scene == rainyLibrary)
    }

    @Test func testAddingASoundAppendsItAndSelectsIt() throws {
        let mixer = controller()
        mixer.handle(.character("a"))
        guard case .addingSound(let picker) = mixer.viewState.mode else {
            Issue.record("a did not open the sound list")
            return
        }
        let roof = try #require(picker.items.firstIndex { $0.value == "rain" && $0.variant == "roof" })
        mixer.handle(Array(repeating: Key.down, count: roof) + [.enter])
        let added = try #require(engine.scene.layers.last)
        #expect(added.sound == "rain")
        #expect(added.variant == "roof")
        #expect(mixer.viewState.selectedLayer == 4)
    }

    @Test func testSoloStaysOnItsLayerWhenAnotherLayerIsRemovedAndGoesWithItsOwn() {
        let mixer = controller()
        mixer.handle([.character("j"), .character("j"), .character("s")])
        #expect(mixer.viewState.soloLayer == 2)
        mixer.handle([.character("k"), .character("k"), .character("d")])
        #expect(engine.scene.layers.map(\.sound) == ["thunder", "room-tone", "pages"])
        #expect(mixer.viewState.soloLayer == 1, "room-tone is still the soloed layer")
        mixer.handle([.character("j"), .character("d")])
        #expect(mixer.viewState.soloLayer == nil, "removing the soloed layer ends the solo")
    }

    @Test func testRemovingALayerCrossfadesWithoutIt() {
        let mixer = controller()
        mixer.handle([.character("j"), .character("d")])
        #expect(engine.scene.layers.map(\.sound) == ["rain", "room-tone", "pages"])
        #expect(mixer.viewState.selectedLayer == 1)
    }

    @Test func testRemovingTheLastLayerLeavesAnEmptyMixerThatStillWorks() {
        let mixer = controller()
        mixer.handle(Array(repeating: Key.character("d"), count: 5))
        #expect(engine.scene.layers.isEmpty)
        mixer.handle([.character("l"), .character("m")])
        #expect(mixer.viewState.message?.isError == true)
    }

    @Test func testSavingAsksANameAndOpeningLoadsItBack() throws {
        let mixer = controller()
        mixer.handle([.character("S")] + Key.typing("evening") + [.enter])
        #expect(scenes.saved["evening"] == rainyLibrary)
        mixer.handle([.character("/"), .control("u")] + Key.typing("stream") + [.enter])
        #expect(engine.scene.layers.map(\.sound) == ["stream", "birds"])
        mixer.handle([.character("o"), .enter])
        #expect(mixer.viewState.scene == rainyLibrary)
        #expect(mixer.viewState.message?.text == "opened 'evening'")
    }

    @Test func testOpeningABuiltInScene() {
        scenes.builtIn["night-forest"] = Scene(layers: [LayerSettings(sound: "crickets")])
        let mixer = controller()
        mixer.handle([.character("o"), .enter])
        #expect(engine.scene.layers.map(\.sound) == ["crickets"])
    }

    @Test func testTimerPresetsStepWithTAndStartOnEnter() throws {
        let mixer = controller(MixerOptions(timerFadeSeconds: 20))
        mixer.handle([.character("t"), .character("t"), .character("t"), .enter])
        let timer = try #require(engine.timer)
        #expect(timer.seconds == Double(25 * 60 - 20), "the fade is the timer's last part")
        #expect(timer.fadeSeconds == 20)
    }

    @Test func testTypedTimerMinutesFollowTheTimeScale() throws {
        let mixer = controller(MixerOptions(timeScale: 60, timerFadeSeconds: 30))
        mixer.handle([.character("t")] + Key.typing("1") + [.enter])
        let timer = try #require(engine.timer)
        #expect(timer.seconds == 0.5)
        #expect(timer.fadeSeconds == 0.5)
        mixer.handle(.character("T"))
        #expect(engine.timer?.seconds == nil)
    }

    @Test func testARunningTimerSurvivesANewPromptAndAnOpenedScene() {
        scenes.builtIn["night-forest"] = Scene(layers: [LayerSettings(sound: "crickets")])
        let mixer = controller()
        mixer.handle([.character("t")] + Key.typing("45") + [.enter])
        let timer = engine.timer
        mixer.handle([.character("/"), .control("u")] + Key.typing("stream") + [.enter])
        #expect(engine.timer?.seconds == timer?.seconds, "a new prompt leaves the timer alone")
        #expect(mixer.viewState.scene.timerMinutes == 45)
        mixer.handle([.character("o"), .enter])
        #expect(engine.appliedMixes.last?.layers.map(\.sound) == ["crickets"])
        #expect(engine.timer?.seconds == timer?.seconds)
        #expect(mixer.viewState.scene.timerMinutes == 45)
    }

    @Test func testANonsenseTimerIsRefusedWithAMessage() {
        let mixer = controller()
        mixer.handle([.character("t")] + Key.typing("soon") + [.enter])
        #expect(engine.timer == nil)
        #expect(mixer.viewState.message?.isError == true)
        guard case .settingTimer = mixer.viewState.mode else {
            Issue.record("the timer dialog closed on bad input")
            return
        }
    }

    @Test func testQuestionMarkShowsHelpAndAnyKeyClosesIt() {
        let mixer = controller()
        mixer.handle(.character("?"))
        #expect(mixer.viewState.mode == .help(scroll: 0))
        mixer.handle(.character("x"))
        #expect(mixer.viewState.mode == .mixer)
        #expect(!mixer.wantsQuit)
    }

    @Test func testOnAShortTerminalJAndPageDownScrollHelpAndOtherKeysCloseIt() {
        let mixer = controller()
        mixer.screenSize = (width: 60, height: 15)
        let maximum = HelpLayout(width: 60, height: 15).maximumScroll
        mixer.handle([.character("?"), .character("j"), .down])
        #expect(mixer.viewState.mode == .help(scroll: 2))
        mixer.handle([.pageDown, .pageDown, .pageDown, .character("j")])
        #expect(mixer.viewState.mode == .help(scroll: maximum), "scrolling stops at the last key")
        mixer.handle(.character("k"))
        #expect(mixer.viewState.mode == .help(scroll: maximum - 1))
        mixer.handle(.character("x"))
        #expect(mixer.viewState.mode == .mixer)
        #expect(mixer.viewState.selectedLayer == 0, "help keys do not reach the mixer")
    }

    @Test func testWhenHelpFitsJClosesItLikeAnyKey() {
        let mixer = controller()
        mixer.screenSize = (width: 100, height: 30)
        mixer.handle([.character("?"), .character("j")])
        #expect(mixer.viewState.mode == .mixer)
    }

    @Test func testQAsksToQuitButNotWhileTyping() {
        let mixer = controller()
        mixer.handle([.character("/"), .character("q")])
        #expect(!mixer.wantsQuit)
        mixer.handle([.escape, .character("q")])
        #expect(mixer.wantsQuit)
    }

    @Test func testEveryActionHasAKeyAndHelpLine() {
        let bound = Set(KeyMap.bindings.map(\.action))
        let all: [Action] = [
            .selectPrevious, .selectNext, .weightDown, .weightUp, .intensityDown, .intensityUp,
            .toggleMute,
            .toggleSolo, .masterDown, .masterUp, .editPrompt, .addSound, .removeLayer, .saveScene,
            .openScene,
            .setTimer, .cancelTimer, .toggleEvolve, .togglePause, .showHelp, .quit,
        ]
        #expect(Set(all) == bound)
    }
}
