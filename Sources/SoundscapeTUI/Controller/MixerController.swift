import Foundation
import AudioEngine
import Scenes

/// Turns key presses into engine calls and dialog state. It never touches
/// the terminal: the app loop feeds it keys and draws `viewState`, and tests
/// drive it with a fake engine.
public final class MixerController {
    /// How far one press of h/l moves a weight, H/L an intensity, +/- the master.
    public static let weightStep: Float = 0.05
    public static let intensityStep: Float = 0.05
    public static let masterStep: Float = 0.05
    /// The timer lengths `t` steps through, in minutes.
    public static let timerPresetsMinutes = [15, 25, 45, 60, 90]
    /// Longest timer accepted, in minutes (a day).
    public static let longestTimerMinutes = 24.0 * 60
    /// Weight and intensity of a newly added layer.
    static let addedLayerWeight: Float = 0.5

    public let engine: EngineControl
    let services: SceneServices
    let options: MixerOptions
    /// Everything the screen shows; up to date after every `handle` and `refresh`.
    public internal(set) var viewState: ViewState
    /// True once the user asked to quit.
    public internal(set) var wantsQuit = false
    /// The name the scene was last saved or opened as, offered when saving again.
    var sceneName = ""
    /// The name of the scene playing, as opened (built-in ones too) or saved; empty after a
    /// prompt. `ctl status` reports it.
    var playingSceneName = ""
    /// The scene last planned or opened: what only the scene knows (prompt, summary,
    /// evolve range, keys of later versions). Layers, master, solo, timer and evolve are
    /// the engine's, read from its status every refresh.
    var document: Scene
    /// The terminal's size in columns and rows, which decides whether the
    /// help overlay scrolls; the app sets it before every key.
    public var screenSize = (width: 80, height: 24)

    /// A controller for `engine`, which already plays `scene`.
    /// `sceneName` is the name `scene` was opened as, offered when saving and shown by `ctl status`.
    public init(
        engine: EngineControl, scene: Scene, services: SceneServices, options: MixerOptions = MixerOptions(),
        sceneName: String = ""
    ) {
        self.engine = engine
        self.sceneName = sceneName
        playingSceneName = sceneName
        self.services = services
        self.options = options
        document = scene
        let status = engine.status
        viewState = ViewState(
            scene: scene.updated(from: status), status: status, timerFadeSeconds: options.timerFadeSeconds,
            timeScale: options.timeScale,
            defaultVariants: Dictionary(
                services.sounds().compactMap { sound in sound.variants.first.map { (sound.name, $0) } },
                uniquingKeysWith: { first, _ in first }))
        refresh()
    }

    /// Reads the engine's status again, and the scene from it (the app calls this every frame).
    public func refresh() {
        viewState.status = engine.status
        viewState.scene = document.updated(from: viewState.status)
        let previous = viewState.preparations
        viewState.preparations = viewState.status.layers.map(services.preparation)
        // A sound that fails in the background says why, once, when it fails.
        for (index, preparation) in viewState.preparations.enumerated() {
            guard case .failed(let reason) = preparation, index < previous.count,
                previous[index] == .preparing
            else { continue }
            viewState.message = .init("\(viewState.scene.layers[index].sound): \(reason)", isError: true)
        }
        let count = viewState.scene.layers.count
        viewState.selectedLayer = count == 0 ? 0 : min(viewState.selectedLayer, count - 1)
    }

    /// Applies one key press.
    public func handle(_ key: Key) {
        if key == .resize { return }
        // A message answers the last key; the next key clears it.
        viewState.message = nil
        switch viewState.mode {
        case .mixer:
            if let action = KeyMap.action(for: key) { perform(action) }
        case .help(let scroll):
            viewState.mode = Self.helpMode(after: key, scroll: scroll, screenSize: screenSize)
        case .editingPrompt(var editor):
            switch editor.handle(key) {
            case .editing: viewState.mode = .editingPrompt(editor)
            case .cancelled: viewState.mode = .mixer
            case .submitted(let text): replan(text)
            }
        case .namingScene(var editor):
            switch editor.handle(key) {
            case .editing: viewState.mode = .namingScene(editor)
            case .cancelled: viewState.mode = .mixer
            case .submitted(let name): save(as: name)
            }
        case .settingTimer(var editor):
            if key == .character("t") {
                editor.replace(with: String(Self.nextPreset(after: editor.string)))
                viewState.mode = .settingTimer(editor)
                return
            }
            switch editor.handle(key) {
            case .editing: viewState.mode = .settingTimer(editor)
            case .cancelled: viewState.mode = .mixer
            case .submitted(let text): startTimer(text)
            }
        case .addingSound(var picker):
            switch picker.handle(key) {
            case .browsing: viewState.mode = .addingSound(picker)
            case .cancelled: viewState.mode = .mixer
            case .chosen(let item): addSound(item)
            }
        case .openingScene(var picker):
            switch picker.handle(key) {
            case .browsing: viewState.mode = .openingScene(picker)
            case .cancelled: viewState.mode = .mixer
            case .chosen(let item): openScene(item)
            }
        }
        refresh()
    }

