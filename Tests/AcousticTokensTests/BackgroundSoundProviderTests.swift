@testable import AcousticTokens
@testable import AudioEngine
import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing


/// A provider whose "slow" sound is made only once the test opens a gate,
/// as a model that takes seconds to train would be; "broken" fails.
final class GatedProvider: SoundProvider, @unchecked Sendable {
    let gate = DispatchSemaphore(value: 0)
    /// True if a maker gave up waiting for the gate: it was made on the caller's thread.
    let waitedInVain = Atomic<Bool>(false)

    func preparationNeeded(for layer: MixLayer) throws -> Bool {
        guard ["slow", "broken", "quick"].contains(layer.sound) else {
            throw SoundProviderError.unknownSound(layer.sound, known: ["slow", "broken", "quick"])
        }
        return layer.sound != "quick"
    }

    func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        if layer.sound == "broken" {
            throw SoundProviderError.unusable(sound: "broken", reason: "its model is damaged")
        }
        if layer.sound == "slow", gate.wait(timeout: .now() + 10) == .timedOut {
            waitedInVain.store(true, ordering: .relaxed)
        }
        return ConstantSource(left: 0.5, right: 0.5)
    }
}

/// Renders `frames` frames of `source`, returning the left channel.
private func leftChannel(of source: LayerSource, frames: Int) -> [Float] {
    var buffer = [Float](repeating: 1, count: 2 * frames)
    buffer.withUnsafeMutableBufferPointer { source.render(into: $0.baseAddress!, frameCount: frames, intensity: 0.5) }
    return stride(from: 0, to: buffer.count, by: 2).map { buffer[$0] }
}

@Test func aSlowSoundIsSilentWhileItIsPreparedThenFadesIn() throws {
    let gated = GatedProvider()
    let provider = BackgroundSoundProvider(wrapping: gated)
    let layer = MixLayer(sound: "slow")
    let source = try provider.makeSource(for: layer, seed: 1)
    #expect(provider.preparation(of: layer) == .preparing)
    #expect(leftChannel(of: source, frames: 1024).allSatisfy { $0 == 0 }, "silent until its model is ready")

    gated.gate.signal()
    provider.waitUntilPrepared()
    let madeOnTheCallersThread = gated.waitedInVain.load(ordering: .relaxed)
    #expect(!madeOnTheCallersThread, "makeSource waited for the slow work")
    #expect(provider.preparation(of: layer) == .ready)
    let fade = leftChannel(of: source, frames: frames(Engine.crossfadeSeconds) + 1024)
    #expect(fade[0] < 0.01, "it enters from silence, not with a jump")
    #expect(zip(fade, fade.dropFirst()).allSatisfy { $0 <= $1 + 1e-6 }, "the fade only rises")
    #expect(fade.last == 0.5, "after the fade the layer plays at its own level")
}

@Test func quickSoundsAreMadeAtOnceAndUnknownOnesRefusedAtOnce() throws {
    let provider = BackgroundSoundProvider(wrapping: GatedProvider())
    let quick = try provider.makeSource(for: MixLayer(sound: "quick"), seed: 1)
    #expect(leftChannel(of: quick, frames: 16).allSatisfy { $0 == 0.5 })
    #expect(provider.preparation(of: MixLayer(sound: "quick")) == .ready)
    #expect(throws: SoundProviderError.self) { try provider.makeSource(for: MixLayer(sound: "kazoo"), seed: 1) }
}

@Test func aSoundThatFailsInTheBackgroundStaysSilentAndSaysWhy() throws {
    let provider = BackgroundSoundProvider(wrapping: GatedProvider())
    let layer = MixLayer(sound: "broken")
    let source = try provider.makeSource(for: layer, seed: 1)
    provider.waitUntilPrepared()
    guard case .failed(let reason) = provider.preparation(of: layer) else {
        Issue.record("a failed sound reads as \(provider.preparation(of: layer))")
        return
    }
    #expect(reason.contains("its model is damaged"))
    #expect(leftChannel(of: source, frames: 1024).allSatisfy { $0 == 0 })
}

@Test func aTokenSoundNeedsPreparationOnlyUntilItsModelIsInMemory() throws {
    let directory = temporaryDirectory("preparation")
    defer { try? FileManager.default.removeItem(at: directory) }
    let provider = TokenSoundProvider(
        cache: ModelCache(directory: directory.appendingPathComponent("cache")),
        store: LearnedSoundStore(directory: directory.appendingPathComponent("sounds")))
    let layer = MixLayer(sound: "white-noise")
    #expect(try provider.preparationNeeded(for: layer))
    _ = try provider.makeSource(for: layer, seed: 1)
    #expect(try !provider.preparationNeeded(for: layer))
    #expect(try !provider.preparationNeeded(for: MixLayer(sound: "white-noise", variant: "steady")))
    #expect(throws: SoundProviderError.self) { try provider.preparationNeeded(for: MixLayer(sound: "kazoo")) }
    #expect(throws: SoundProviderError.self) {
        try provider.preparationNeeded(for: MixLayer(sound: "rain", variant: "loud"))
    }
}
