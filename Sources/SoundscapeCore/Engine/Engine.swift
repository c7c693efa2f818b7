import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Plays scenes: one source per layer, generation workers filling a ring per
/// layer, and a real-time mixer writing periods to a `Sink`.
///
/// Two ways to run it:
/// - Live: `apply(scene)`, then `start()`. A real-time audio thread mixes one
///   period at a time and blocks in `sink.write` as the device paces it;
///   1–2 worker threads generate ahead. Drive it with the `EngineControl`
///   setters from any thread; `stop(fadeSeconds:)` then `waitUntilStopped()`
///   to end. When playback stops (stop, timer, or a device error, which
///   `status.stopReason` explains) the engine closes the sink itself.
/// - Offline: `apply(scene)`, then `renderOffline(frames:)` as often as
///   needed, then `close()`. No threads: generation and mixing run on the
///   caller's thread as fast as the CPU allows, in constant memory, so an
///   eight-hour file render needs no pacing. Timers and fades work the same,
///   counted in rendered frames.
///
/// ```swift
/// let engine = Engine(sink: sink, seed: 42)
/// try engine.apply(Scene(layers: [LayerSettings(sound: "pink-noise")]))
/// engine.start()
/// engine.setTimer(seconds: 600, fadeSeconds: 30)
/// engine.waitUntilStopped()
/// ```
public final class Engine: EngineControl, @unchecked Sendable {
    /// Most layers one scene may have. Twice as many slots exist, so a full
    /// scene can fade out while the next fades in, plus room for quick changes.
    public static let maximumLayers = 12
    /// How long layers added or removed by `apply` take to fade in or out.
    public static let crossfadeSeconds = Double(Mixer.crossfadeSeconds)
    /// The fade used when a scene's `timerMinutes` starts a timer.
    public static let defaultTimerFadeSeconds = 30.0

    private enum Mode: UInt8 { case idle, live, offline }

    private struct ControlState: @unchecked Sendable {
        var scene = Scene()
        /// The slot playing each of `scene.layers`.
        var layerSlots: [Int] = []
        var solo: Int?
        var seeds: Random
        var stopReason: String?
        /// Worker CPU reading and the time (wall clock live, audio played
        /// offline) it was taken at, for `cpuPercent`.
        var cpuSample = (nanoseconds: 0, seconds: 0.0)
        var cpuPercent = 0.0
    }

    private let sink: Sink
    private let provider: SoundProvider
    private let workerCount: Int
    private let shared: SharedControls
    private let workers: Workers
    private var mixer: Mixer
    private let periodBuffer: UnsafeMutablePointer<Float>
    private let offlineScratch: UnsafeMutablePointer<Float>
    private let control: Mutex<ControlState>
    /// Serialises whole `apply` calls, which make sources outside `control`'s lock.
    private let applying = Mutex(())
    private let mode = Atomic<UInt8>(Mode.idle.rawValue)
    private let closeRequested = Atomic<Bool>(false)
    private let sinkClosed = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let audioThreadIsRealTime = Atomic<Bool>(false)
    private var audioThread: EngineThread?
    private let startedAt = Engine.monotonicSeconds()

