import Synchronization
import TestSupport
import Testing

@testable import AudioEngine
@testable import DSP

#if canImport(Glibc)
    import Glibc
#endif

/// A device that goes away after some periods and comes back when the test says so, as a
/// reconnecting `AlsaSink` does: `write` returns, `isWaitingForDevice` turns true, and
/// `waitForDevice` sleeps until `bringBack()`. Keeps what was written.
private final class VanishingSink: Sink, @unchecked Sendable {
    let name = "vanishing"
    let periodFrames = 480
    let latencyMilliseconds = 10.0
    let xrunCount = 0
    private let vanishAfterWrites: Int
    private let writes = Atomic<Int>(0)
    private let away = Atomic<Bool>(false)
    private let back = Atomic<Bool>(false)
    private let reconnections = Atomic<Int>(0)
    private let recorded = Mutex<[Float]>([])
    /// Frames written before the device went away.
    let framesBeforeGap = Atomic<Int>(0)

    init(vanishAfterWrites: Int) { self.vanishAfterWrites = vanishAfterWrites }

    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        let count = writes.wrappingAdd(1, ordering: .relaxed).newValue
        if count == vanishAfterWrites + 1 {
            // This period is lost with the device.
            framesBeforeGap.store(recorded.withLock { $0.count / 2 }, ordering: .relaxed)
            away.store(true, ordering: .releasing)
            return
        }
        recorded.withLock {
            $0.append(contentsOf: UnsafeBufferPointer(start: frames, count: frameCount * 2))
        }
        usleep(500)  // paced, so the workers keep up
    }

    func close() {}

    var isWaitingForDevice: Bool { away.load(ordering: .acquiring) }
    var reconnectionCount: Int { reconnections.load(ordering: .relaxed) }

    func waitForDevice(milliseconds: Int) -> Bool {
        for _ in 0..<milliseconds {
            if back.load(ordering: .acquiring) {
                back.store(false, ordering: .relaxed)
                away.store(false, ordering: .releasing)
                reconnections.add(1, ordering: .relaxed)
                return true
            }
            usleep(1_000)
        }
        return false
    }

    func bringBack() { back.store(true, ordering: .releasing) }

    var samples: [Float] { recorded.withLock { $0 } }
}

@Test func aVanishedDeviceKeepsThePlaceAndPlaysOnWithAFadeIn() throws {
    let sink = VanishingSink(vanishAfterWrites: 300)  // 3 s of audio: past the layer's 2 s fade-in
    let engine = Engine(
        sink: sink, provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1
    )
    try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
    engine.start()
    #expect(
        eventually(10) { engine.status.isWaitingForDevice }, "the sink never reported the device away")
    let playedWhenLost = engine.status.playedSeconds
    usleep(300_000)
    let waiting = engine.status
    #expect(waiting.isWaitingForDevice && !waiting.isStopped)
    #expect(waiting.playedSeconds == playedWhenLost, "the scene moved on while the device was away")
    #expect(
        waiting.masterLevel == 0 && waiting.shortTermLoudness == -.infinity && waiting.layerLevels == [0],
        "the meters show sound while nothing is heard: \(waiting.masterLevel), \(waiting.layerLevels)")

    sink.bringBack()
    #expect(
        eventually(5) {
            !engine.status.isWaitingForDevice && engine.status.playedSeconds > playedWhenLost + 0.5
        })
    engine.stop(fadeSeconds: 0.1)
    engine.waitUntilStopped()
    #expect(engine.status.reconnections == 1)
    #expect(engine.status.stopReason == nil)

    let samples = sink.samples
    let gap = sink.framesBeforeGap.load(ordering: .relaxed)
    let before = samples[2 * (gap - 1)]
    #expect(before > 0.2, "full level before the device went away: \(before)")
    // After the gap: from silence, up over the pause fade (0.25 s), without a click.
    #expect(
        samples[2 * gap] < 0.01,
        "the first sample after the gap is \(samples[2 * gap]), not a fade from silence")
    let fadeEnd = gap + frames(Double(Mixer.pauseFadeSeconds))
    #expect(samples[2 * (fadeEnd + 480)] > 0.2, "not back to full level after the fade-in")
    #expect(largestStep(samples, channel: 0, frames: gap..<(fadeEnd + 480)) < 0.002)
}

@Test func aStopWhileTheDeviceIsAwayEndsAtOnceWithoutAnError() throws {
    let sink = VanishingSink(vanishAfterWrites: 20)
    let engine = Engine(
        sink: sink, provider: TestProvider(["dc": { ConstantSource(left: 0.25, right: 0.25) }]), seed: 1
    )
    try engine.apply(Mix(layers: [MixLayer(sound: "dc", weight: 1)], master: 1))
    engine.start()
    #expect(eventually(10) { engine.status.isWaitingForDevice })
    engine.stop(fadeSeconds: 0.3)
    engine.waitUntilStopped()
    #expect(engine.status.isStopped)
    #expect(engine.status.stopReason == nil)
    #expect(engine.status.reconnections == 0)
}