    /// Does what a mixer key asks.
    public func perform(_ action: Action) {
        refresh()
        let scene = viewState.scene
        let index = viewState.selectedLayer
        let layer = index < scene.layers.count ? scene.layers[index] : nil
        switch action {
        case .selectPrevious: viewState.selectedLayer = max(0, index - 1)
        case .selectNext: viewState.selectedLayer = min(max(0, scene.layers.count - 1), index + 1)
        case .weightDown, .weightUp:
            guard let layer else { return noLayer() }
            let step = action == .weightUp ? Self.weightStep : -Self.weightStep
            engine.setWeight(Self.stepped(layer.weight, by: step), ofLayer: index)
        case .intensityDown, .intensityUp:
            guard let layer else { return noLayer() }
            let step = action == .intensityUp ? Self.intensityStep : -Self.intensityStep
            engine.setIntensity(Self.stepped(layer.intensity, by: step), ofLayer: index)
        case .toggleMute:
            guard let layer else { return noLayer() }
            engine.setMuted(!layer.muted, ofLayer: index)
        case .toggleSolo:
            guard layer != nil else { return noLayer() }
            engine.setSolo(viewState.soloLayer == index ? nil : index)
        case .masterDown, .masterUp:
            let step = action == .masterUp ? Self.masterStep : -Self.masterStep
            engine.setMaster(Self.stepped(scene.master, by: step))
        case .editPrompt:
            viewState.mode = .editingPrompt(LineEditor(label: "prompt", text: scene.prompt))
        case .addSound: viewState.mode = .addingSound(soundPicker())
        case .removeLayer:
            guard layer != nil else { return noLayer() }
            removeLayer(at: index)
        case .saveScene: viewState.mode = .namingScene(LineEditor(label: "name", text: sceneName))
        case .openScene: showScenes()
        case .setTimer: viewState.mode = .settingTimer(LineEditor(label: "minutes"))
        case .cancelTimer:
            engine.setTimer(seconds: nil, fadeSeconds: 0)
            viewState.message = .init("timer cancelled")
        case .toggleEvolve: engine.setEvolving(!engine.status.isEvolving)
        case .togglePause: engine.setPaused(!engine.status.isPaused)
        case .showHelp: viewState.mode = .help(scroll: 0)
        case .quit: wantsQuit = true
        }
        refresh()
    }

    /// Starts the timer: playback ends `minutes` from now (displayed minutes;
    /// the time scale shortens them), the last part of it a fade-out.
    public func startTimer(minutes: Double) {
        let totalSeconds = minutes * 60 / options.timeScale
        let fadeSeconds = min(options.timerFadeSeconds / options.timeScale, totalSeconds)
        // The engine starts its fade once `seconds` have passed; the fade is part of the timer.
        engine.setTimer(seconds: totalSeconds - fadeSeconds, fadeSeconds: fadeSeconds)
    }

    /// The help overlay after `key`: scrolled when the list is longer than
    /// the screen and the key scrolls, otherwise closed.
    static func helpMode(after key: Key, scroll: Int, screenSize: (width: Int, height: Int)) -> Mode {
        let layout = HelpLayout(width: screenSize.width, height: screenSize.height)
        guard layout.scrolls else { return .mixer }
        let next: Int
        switch key {
        case .character("j"), .down: next = scroll + 1
        case .character("k"), .up: next = scroll - 1
        case .pageDown: next = scroll + layout.pageRows
        case .pageUp: next = scroll - layout.pageRows
        case .home, .character("g"): next = 0
        case .end, .character("G"): next = layout.maximumScroll
        default: return .mixer
        }
        return .help(scroll: layout.clamped(next))
    }

    private func noLayer() {
        viewState.message = .init("no layer selected — press a to add a sound", isError: true)
    }

    private static func stepped(_ value: Float, by step: Float) -> Float {
        // Round to the step grid so repeated presses land on tidy values.
        let next = ((value + step) / abs(step)).rounded() * abs(step)
        return min(1, max(0, next))
    }

    private static func nextPreset(after text: String) -> Int {
        guard let current = Int(text.trimmingCharacters(in: .whitespaces)),
            let position = timerPresetsMinutes.firstIndex(of: current)
        else { return timerPresetsMinutes[0] }
        return timerPresetsMinutes[(position + 1) % timerPresetsMinutes.count]
    }