    /// An engine that will play into `sink`, making layers with `provider`.
    ///
    /// - Parameters:
    ///   - seed: fixes every layer's randomness, so the same seed and the
    ///     same calls render the same audio offline; nil differs every run.
    ///   - workerCount: generation threads in live mode (1 or 2 make sense
    ///     on a laptop).
    public init(sink: Sink, provider: SoundProvider = SynthesizerProvider(), seed: UInt64? = nil, workerCount: Int = 1)
    {
        self.sink = sink
        self.provider = provider
        self.workerCount = max(1, workerCount)
        let periodFrames = max(1, sink.periodFrames)
        let targetFill = Workers.targetFillSamples(periodFrames: periodFrames)
        shared = SharedControls(
            slotCount: 2 * Self.maximumLayers + 8,
            ringCapacitySamples: Workers.ringCapacitySamples(targetFillSamples: targetFill))
        workers = Workers(shared: shared, targetFillSamples: targetFill)
        mixer = Mixer(shared: shared, maximumFrames: periodFrames)
        periodBuffer = .allocate(capacity: periodFrames * AudioFormat.channelCount)
        periodBuffer.initialize(repeating: 0, count: periodFrames * AudioFormat.channelCount)
        offlineScratch = .allocate(capacity: Workers.blockFrames * AudioFormat.channelCount)
        control = Mutex(ControlState(seeds: seed.map { Random(seed: $0) } ?? Random()))
        shared.master.pointee.gain.store(FaderCurve.gain(Scene().master))
    }

    deinit {
        // Threads hold the engine strongly, so none is running by now.
        closeSink()
        mixer.deallocate()
        periodBuffer.deallocate()
        offlineScratch.deallocate()
    }

    // MARK: Running

    /// Starts live playback: the worker threads and the audio thread. Call once.
    public func start() {
        guard
            mode.compareExchange(
                expected: Mode.idle.rawValue, desired: Mode.live.rawValue, ordering: .acquiringAndReleasing
            ).exchanged
        else { preconditionFailure("Engine.start() called twice or after offline rendering") }
        workers.start(count: workerCount)
        audioThread = EngineThread(name: "soundscape-mix") { [self] in runAudioThread() }
    }

    /// Blocks the caller until live playback has stopped and the sink is
    /// closed. Returns at once on an engine that was never started.
    public func waitUntilStopped() {
        guard Mode(rawValue: mode.load(ordering: .relaxed)) == .live else { return }
        while !finished.load(ordering: .acquiring) { usleep(10_000) }
        audioThread?.join()
    }

    /// Offline mode: mixes `frames` frames into the sink as fast as the CPU
    /// allows, generating synchronously. Returns the frames written, fewer
    /// than asked when a stop or the timer ended playback. Call `close()`
    /// after the last call to finish the output.
    @discardableResult
    public func renderOffline(frames: Int) throws(SinkError) -> Int {
        let previous = Mode(rawValue: mode.load(ordering: .relaxed))
        precondition(previous != .live, "renderOffline(frames:) on an engine playing live")
        mode.store(Mode.offline.rawValue, ordering: .relaxed)
        var written = 0
        while written < frames && !shared.master.pointee.stopped.load(ordering: .acquiring) {
            let count = min(mixer.maximumFrames, frames - written)
            workers.fillSynchronously(scratch: offlineScratch)
            _ = mixer.mix(into: periodBuffer, frameCount: count)
            do {
                try sink.write(periodBuffer, frameCount: count)
            } catch {
                control.withLock { $0.stopReason = error.description }
                finished.store(true, ordering: .releasing)
                throw error
            }
            written += count
        }
        return written
    }

    /// Offline benchmarking of the audio thread's work: mixes `periods`
    /// periods of `sink.periodFrames` frames, generating synchronously between
    /// them as `renderOffline` does, and returns how long each mix alone took,
    /// in seconds. The audio is discarded, not written to the sink.
    public func measureMixDurations(periods: Int) -> [Double] {
        precondition(Mode(rawValue: mode.load(ordering: .relaxed)) != .live, "measureMixDurations on a live engine")
        mode.store(Mode.offline.rawValue, ordering: .relaxed)
        var durations: [Double] = []
        durations.reserveCapacity(periods)
        for _ in 0..<periods {
            workers.fillSynchronously(scratch: offlineScratch)
            let start = Self.monotonicSeconds()
            _ = mixer.mix(into: periodBuffer, frameCount: mixer.maximumFrames)
            durations.append(Self.monotonicSeconds() - start)
        }
        return durations
    }

