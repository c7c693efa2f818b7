@testable import AudioEngine
@testable import DSP
@testable import SoundLibrary
import TestSupport
import Testing


#if canImport(Glibc)
    import Glibc
#endif

private func constant(_ left: Float, _ right: Float) -> @Sendable () -> LayerSource {
    { ConstantSource(left: left, right: right) }
}

/// An offline engine playing `layers` at full master, rendered past the 2 s fade-in.
private func settledEngine(
    _ table: [String: @Sendable () -> LayerSource], layers: [MixLayer]
) throws -> (Engine, RecordingSink, TestProvider) {
    let sink = RecordingSink()
    let provider = TestProvider(table)
    let engine = Engine(sink: sink, provider: provider, seed: 1)
    try engine.apply(Mix(layers: layers, master: 1))
    try engine.renderOffline(frames: frames(2.5))
    return (engine, sink, provider)
}

private func lastFrame(_ sink: RecordingSink) -> (left: Float, right: Float) {
    let samples = sink.samples
    return (samples[samples.count - 2], samples[samples.count - 1])
}

@Test func weightStepNeverJumpsMoreThanSmoothingAllows() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    let start = sink.frameCount
    engine.setWeight(0.2, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.1))
    let lowered = sink.frameCount
    engine.setWeight(1, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.1))

    let samples = sink.samples
    let allowed = 0.25 * Mixer.gainStepPerSample * 1.001
    #expect(largestStep(samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= allowed)
    // The step is heard at once and completes within the ramp (20 ms).
    #expect(samples[2 * start] < 0.25)
    #expect(abs(samples[2 * (start + frames(0.025))] - 0.25 * FaderCurve.gain(0.2)) < 1e-5)
    #expect(abs(samples[2 * (lowered + frames(0.025))] - 0.25) < 1e-5)
}

@Test func masterStepIsSmoothedToo() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    let start = sink.frameCount
    engine.setMaster(0)
    try engine.renderOffline(frames: frames(0.1))
    #expect(
        largestStep(sink.samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= 0.25 * Mixer.gainStepPerSample
            * 1.001)
    #expect(lastFrame(sink).left == 0)
}

@Test func muteSoloAndMasterShapeTheMix() throws {
    let (engine, sink, _) = try settledEngine(
        ["left": constant(0.2, 0), "right": constant(0, 0.3)],
        layers: [MixLayer(sound: "left", weight: 1), MixLayer(sound: "right", weight: 1)])
    #expect(abs(lastFrame(sink).left - 0.2) < 1e-5 && abs(lastFrame(sink).right - 0.3) < 1e-5)

    engine.setMuted(true, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.1))
    #expect(lastFrame(sink).left == 0 && abs(lastFrame(sink).right - 0.3) < 1e-5)
    #expect(engine.status.layers[0].isMuted)

    engine.setMuted(false, ofLayer: 0)
    engine.setSolo(0)
    try engine.renderOffline(frames: frames(0.1))
    #expect(abs(lastFrame(sink).left - 0.2) < 1e-5 && lastFrame(sink).right == 0)

    engine.setSolo(nil)
    engine.setMaster(0.5)
    try engine.renderOffline(frames: frames(0.1))
    #expect(abs(lastFrame(sink).left - 0.2 * 0.25) < 1e-5 && abs(lastFrame(sink).right - 0.3 * 0.25) < 1e-5)
    #expect(engine.status.master == 0.5)
}

@Test func pauseFadesToSilenceHoldsTimeAndResumes() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    let playedBefore = engine.status.playedSeconds
    let start = sink.frameCount
    engine.setPaused(true)
    try engine.renderOffline(frames: frames(1))
    #expect(engine.status.isPaused)
    #expect(lastFrame(sink).left == 0)
    // The fade takes 0.25 s; after that the clock stands still.
    #expect(engine.status.playedSeconds - playedBefore < 0.27)
    let slope = 0.25 * Float.pi / 2 / (Mixer.pauseFadeSeconds * Float(AudioFormat.sampleRate))
    #expect(largestStep(sink.samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= slope * 1.01)

    engine.setPaused(false)
    try engine.renderOffline(frames: frames(0.5))
    #expect(!engine.status.isPaused)
    #expect(abs(lastFrame(sink).left - 0.25) < 1e-5)
    #expect(largestStep(sink.samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= slope * 1.01)
}

