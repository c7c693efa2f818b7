import SessionControl
import Testing

@testable import SoundscapeTUI
@testable import Scenes
import TestSupport

/// `ctl` requests through the controller the keys use: the same engine calls, layers
/// named as a person names them, and refusals in one line.
@Suite struct MixerControllerControlTests {
    let engine = FakeEngine(scene: rainyLibrary)
    let scenes = FakeScenes()

    func controller() -> MixerController {
        MixerController(engine: engine, scene: rainyLibrary, services: scenes.services)
    }

    @Test func aLayerIsNamedByItsNumberItsSoundOrItsSoundAndVariant() {
        let mixer = controller()
        #expect(mixer.answer(.set(layer: "2", change: .init(weight: 0.9))).ok)
        #expect(mixer.answer(.set(layer: "room-tone", change: .init(intensity: 0.1))).ok)
        #expect(mixer.answer(.set(layer: "rain:window", change: .init(muted: true))).ok)
        #expect(engine.scene.layers[1].weight == 0.9)
        #expect(abs(engine.scene.layers[2].intensity - 0.1) < 1e-6)
        #expect(engine.scene.layers[0].muted)
        #expect(engine.scene.layers[3] == rainyLibrary.layers[3], "other layers untouched")
    }

    @Test func anUnknownOrMissingLayerIsRefusedListingTheLayers() {
        let mixer = controller()
        let unknown = mixer.answer(.set(layer: "snow", change: .init(weight: 0.1)))
        #expect(!unknown.ok)
        #expect(unknown.error?.hasPrefix("no layer 'snow'; layers: rain:window, thunder:storm") == true, "\(unknown)")
        #expect(mixer.answer(.remove(layer: "5")).error?.hasPrefix("no layer 5;") == true)
        #expect(mixer.answer(.set(layer: "rain:roof", change: .init(weight: 0.1))).ok == false)
        #expect(engine.appliedMixes.isEmpty && engine.scene == Scene().updated(from: engine.status))
    }

    @Test func addAndRemoveCrossfadeLikeTheKeysAndRefuseUnknownSounds() {
        let mixer = controller()
        let added = mixer.answer(.add(sound: "birds:forest"))
        #expect(added == .done("added birds · forest"))
        #expect(engine.scene.layers.last?.sound == "birds" && engine.scene.layers.last?.variant == "forest")
        #expect(mixer.answer(.add(sound: "birds:forest")).error == "birds:forest already plays in this scene")
        #expect(mixer.answer(.add(sound: "zebra")).error?.contains("no sound named 'zebra'") == true)
        #expect(mixer.answer(.add(sound: "rain:attic")).error?.contains("its variants: window, roof, leaves") == true)
        #expect(mixer.answer(.remove(layer: "thunder")) == .done("removed thunder"))
        #expect(!engine.scene.layers.contains { $0.sound == "thunder" })
    }

    @Test func promptSceneSaveTimerEvolvePauseAndQuitDoWhatTheirKeysDo() {
        let mixer = controller()
        #expect(mixer.answer(.prompt("a stream")).ok)
        #expect(scenes.plannedPrompts == ["a stream"])
        #expect(engine.scene.layers.map(\.sound) == ["stream", "birds"])
        #expect(mixer.answer(.save(name: "brook")) == .done("saved scene 'brook'"))
        #expect(scenes.saved["brook"]?.layers.map(\.sound) == ["stream", "birds"])
        #expect(mixer.answer(.scene("nowhere")).ok == false)
        #expect(mixer.answer(.scene("brook")).ok)
        #expect(mixer.sessionStatus.scene == "brook")
        #expect(mixer.answer(.timer(minutes: 10)).ok)
        #expect(engine.timer?.seconds == 570 && engine.timer?.fadeSeconds == 30)
        #expect(mixer.answer(.timer(minutes: nil)) == .done("timer cancelled"))
        #expect(engine.timer?.seconds == nil)
        #expect(mixer.answer(.evolve(true)).ok && engine.status.isEvolving)
        #expect(mixer.answer(.toggle) == .done("paused") && engine.status.isPaused)
        #expect(mixer.answer(.resume) == .done("playing") && !engine.status.isPaused)
        #expect(!mixer.wantsQuit)
        #expect(mixer.answer(.quit).ok && mixer.wantsQuit)
    }

    @Test func aDialogTheUserHasOpenStaysOpenThroughACtlRequest() {
        let mixer = controller()
        mixer.handle(.character("p"))
        mixer.handle(Key.typing("sea"))
        #expect(mixer.answer(.master(0.3)).ok)
        #expect(engine.scene.master == 0.3)
        guard case .editingPrompt(let editor) = mixer.viewState.mode else {
            Issue.record("the prompt editor closed: \(mixer.viewState.mode)")
            return
        }
        #expect(editor.string.hasSuffix("sea"))
    }

    @Test func statusReportsLayersNumberedFromOneWithSoloMasterAndTimer() {
        let mixer = controller()
        mixer.handle([.character("j"), .character("s")])
        engine.status.timerRemainingSeconds = 90
        guard let status = mixer.answer(.status).status else {
            Issue.record("no status in the reply")
            return
        }
        #expect(status.layers.map(\.index) == [1, 2, 3, 4])
        #expect(status.layers.map(\.name) == ["rain:window", "thunder:storm", "room-tone:library", "pages"])
        #expect(status.layers.map(\.solo) == [false, true, false, false])
        #expect(status.master == 0.8 && status.prompt == rainyLibrary.prompt)
        #expect(status.timerRemainingSeconds == 90)
    }
}