    /// Ends playback at once (no fade), stops every thread and closes the
    /// sink. Safe to call more than once; a no-op after playback stopped.
    public func close() {
        closeRequested.store(true, ordering: .releasing)
        if let audioThread, !audioThread.isCurrent {
            audioThread.join()
        } else if audioThread == nil {
            closeSink()
            finished.store(true, ordering: .releasing)
        }
    }

    /// The audio thread: mix a period, hand it to the device, repeat.
    private func runAudioThread() {
        // Real-time scheduling where the system allows it: then two CPU-bound
        // programs beside us cannot delay a period. Otherwise normal priority.
        audioThreadIsRealTime.store(RealTimePriority.requestForCurrentThread(), ordering: .relaxed)
        var mixer = self.mixer
        let sink = self.sink
        let buffer = periodBuffer
        let frames = mixer.maximumFrames
        while !closeRequested.load(ordering: .relaxed) {
            let playing = mixer.mix(into: buffer, frameCount: frames)
            do {
                try sink.write(buffer, frameCount: frames)
            } catch {
                control.withLock { $0.stopReason = error.description }
                break
            }
            if !playing { break }
        }
        shared.master.pointee.stopped.store(true, ordering: .releasing)
        workers.stop()
        closeSink()
        finished.store(true, ordering: .releasing)
    }

    private func closeSink() {
        if !sinkClosed.exchange(true, ordering: .acquiringAndReleasing) { sink.close() }
    }

    // MARK: EngineControl

    public var scene: Scene { control.withLock { $0.scene } }

    public func apply(_ newScene: Scene) throws {
        guard newScene.layers.count <= Self.maximumLayers else {
            throw EngineError.tooManyLayers(count: newScene.layers.count, maximum: Self.maximumLayers)
        }
        try applying.withLock { _ in
            // Keep layers that play the same sound and variant; make the rest.
            let (old, seeds) = control.withLock { state in
                (state.scene, newScene.layers.map { _ in state.seeds.childSeed() })
            }
            let kept = Self.matchLayers(old: old.layers, new: newScene.layers)
            var sources: [Int: LayerSource] = [:]
            for (index, layer) in newScene.layers.enumerated() where kept[index] == nil {
                sources[index] = try provider.makeSource(for: layer, seed: seeds[index])
            }
            workers.recycleRetiredSlots()
            try control.withLock { state in try install(newScene, kept: kept, sources: sources, into: &state) }
        }
    }

    public func setWeight(_ weight: Float, ofLayer index: Int) {
        control.withLock { state in
            guard state.scene.layers.indices.contains(index) else { return }
            state.scene.layers[index].weight = Self.clampUnit(weight)
            updateGains(state)
        }
    }

    public func setIntensity(_ intensity: Float, ofLayer index: Int) {
        control.withLock { state in
            guard state.scene.layers.indices.contains(index) else { return }
            state.scene.layers[index].intensity = Self.clampUnit(intensity)
            updateIntensities(state)
        }
    }

    public func setMuted(_ muted: Bool, ofLayer index: Int) {
        control.withLock { state in
            guard state.scene.layers.indices.contains(index) else { return }
            state.scene.layers[index].muted = muted
            updateGains(state)
        }
    }

    public func setSolo(_ index: Int?) {
        control.withLock { state in
            state.solo = index.flatMap { state.scene.layers.indices.contains($0) ? $0 : nil }
            updateGains(state)
        }
    }

    public func setMaster(_ gain: Float) {
        control.withLock { state in
            state.scene.master = Self.clampUnit(gain)
            shared.master.pointee.gain.store(FaderCurve.gain(state.scene.master))
        }
    }

    public func setPaused(_ paused: Bool) {
        shared.master.pointee.paused.store(paused, ordering: .relaxed)
    }

    public func setTimer(seconds: Double?, fadeSeconds: Double) {
        control.withLock { state in setTimer(seconds: seconds, fadeSeconds: fadeSeconds, state: &state) }
    }