@Test func timerFadesOutThenStops() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    let start = sink.frameCount
    engine.setTimer(seconds: 1, fadeSeconds: 2)
    #expect(abs((engine.status.timerRemainingSeconds ?? 0) - 3) < 0.01)
    #expect(engine.status.timerFadeSeconds == 2)

    let rendered = try engine.renderOffline(frames: frames(10))
    // The fade ends in the period that finishes it; rounding may add one more.
    #expect(rendered >= frames(3) && rendered <= frames(3) + 2 * sink.periodFrames)
    let samples = sink.samples
    #expect(samples[2 * (start + frames(0.9))] == 0.25, "full level before the timer's fade")
    var previous: Float = 1
    for frame in (start + frames(1))..<sink.frameCount {
        #expect(samples[2 * frame] <= previous)
        previous = samples[2 * frame]
        if samples[2 * frame] > previous { break }
    }
    #expect(lastFrame(sink).left == 0)
    #expect(engine.status.isStopped)
    #expect(engine.status.timerRemainingSeconds == 0)
    #expect(try engine.renderOffline(frames: frames(1)) == 0)
}

@Test func cancelledTimerKeepsPlaying() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    engine.setTimer(seconds: 0.5, fadeSeconds: 1)
    try engine.renderOffline(frames: frames(0.7))
    engine.setTimer(seconds: nil, fadeSeconds: 0)
    try engine.renderOffline(frames: frames(2))
    #expect(!engine.status.isStopped)
    #expect(engine.status.timerRemainingSeconds == nil)
    #expect(abs(lastFrame(sink).left - 0.25) < 1e-5)
}

@Test func stopFadesOutOverTheGivenTime() throws {
    let (engine, sink, _) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    engine.stop(fadeSeconds: 0.5)
    let rendered = try engine.renderOffline(frames: frames(5))
    #expect(rendered >= frames(0.5) && rendered <= frames(0.5) + 2 * sink.periodFrames)
    #expect(engine.status.isStopped)
    #expect(lastFrame(sink).left == 0)
    engine.close()
    #expect(sink.closeCount == 1)
    engine.close()
    #expect(sink.closeCount == 1, "closing twice closes the sink once")
}

@Test func applyCrossfadesWithoutAJumpAndRetiresTheOldLayer() throws {
    let (engine, sink, _) = try settledEngine(
        ["a": constant(0.2, 0.2), "b": constant(0.3, 0.3)], layers: [MixLayer(sound: "a", weight: 1)])
    let start = sink.frameCount
    try engine.apply(Mix(layers: [MixLayer(sound: "b", weight: 1)], master: 1))
    try engine.renderOffline(frames: frames(1))
    let middle = lastFrame(sink).left
    try engine.renderOffline(frames: frames(2))

    // Equal-power fades: the sum moves at most (0.2 + 0.3)·π/2 per crossfade step.
    let allowed = 0.5 * Float.pi / 2 / (Mixer.crossfadeSeconds * Float(AudioFormat.sampleRate))
    #expect(largestStep(sink.samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= allowed * 1.01)
    #expect(middle > 0.3, "both layers sound halfway through the crossfade (\(middle))")
    #expect(abs(lastFrame(sink).left - 0.3) < 1e-5, "only the new layer is left")
    #expect(engine.status.layerLevels.count == 1)
}

@Test func reapplyingTheSameSoundsKeepsThemPlaying() throws {
    let (engine, sink, provider) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", weight: 1)])
    let start = sink.frameCount
    try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 0.5)], master: 1))
    try engine.renderOffline(frames: frames(0.1))
    #expect(provider.sources(named: "dc").count == 1)
    #expect(abs(lastFrame(sink).left - 0.25 * FaderCurve.gain(0.5)) < 1e-5)
    #expect(
        largestStep(sink.samples, channel: 0, frames: (start - 1)..<sink.frameCount) <= 0.25 * Mixer.gainStepPerSample
            * 1.001)
}

