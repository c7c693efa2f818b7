@testable import AudioEngine
import DSP
import Synchronization
import TestSupport
import Testing

/// A source that plays a constant level and stops having sound to give once
/// `starved` is set (`isReadyToRender` false), like a generator that fell behind:
/// the workers then leave its ring to run dry.
private final class StarvingSource: LayerSource, @unchecked Sendable {
    let starved = Atomic<Bool>(false)
    var isReadyToRender: Bool { !starved.load(ordering: .relaxed) }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        for i in 0..<(2 * frameCount) { output[i] = 0.25 }
    }
}

@Test func aStarvedLayerCountsUnderrunsForItselfOnly() throws {
    let starving = StarvingSource()
    let sink = RecordingSink()
    let provider = TestProvider(["starving": { starving }, "steady": { ConstantSource(left: 0.1, right: 0.1) }])
    let engine = Engine(sink: sink, provider: provider, seed: 1)
    try engine.apply(Mix(layers: [MixLayer(sound: "steady"), MixLayer(sound: "starving")], master: 1))
    try engine.renderOffline(frames: frames(1))
    #expect(engine.status.layerUnderruns == [0, 0])

    starving.starved.store(true, ordering: .relaxed)
    // Longer than any ring lead: the starved ring runs dry and stays dry.
    try engine.renderOffline(frames: frames(6))
    let status = engine.status
    #expect(status.layerUnderruns[0] == 0, "the steady layer never ran dry")
    #expect(status.layerUnderruns[1] > 0, "the starved layer's dry periods are its own")
    #expect(status.ringUnderruns == status.layerUnderruns[1])
}