    /// Records whether the scene drifts. The drift itself is `EvolveDriver`'s
    /// (Scene/EvolveDriver.swift): it reads `scene.evolve` and moves weights
    /// and intensities through `setWeight` and `setIntensity`, so every move
    /// is smoothed by the mixer like a user's.
    public func setEvolving(_ evolving: Bool) {
        control.withLock { $0.scene.evolve = evolving }
    }

    public func stop(fadeSeconds: Double) {
        let frames = Int(max(0, fadeSeconds.isFinite ? fadeSeconds : 0) * Double(AudioFormat.sampleRate))
        shared.master.pointee.stopFadeFrames.store(frames, ordering: .relaxed)
    }

    public var status: EngineStatus {
        let master = shared.master
        let played = master.pointee.playedFrames.load(ordering: .relaxed)
        let rate = Double(AudioFormat.sampleRate)
        var status = EngineStatus()
        status.deviceName = sink.name
        status.latencyMilliseconds = sink.latencyMilliseconds
        status.xruns = sink.xrunCount
        status.ringUnderruns = master.pointee.underruns.load(ordering: .relaxed)
        status.masterLevel = master.pointee.peak.load()
        status.isPaused = master.pointee.paused.load(ordering: .relaxed)
        status.audioThreadIsRealTime = audioThreadIsRealTime.load(ordering: .relaxed)
        status.isStopped = master.pointee.stopped.load(ordering: .acquiring) || finished.load(ordering: .acquiring)
        status.playedSeconds = Double(played) / rate
        let timerStart = master.pointee.timerFadeStartFrame.load(ordering: .acquiring)
        if timerStart >= 0 {
            let end = timerStart + master.pointee.timerFadeFrames.load(ordering: .relaxed)
            status.timerRemainingSeconds = Double(max(0, end - played)) / rate
        }
        let live = Mode(rawValue: mode.load(ordering: .relaxed)) == .live
        let reference = live ? Self.monotonicSeconds() - startedAt : status.playedSeconds
        let cpu = workers.cpuNanoseconds.load(ordering: .relaxed)
        control.withLock { state in
            status.isEvolving = state.scene.evolve
            status.stopReason = state.stopReason
            status.layerLevels = state.layerSlots.map { shared.layers[$0].peak.load() }
            let fills = state.layerSlots.map { shared.rings[$0].availableToRead }
            status.minimumRingFillSeconds = Double(fills.min() ?? 0) / Double(AudioFormat.channelCount) / rate
            // Average over at least the last second: refresh the reading only then.
            let elapsed = reference - state.cpuSample.seconds
            if elapsed >= 1 {
                state.cpuPercent = Double(cpu - state.cpuSample.nanoseconds) / 1e9 / elapsed * 100
                state.cpuSample = (cpu, reference)
            }
            status.cpuPercent = state.cpuPercent
        }
        return status
    }

    // MARK: Helpers (control side only)

    /// For each new layer, the index of an old layer with the same sound and
    /// variant to keep playing (each old layer kept at most once), or nil.
    static func matchLayers(old: [LayerSettings], new: [LayerSettings]) -> [Int?] {
        var unused = Array(old.indices)
        return new.map { layer in
            guard
                let position = unused.firstIndex(where: {
                    old[$0].sound == layer.sound && old[$0].variant == layer.variant
                })
            else { return nil }
            return unused.remove(at: position)
        }
    }