@Test func limiterKeepsTheLoudestSumBelowMinusOneDecibel() throws {
    let layers = (0..<Engine.maximumLayers).map { _ in MixLayer(sound: "loud", weight: 1) }
    let (engine, sink, _) = try settledEngine(["loud": constant(0.9, -0.9)], layers: layers)
    try engine.apply(
        Mix(
            layers: [MixLayer(sound: "pink-noise", weight: 1), MixLayer(sound: "white-noise", weight: 1)]
                + layers.prefix(4), master: 1))
    try engine.renderOffline(frames: frames(3))
    let samples = sink.samples
    let peak = samples.map(abs).max() ?? 0
    #expect(peak <= Mixer.ceiling * 1.000_001, "peak \(peak)")
    #expect(samples.allSatisfy { $0.isFinite })
    #expect(abs(samples[2 * frames(2.4)] - Mixer.ceiling) < 0.01, "a held overload sits at the ceiling")
}

@Test func intensityReachesTheSource() throws {
    let (engine, _, provider) = try settledEngine(
        ["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc", intensity: 0.3)])
    let source = try #require(provider.sources(named: "dc").first as? ConstantSource)
    #expect(Float(bitPattern: source.lastIntensity.load(ordering: .relaxed)) == 0.3)
    engine.setIntensity(0.9, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.5))
    #expect(Float(bitPattern: source.lastIntensity.load(ordering: .relaxed)) == 0.9)
    #expect(engine.status.layers[0].intensity == 0.9)
}

@Test func statusReportsLevelsFillAndTime() throws {
    let (engine, _, _) = try settledEngine(
        ["left": constant(0.2, 0), "right": constant(0, 0.3)],
        layers: [MixLayer(sound: "left", weight: 1), MixLayer(sound: "right", weight: 1)])
    let status = engine.status
    #expect(status.layerLevels.count == 2)
    #expect(abs(status.layerLevels[0] - 0.2) < 1e-3 && abs(status.layerLevels[1] - 0.3) < 1e-3)
    #expect(abs(status.masterLevel - 0.3) < 1e-3)
    #expect(status.minimumRingFillSeconds >= 2.3 && status.minimumRingFillSeconds <= 2.5)
    #expect(abs(status.playedSeconds - 2.5) < 0.011)
    #expect(status.ringUnderruns == 0 && status.xruns == 0)
    #expect(status.deviceName == "recording")
    #expect(!status.isStopped && !status.isPaused)
}

@Test func sameSeedRendersTheSameMix() throws {
    func render() throws -> [Float] {
        let sink = RecordingSink()
        let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 99)
        try engine.apply(Mix(layers: [MixLayer(sound: "pink-noise"), MixLayer(sound: "brown-noise")]))
        try engine.renderOffline(frames: frames(1))
        return sink.samples
    }
    #expect(try render() == render())
}

@Test func badScenesAreRefusedAndLeaveThePlayingSceneAlone() throws {
    let (engine, _, _) = try settledEngine(["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc")])
    #expect(throws: SoundProviderError.self) {
        try engine.apply(Mix(layers: [MixLayer(sound: "bagpipes")]))
    }
    let tooMany = Mix(layers: Array(repeating: MixLayer(sound: "dc"), count: Engine.maximumLayers + 1))
    #expect(throws: EngineError.tooManyLayers(count: Engine.maximumLayers + 1, maximum: Engine.maximumLayers)) {
        try engine.apply(tooMany)
    }
    #expect(engine.status.layers.map(\.sound) == ["dc"])
}

// MARK: Live: real threads

