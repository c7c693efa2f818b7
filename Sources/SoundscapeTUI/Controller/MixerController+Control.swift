import AudioEngine
import Foundation
import Scenes
import SessionControl

// `soundscape ctl` requests, carried out by the controller that owns the scene state, on
// the session's control thread: the same engine calls and the same scene changes as the
// keys, so the screen shows them at once and keys and ctl never fight over a copy.
extension MixerController {
    /// Carries out one `ctl` request and says how it went. A dialog the user has
    /// open on the screen stays open.
    public func answer(_ request: ControlRequest) -> ControlReply {
        refresh()
        let mode = viewState.mode
        viewState.message = nil
        let reply = carryOut(request)
        viewState.mode = mode
        refresh()
        return reply
    }

    /// The session as `ctl status` shows it.
    public var sessionStatus: SessionStatus {
        let status = viewState.status
        let scene = viewState.scene
        let layers = scene.layers.enumerated().map { index, layer in
            SessionStatus.Layer(
                index: index + 1, sound: layer.sound, variant: layer.variant ?? viewState.defaultVariants[layer.sound],
                weight: Self.rounded(layer.weight), intensity: Self.rounded(layer.intensity), muted: layer.muted,
                solo: status.soloLayer == index,
                underruns: status.layerUnderruns.indices.contains(index) ? status.layerUnderruns[index] : nil)
        }
        return SessionStatus(
            session: "", pid: 0, scene: playingSceneName, prompt: scene.prompt, layers: layers,
            master: Self.rounded(scene.master), paused: status.isPaused, evolve: status.isEvolving,
            // The time scale shortens timers for tests; ctl sees the minutes the screen shows.
            timerRemainingSeconds: status.timerRemainingSeconds.map { ($0 * options.timeScale).rounded() },
            device: status.deviceName, latencyMilliseconds: status.latencyMilliseconds, xruns: status.xruns,
            waitingForDevice: status.isWaitingForDevice, reconnections: status.reconnections, ringUnderruns: status.ringUnderruns, playedSeconds: (status.playedSeconds * 10).rounded() / 10,
            cpuPercent: (status.cpuPercent * 100).rounded() / 100)
    }

    private func carryOut(_ request: ControlRequest) -> ControlReply {
        switch request {
        case .status:
            return ControlReply(ok: true, status: sessionStatus)
        case .set(let name, let change):
            let index: Int
            switch layerIndex(named: name) {
            case .success(let found): index = found
            case .failure(let reason): return .refused(reason.description)
            }
            if let weight = change.weight { engine.setWeight(Float(weight), ofLayer: index) }
            if let intensity = change.intensity { engine.setIntensity(Float(intensity), ofLayer: index) }
            if let muted = change.muted { engine.setMuted(muted, ofLayer: index) }
            return .done()
        case .master(let value):
            engine.setMaster(Float(value))
            return .done()
        case .add(let name):
            return add(soundNamed: name)
        case .remove(let name):
            switch layerIndex(named: name) {
            case .success(let index): removeLayer(at: index)
            case .failure(let reason): return .refused(reason.description)
            }
        case .prompt(let text):
            replan(text)
        case .scene(let name):
            let entry = (try? services.scenes())?.first { $0.name == name }
            openScene(Picker.Item(title: name, value: name, isBuiltIn: entry?.isBuiltIn ?? false))
            // A scene file opened by its path has no name to save it under again.
            if entry == nil, viewState.message?.isError == false { sceneName = "" }
        case .save(let name):
            save(as: name)
        case .timer(let minutes):
            guard let minutes else {
                engine.setTimer(seconds: nil, fadeSeconds: 0)
                return .done("timer cancelled")
            }
            startTimer(minutes: minutes)
            let shown = minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
            viewState.message = .init("timer set: \(shown) min, then a \(Format.clock(options.timerFadeSeconds)) fade-out")
        case .evolve(let on):
            engine.setEvolving(on)
            return .done()
        case .pause, .resume, .toggle:
            let paused = request == .toggle ? !engine.status.isPaused : request == .pause
            engine.setPaused(paused)
            return .done(paused ? "paused" : "playing")
        case .quit:
            wantsQuit = true
            return .done("quitting")
        }
        // What the key's own code said about it: an error, or what it did.
        guard let message = viewState.message else { return .done() }
        return message.isError ? .refused(message.text) : .done(message.text)
    }

    /// A sound ("rain", "rain:window") added as the add-a-sound dialog adds it.
    private func add(soundNamed name: String) -> ControlReply {
        let (soundName, variantName) = Self.split(name)
        let sounds = services.sounds()
        guard let sound = sounds.first(where: { $0.name == soundName }) else {
            return .refused("no sound named '\(soundName)'; `soundscape sounds` lists them")
        }
        guard let variant = variantName ?? sound.variants.first, sound.variants.contains(variant) else {
            return .refused(
                "\(soundName) has no variant '\(variantName ?? "")'; its variants: \(sound.variants.joined(separator: ", "))")
        }
        let playing = viewState.scene.layers.contains { layer in
            layer.sound == soundName && (layer.variant ?? viewState.defaultVariants[soundName]) == variant
        }
        guard !playing else { return .refused("\(soundName):\(variant) already plays in this scene") }
        let title = sound.variants.count > 1 ? "\(soundName) · \(variant)" : soundName
        addSound(Picker.Item(title: title, value: soundName, variant: variant))
        guard let message = viewState.message else { return .done() }
        return message.isError ? .refused(message.text) : .done(message.text)
    }

    /// The layer `ctl` names: its number from 1, its sound, or sound:variant.
    func layerIndex(named name: String) -> Result<Int, ControlError> {
        let layers = viewState.scene.layers
        let names = layers.map { layer in
            layer.sound + ((layer.variant ?? viewState.defaultVariants[layer.sound]).map { ":" + $0 } ?? "")
        }
        let listing = layers.isEmpty ? "the scene has no layers" : "layers: " + names.joined(separator: ", ")
        if let number = Int(name) {
            guard (1...max(1, layers.count)).contains(number), !layers.isEmpty else {
                return .failure(.badRequest("no layer \(number); \(listing)"))
            }
            return .success(number - 1)
        }
        let (sound, variant) = Self.split(name)
        let matches = layers.indices.filter { index in
            layers[index].sound == sound
                && (variant == nil || (layers[index].variant ?? viewState.defaultVariants[sound]) == variant)
        }
        guard let first = matches.first else { return .failure(.badRequest("no layer '\(name)'; \(listing)")) }
        guard matches.count == 1 else {
            let which = matches.map { names[$0] }.joined(separator: ", ")
            return .failure(.badRequest("\(matches.count) layers play \(sound) (\(which)); name one as sound:variant or by number"))
        }
        return .success(first)
    }

    private static func split(_ name: String) -> (sound: String, variant: String?) {
        guard let colon = name.firstIndex(of: ":") else { return (name, nil) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    private static func rounded(_ value: Float) -> Double { (Double(value) * 1000).rounded() / 1000 }
}