    func replan(_ prompt: String) {
        let words = prompt.trimmingCharacters(in: .whitespaces)
        guard !words.isEmpty else {
            viewState.mode = .editingPrompt(LineEditor(label: "prompt"))
            viewState.message = .init("type a few words about a place, e.g. rainy library", isError: true)
            return
        }
        viewState.mode = .mixer
        do {
            let planned = try services.plan(words)
            var scene = planned.scene
            // The user's master volume is theirs, not the planner's.
            scene.master = viewState.scene.master
            try play(scene)
            playingSceneName = ""
            viewState.selectedLayer = 0
            var message = "planned: " + scene.layers.map(\.sound).joined(separator: ", ")
            if let minutes = scene.timerMinutes {
                startTimer(minutes: minutes)
                message += "; timer \(Self.minutesText(minutes)) min"
            }
            if let remark = planned.remark { message += " — " + remark }
            viewState.message = .init(message)
        } catch {
            viewState.message = .init("cannot plan '\(words)': \(Self.describe(error))", isError: true)
        }
    }

    /// Crossfades to a whole new scene (planned or opened), keeping a running timer:
    /// a sleep timer is the user's, whatever they listen to until it ends. The mixer
    /// starts a scene's own timer itself, with its fade and time scale.
    private func play(_ newScene: Scene) throws {
        var scene = newScene
        scene.timerMinutes = nil
        try engine.play(scene)
        document = newScene
        services.playing(newScene)
    }

    func save(as rawName: String) {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            viewState.mode = .namingScene(LineEditor(label: "name"))
            viewState.message = .init("type a name for the scene", isError: true)
            return
        }
        viewState.mode = .mixer
        do {
            var scene = viewState.scene
            // A running timer belongs to this session, not to the scene.
            scene.timerMinutes = nil
            try services.saveScene(scene, name)
            sceneName = name
            playingSceneName = name
            viewState.message = .init("saved scene '\(name)'")
        } catch {
            viewState.message = .init("cannot save '\(name)': \(Self.describe(error))", isError: true)
        }
    }

    private func startTimer(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let minutes = Double(trimmed), minutes > 0, minutes <= Self.longestTimerMinutes else {
            viewState.mode = .settingTimer(LineEditor(label: "minutes", text: trimmed))
            viewState.message = .init(
                "'\(trimmed)' is not a number of minutes; type 1 to \(Int(Self.longestTimerMinutes))",
                isError: true)
            return
        }
        viewState.mode = .mixer
        startTimer(minutes: minutes)
        let shown = minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
        viewState.message = .init(
            "timer set: \(shown) min, then a \(Format.clock(options.timerFadeSeconds)) fade-out")
    }

    private func soundPicker() -> Picker {
        var items: [Picker.Item] = []
        for sound in services.sounds() {
            for variant in sound.variants {
                let title = sound.variants.count > 1 ? "\(sound.name) · \(variant)" : sound.name
                items.append(
                    .init(title: title, detail: sound.summary, value: sound.name, variant: variant, group: sound.family))
            }
        }
        return Picker(title: "Add a sound", items: items, isFilterable: true)
    }

    func addSound(_ item: Picker.Item) {
        viewState.mode = .mixer
        var scene = viewState.scene
        scene.layers.append(
            LayerSettings(
                sound: item.value, variant: item.variant, weight: Self.addedLayerWeight, intensity: 0.5))
        do {
            try engine.apply(scene.mix)
            document = scene
            viewState.selectedLayer = scene.layers.count - 1
            viewState.message = .init("added \(item.title)")
        } catch {
            viewState.message = .init("cannot add \(item.title): \(Self.describe(error))", isError: true)
        }
    }

    func removeLayer(at index: Int) {
        var scene = viewState.scene
        let removed = scene.layers.remove(at: index)
        do {
            // The engine moves solo with its layer, and clears it with the removed one.
            try engine.apply(scene.mix)
            document = scene
            viewState.selectedLayer = max(0, min(index, scene.layers.count - 1))
            viewState.message = .init("removed \(removed.sound)")
        } catch {
            viewState.message = .init(
                "cannot remove \(removed.sound): \(Self.describe(error))", isError: true)
        }
    }

    private func showScenes() {
        do {
            let items = try services.scenes().map {
                Picker.Item(
                    title: $0.name, detail: $0.isBuiltIn ? "built-in" : "saved", value: $0.name,
                    isBuiltIn: $0.isBuiltIn)
            }
            viewState.mode = .openingScene(Picker(title: "Open a scene", items: items))
        } catch {
            viewState.message = .init("cannot list scenes: \(Self.describe(error))", isError: true)
        }
    }

    func openScene(_ item: Picker.Item) {
        viewState.mode = .mixer
        let entry = SceneServices.SceneEntry(name: item.value, isBuiltIn: item.isBuiltIn)
        do {
            let scene = try services.loadScene(entry)
            try play(scene)
            sceneName = entry.isBuiltIn ? "" : entry.name
            playingSceneName = entry.name
            viewState.selectedLayer = 0
            viewState.message = .init("opened '\(entry.name)'")
        } catch {
            viewState.message = .init(
                "cannot open '\(entry.name)': \(Self.describe(error))", isError: true)
        }
    }

    private static func minutesText(_ minutes: Double) -> String {
        minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
    }

    /// An error as one line for the message row.
    static func describe(_ error: Error) -> String {
        if let description = (error as? LocalizedError)?.errorDescription { return description }
        return String(describing: error)
    }
}