private func waitFor(_ condition: () -> Bool, seconds: Double = 30) -> Bool {
    for _ in 0..<Int(seconds * 1000) {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}

@Test func stalledLayerPlaysSilenceIsCountedAndNeverBlocksTheAudioThread() throws {
    let source = ConstantSource(left: 0.5, right: 0.5, hangAfterBlocks: 40)
    defer { source.released.store(true, ordering: .releasing) }
    let sink = RecordingSink(pacingMicroseconds: 2_000, keepFrames: frames(4))
    let engine = Engine(sink: sink, provider: TestProvider(["stall": { source }]), seed: 1)
    try engine.apply(Mix(layers: [MixLayer(sound: "stall", weight: 1)], master: 1))
    engine.start()

    // The source hangs after 40 blocks (0.85 s); the audio thread must keep going.
    #expect(waitFor { sink.frameCount >= frames(4) })
    #expect(engine.status.ringUnderruns > 0)
    let samples = sink.samples
    #expect(samples[0..<(2 * frames(0.8))].contains { $0 != 0 }, "the layer played before it stalled")
    #expect(samples[(2 * frames(3))...].allSatisfy { $0 == 0 }, "a dry ring plays silence")

    source.released.store(true, ordering: .releasing)
    engine.stop(fadeSeconds: 0)
    engine.waitUntilStopped()
    #expect(engine.status.isStopped)
    #expect(sink.closeCount == 1)
}

@Test func lostDeviceStopsPlaybackWithTheReason() throws {
    let sink = RecordingSink(failAfterWrites: 30, pacingMicroseconds: 1_000)
    let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 1, workerCount: 2)
    try engine.apply(Mix(layers: [MixLayer(sound: "pink-noise"), MixLayer(sound: "brown-noise")]))
    engine.start()
    engine.waitUntilStopped()
    let status = engine.status
    #expect(status.isStopped)
    #expect(status.stopReason?.contains("unplugged by the test") == true)
    #expect(sink.closeCount == 1)
    #expect(sink.frameCount == 30 * sink.periodFrames)
}

@Test func livePlaybackStopsAfterTheTimerAndClosesTheSink() throws {
    // Twice real time: quick, and still a real-time run.
    let sink = RecordingSink(pacingMicroseconds: 5_000)
    let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 1, workerCount: 2)
    try engine.apply(Mix(layers: [MixLayer(sound: "pink-noise", weight: 1)], master: 1))
    engine.start()
    engine.setTimer(seconds: 2.5, fadeSeconds: 0.5)
    engine.waitUntilStopped()
    #expect(engine.status.isStopped)
    #expect(engine.status.stopReason == nil)
    #expect(sink.closeCount == 1)
    let samples = sink.samples
    #expect(samples.count / 2 >= frames(3))
    #expect(samples.suffix(2 * 480).allSatisfy { $0 == 0 })
    let middle = Array(samples[(2 * frames(2.2))..<(2 * frames(2.5))])
    #expect(middle.withUnsafeBufferPointer { Loudness.rmsDecibels($0) } > -40, "pink noise played before the fade")
}

@Test func mixDurationsAreMeasuredPerPeriodWithoutWritingTheSink() throws {
    let sink = RecordingSink()
    let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 3)
    try engine.apply(Mix(layers: [MixLayer(sound: "pink-noise"), MixLayer(sound: "brown-noise")]))
    let durations = engine.measureMixDurations(periods: 200)
    #expect(durations.count == 200)
    #expect(durations.allSatisfy { $0 >= 0 })
    #expect(sink.frameCount == 0)
    #expect(abs(engine.status.playedSeconds - 200 * 0.01) < 1e-9)
}

@Test func evolvingIsRecordedInTheStatus() throws {
    let (engine, _, _) = try settledEngine(["dc": constant(0.25, 0.25)], layers: [MixLayer(sound: "dc")])
    engine.setEvolving(true)
    #expect(engine.status.isEvolving)
    engine.setEvolving(false)
    #expect(!engine.status.isEvolving)
}

@Test func sinkWithLongPeriodsNeverRunsTheRingsDry() throws {
    let sink = RecordingSink(periodFrames: 48_000)
    let engine = Engine(sink: sink, provider: TestProvider(["dc": constant(0.25, 0.25)]), seed: 1)
    try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
    try engine.renderOffline(frames: frames(5))
    #expect(engine.status.ringUnderruns == 0)
    #expect(abs(lastFrame(sink).left - 0.25) < 1e-5)
}