    private func install(_ newScene: Scene, kept: [Int?], sources: [Int: LayerSource], into state: inout ControlState)
        throws
    {
        let keptSlots = Set(kept.compactMap { $0 }.map { state.layerSlots[$0] })
        let freeSlots = (0..<shared.slotCount).filter { shared.layers[$0].loadState() == .free }
        guard freeSlots.count >= sources.count else { throw EngineError.layersStillFading }

        for slot in state.layerSlots where !keptSlots.contains(slot) {
            if !shared.layers[slot].transition(from: .playing, to: .fadingOut) {
                shared.layers[slot].transition(from: .priming, to: .retired)
            }
        }
        var nextFree = freeSlots.makeIterator()
        var slots: [Int] = []
        for index in newScene.layers.indices {
            let controls = shared.layers
            if let oldIndex = kept[index] {
                slots.append(state.layerSlots[oldIndex])
            } else {
                let slot = nextFree.next()!
                shared.rings[slot].reset()  // free: no worker and no mixer touches it
                workers.setSource(sources[index]!, forSlot: slot)
                controls[slot].generation.wrappingAdd(1, ordering: .relaxed)
                controls[slot].underruns.store(0, ordering: .relaxed)
                controls[slot].peak.store(0)
                slots.append(slot)
            }
        }
        let previousTimer = state.scene.timerMinutes
        state.scene = newScene
        state.layerSlots = slots
        state.solo = nil
        updateGains(state)
        updateIntensities(state)
        // Gains and intensities are in place; now let the workers fill the new rings.
        for (index, slot) in slots.enumerated() where kept[index] == nil {
            shared.layers[slot].transition(from: .free, to: .priming)
        }
        shared.master.pointee.gain.store(FaderCurve.gain(newScene.master))
        if newScene.timerMinutes != previousTimer {
            // The scene's minutes are until playback stops, so the fade is their last part.
            let total = newScene.timerMinutes.map { max(0, $0 * 60) }
            let fade = min(Self.defaultTimerFadeSeconds, (total ?? 0) / 2)
            setTimer(seconds: total.map { $0 - fade }, fadeSeconds: fade, state: &state)
        }
    }

    /// Stores every layer's target gain: fader curve, mute and solo.
    private func updateGains(_ state: ControlState) {
        for (index, layer) in state.scene.layers.enumerated() {
            let audible = !layer.muted && (state.solo == nil || state.solo == index)
            let gain = audible ? FaderCurve.gain(layer.weight) : 0
            shared.layers[state.layerSlots[index]].gain.store(gain)
        }
    }

    /// Stores every layer's intensity for the workers.
    private func updateIntensities(_ state: ControlState) {
        for index in state.scene.layers.indices {
            shared.layers[state.layerSlots[index]].intensity.store(state.scene.layers[index].intensity)
        }
    }

    private func setTimer(seconds: Double?, fadeSeconds: Double, state: inout ControlState) {
        let master = shared.master
        guard let seconds, seconds.isFinite else {
            master.pointee.timerFadeStartFrame.store(-1, ordering: .releasing)
            state.scene.timerMinutes = nil
            return
        }
        let rate = Double(AudioFormat.sampleRate)
        let fade = max(0, fadeSeconds.isFinite ? fadeSeconds : 0)
        master.pointee.timerFadeFrames.store(max(1, Int(fade * rate)), ordering: .relaxed)
        let played = master.pointee.playedFrames.load(ordering: .relaxed)
        master.pointee.timerFadeStartFrame.store(played + Int(max(0, seconds) * rate), ordering: .releasing)
        // The scene counts minutes until playback stops: the wait plus the fade.
        state.scene.timerMinutes = (max(0, seconds) + fade) / 60
    }

    private static func clampUnit(_ value: Float) -> Float { value.isNaN ? 0 : min(max(value, 0), 1) }

    private static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Why the engine refused a request.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// The scene has more layers than the engine mixes.
    case tooManyLayers(count: Int, maximum: Int)
    /// Earlier scene changes are still fading out and hold every free slot.
    case layersStillFading

    public var description: String {
        switch self {
        case .tooManyLayers(let count, let maximum):
            return "the scene has \(count) layers but at most \(maximum) can play; remove some layers"
        case .layersStillFading:
            return
                "too many layers are still fading out from earlier scene changes; try again in \(Int(Engine.crossfadeSeconds)) seconds"
        }
    }
}
