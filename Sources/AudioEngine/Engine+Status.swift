import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Engine {
    /// The control model and the readings, in one snapshot; cheap enough for a 20 Hz screen.
    public var status: EngineStatus {
        let master = shared.master
        let played = master.pointee.playedFrames.load(ordering: .relaxed)
        let rate = Double(AudioFormat.sampleRate)
        var status = EngineStatus()
        status.deviceName = sink.name
        status.latencyMilliseconds = sink.latencyMilliseconds
        status.xruns = sink.xrunCount
        status.isWaitingForDevice = sink.isWaitingForDevice
        status.reconnections = sink.reconnectionCount
        status.ringUnderruns = master.pointee.underruns.load(ordering: .relaxed)
        status.masterLevel = master.pointee.peak.load()
        status.shortTermLoudness = LoudnessMeter.lufs(energy: Double(master.pointee.shortTermEnergy.load()))
        status.isPaused = master.pointee.paused.load(ordering: .relaxed)
        status.audioThreadIsRealTime = audioThreadIsRealTime.load(ordering: .relaxed)
        status.generationPriority = GenerationPriority(rawValue: workers.priority.load(ordering: .relaxed)) ?? .unknown
        let loopEnded = master.pointee.stopped.load(ordering: .acquiring)
        status.isStopped = loopEnded || finished.load(ordering: .acquiring)
        status.playedSeconds = Double(played) / rate
        let timerStart = master.pointee.timerFadeStartFrame.load(ordering: .acquiring)
        if timerStart >= 0 {
            let fadeFrames = master.pointee.timerFadeFrames.load(ordering: .relaxed)
            status.timerRemainingSeconds = Double(max(0, timerStart + fadeFrames - played)) / rate
            status.timerFadeSeconds = Double(fadeFrames) / rate
        }
        let live = Mode(rawValue: mode.load(ordering: .relaxed)) == .live
        let reference = live ? MonotonicClock.seconds() - startedAt : status.playedSeconds
        let workerCPU = workers.cpuNanoseconds.load(ordering: .relaxed)
        // Live, the whole process: the audio thread, the sound server's client thread and the
        // screen cost as much as generating. Offline only the generation is playback's own work.
        let processCPU = live ? MonotonicClock.processCPUNanoseconds() : workerCPU
        // The audio thread wrote any sink failure before it released `stopped`.
        let failure = loopEnded ? sinkFailure.pointee?.description : nil
        control.withLock { state in
            status.layers = state.mix.layers
            status.master = state.mix.master
            status.soloLayer = state.solo
            status.stagingDecibels = 20 * log10(Double(state.stagingGain))
            status.isEvolving = state.evolving
            status.ringMemoryIsLocked = !state.ringLockRefused
            status.stopReason = state.stopReason ?? failure
            status.layerLevels = state.layerSlots.map { shared.layers[$0].peak.load() }
            status.layerUnderruns = state.layerSlots.map { shared.layers[$0].underruns.load(ordering: .relaxed) }
            let fills = state.layerSlots.map { shared.rings[$0].availableToRead }
            status.minimumRingFillSeconds = Double(fills.min() ?? 0) / Double(AudioFormat.channelCount) / rate
            // Average over at least the last second: refresh the reading only then.
            let elapsed = reference - state.cpuSample.seconds
            if elapsed >= 1 {
                state.cpuPercent = Double(processCPU - state.cpuSample.process) / 1e9 / elapsed * 100
                state.generationCPUPercent = Double(workerCPU - state.cpuSample.workers) / 1e9 / elapsed * 100
                state.cpuSample = (processCPU, workerCPU, reference)
            }
            status.cpuPercent = state.cpuPercent
            status.generationCPUPercent = state.generationCPUPercent
        }
        if status.isWaitingForDevice {
            // Nothing is heard while the device is away; the meters hold the last period mixed.
            status.masterLevel = 0
            status.shortTermLoudness = -.infinity
            status.layerLevels = status.layerLevels.map { _ in 0 }
        }
        return status
    }
}
