import DSP

// The control side of the engine: the `EngineControl` setters and `apply`.
// Each stores atomics the audio thread and the workers read; none touches the audio thread.
extension Engine {
    public func apply(_ newMix: Mix) throws {
        guard newMix.layers.count <= Self.maximumLayers else {
            throw EngineError.tooManyLayers(count: newMix.layers.count, maximum: Self.maximumLayers)
        }
        try applying.withLock { _ in
            // Keep layers that play the same sound and variant; make the rest.
            let (old, seeds) = control.withLock { state in
                (state.mix, newMix.layers.map { _ in state.seeds.childSeed() })
            }
            let kept = Self.matchLayers(old: old.layers, new: newMix.layers)
            var sources: [Int: LayerSource] = [:]
            for (index, layer) in newMix.layers.enumerated() where kept[index] == nil {
                sources[index] = try provider.makeSource(for: layer, seed: seeds[index])
            }
            // After the sources: a provider that had to make a model now knows what it plays at.
            let staging = newMix.loudnessTarget.map { target in
                LoudnessStaging.gain(for: newMix.layers, target: target, loudness: provider.playedLoudness(of:))
            }
            workers.recycleRetiredSlots()
            try control.withLock { state in
                if let staging { state.stagingGain = staging }
                try install(newMix, kept: kept, sources: sources, into: &state)
            }
            workers.wake()
        }
    }

    public func setWeight(_ weight: Float, ofLayer index: Int) {
        control.withLock { state in
            guard state.mix.layers.indices.contains(index) else { return }
            state.mix.layers[index].weight = Self.clampUnit(weight)
            updateGains(state)
        }
    }

    public func setIntensity(_ intensity: Float, ofLayer index: Int, jumps: Bool) {
        let changed = control.withLock { state in
            guard state.mix.layers.indices.contains(index) else { return false }
            state.mix.layers[index].intensity = Self.clampUnit(intensity)
            updateIntensities(state)
            if jumps { shared.layers[state.layerSlots[index]].jumpRequests.wrappingAdd(1, ordering: .releasing) }
            return true
        }
        // The worker re-renders the layer's lead at the new intensity now, not when it next wakes.
        if changed && jumps { workers.wake() }
    }

    public func setMuted(_ muted: Bool, ofLayer index: Int) {
        control.withLock { state in
            guard state.mix.layers.indices.contains(index) else { return }
            state.mix.layers[index].isMuted = muted
            updateGains(state)
        }
    }

    public func setSolo(_ index: Int?) {
        control.withLock { state in
            state.solo = index.flatMap { state.mix.layers.indices.contains($0) ? $0 : nil }
            updateGains(state)
        }
    }

    public func setMaster(_ gain: Float) {
        control.withLock { state in
            state.mix.master = Self.clampUnit(gain)
            shared.master.pointee.gain.store(FaderCurve.gain(state.mix.master))
        }
    }

    public func setPaused(_ paused: Bool) {
        shared.master.pointee.paused.store(paused, ordering: .relaxed)
        // A resume ends the audio thread's rest (a pause needs no wake: it rests by itself),
        // and the workers', who sleep while nothing drains.
        shared.wake.post()
        workers.wake()
    }

    public func setTimer(seconds: Double?, fadeSeconds: Double) {
        let master = shared.master
        guard let seconds, seconds.isFinite else {
            master.pointee.timerFadeStartFrame.store(-1, ordering: .releasing)
            return
        }
        let rate = Double(AudioFormat.sampleRate)
        let fade = max(0, fadeSeconds.isFinite ? fadeSeconds : 0)
        master.pointee.timerFadeFrames.store(max(1, Int(fade * rate)), ordering: .relaxed)
        let played = master.pointee.playedFrames.load(ordering: .relaxed)
        master.pointee.timerFadeStartFrame.store(played + Int(max(0, seconds) * rate), ordering: .releasing)
    }

    /// Records whether the mix drifts. The drift itself is the evolve driver's
    /// (Scenes/EvolveDriver.swift): it reads `status.isEvolving` and moves weights
    /// and intensities through `setWeight` and `setIntensity`, so every move
    /// is smoothed by the mixer like a user's.
    public func setEvolving(_ evolving: Bool) {
        let observers = control.withLock { state in
            state.evolving = evolving
            return state.evolvingObservers
        }
        // Outside the lock: an observer may read `status`.
        for observer in observers { observer() }
    }

    public func observeEvolving(_ observer: @escaping @Sendable () -> Void) {
        control.withLock { $0.evolvingObservers.append(observer) }
    }

    public func stop(fadeSeconds: Double) {
        let frames = Int(max(0, fadeSeconds.isFinite ? fadeSeconds : 0) * Double(AudioFormat.sampleRate))
        shared.master.pointee.stopFadeFrames.store(frames, ordering: .relaxed)
        shared.wake.post()
    }

    // MARK: Helpers (control side only)

    /// For each new layer, the index of an old layer with the same sound and
    /// variant to keep playing (each old layer kept at most once), or nil.
    static func matchLayers(old: [MixLayer], new: [MixLayer]) -> [Int?] {
        var unused = Array(old.indices)
        return new.map { layer in
            guard let position = unused.firstIndex(where: { old[$0].playsSameSource(as: layer) }) else { return nil }
            return unused.remove(at: position)
        }
    }

    private func install(_ newMix: Mix, kept: [Int?], sources: [Int: LayerSource], into state: inout ControlState)
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
        for index in newMix.layers.indices {
            let controls = shared.layers
            if let oldIndex = kept[index] {
                slots.append(state.layerSlots[oldIndex])
            } else {
                let slot = nextFree.next()!
                shared.rings[slot].reset()  // free: no worker and no mixer touches it
                lockRingInMemory(slot, in: &state)
                workers.setSource(sources[index]!, forSlot: slot)
                controls[slot].generation.wrappingAdd(1, ordering: .relaxed)
                controls[slot].underruns.store(0, ordering: .relaxed)
                controls[slot].peak.store(0)
                slots.append(slot)
            }
        }
        // Solo follows its layer when that layer is kept, wherever it now sits.
        state.solo = state.solo.flatMap { solo in kept.firstIndex { $0 == solo } }
        state.mix = newMix
        state.layerSlots = slots
        updateGains(state)
        updateIntensities(state)
        // A new mix is a person's choice: a kept layer whose intensity changed is heard at once.
        for slot in slots { shared.layers[slot].jumpRequests.wrappingAdd(1, ordering: .releasing) }
        // Gains and intensities are in place; now let the workers fill the new rings.
        for (index, slot) in slots.enumerated() where kept[index] == nil {
            shared.layers[slot].transition(from: .free, to: .priming)
        }
        shared.master.pointee.gain.store(FaderCurve.gain(newMix.master))
    }

    /// Stores every layer's target gain: fader curve, mute and solo.
    private func updateGains(_ state: ControlState) {
        for (index, layer) in state.mix.layers.enumerated() {
            let audible = !layer.isMuted && (state.solo == nil || state.solo == index)
            let gain = audible ? FaderCurve.gain(layer.weight) * state.stagingGain : 0
            shared.layers[state.layerSlots[index]].gain.store(gain)
        }
    }

    /// Stores every layer's intensity for the workers.
    private func updateIntensities(_ state: ControlState) {
        for index in state.mix.layers.indices {
            shared.layers[state.layerSlots[index]].intensity.store(state.mix.layers[index].intensity)
        }
    }

    private static func clampUnit(_ value: Float) -> Float { value.isNaN ? 0 : min(max(value, 0), 1) }
}
