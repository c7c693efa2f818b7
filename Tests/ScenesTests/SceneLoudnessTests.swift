import AudioEngine
import DSP
import Foundation
@testable import Scenes
import SoundLibrary
import TestSupport
import Testing

/// Every scene plays at a sensible, consistent level: the built-in scenes and
/// planned prompts at −23 LUFS (or the loudness a scene asks for) ± 2 LU with
/// their default settings, so switching scenes never jumps by 20 dB.
@Suite struct SceneLoudnessTests {
    private static let store = SceneStore(
        userDirectory: TestThemes.temporaryDirectory() + "/scenes", builtInDirectory: TestThemes.path)
    private static let builtInScenes = store.list().filter(\.isBuiltIn).map(\.name)

    /// Integrated loudness of `seconds` of `scene` as the engine plays it
    /// (procedural sounds, evolve off: the default settings themselves). Three
    /// minutes, because a scene of sparse events (a bowl struck every 10–30 s)
    /// needs that long to show its level.
    private func loudness(of scene: Scene, seconds: Double = 180, seed: UInt64 = 1) throws -> Double {
        let sink = RecordingSink(periodFrames: 4_800)
        let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: seed)
        defer { engine.close() }
        try engine.apply(scene.mix)
        _ = try engine.renderOffline(frames: frames(seconds))
        // Leave out the first 2 s, where the layers fade in.
        let samples = Array(sink.samples.dropFirst(2 * frames(2)))
        return samples.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0) }
    }

    @Test(arguments: builtInScenes)
    func builtInScenePlaysAtItsLoudness(name: String) throws {
        let scene = try Self.store.load(name).scene
        let target = scene.loudness ?? Scene.defaultLoudness
        let measured = try loudness(of: scene)
        #expect(abs(measured - target) <= 2, "\(name) plays at \(measured) LUFS, target \(target) ± 2")
    }

    @Test(arguments: [
        "brown noise", "rain", "heavy rain on a tin roof", "a quiet library on a rainy afternoon, distant thunder",
        "campfire with crickets", "ocean waves at night", "white noise and a fan", "birds in the forest by a stream",
        "thunderstorm", "a busy cafe", "train journey in the rain", "wind in the trees",
    ])
    func plannedPromptPlaysAtTheDefaultLoudness(prompt: String) throws {
        let scene = TestThemes.planner.plan(prompt).scene
        // A prompt's modifiers ("quiet") move the master; the staging works at master 1.
        let master = FaderCurve.gain(scene.master)
        let measured = try loudness(of: scene) - 20 * log10(Double(master))
        #expect(abs(measured - Scene.defaultLoudness) <= 2, "\"\(prompt)\" plays at \(measured) LUFS at master 1")
    }

    @Test func aSceneThatAsksForAQuieterLevelGetsIt() throws {
        var scene = try Self.store.load("rainy-library").scene
        scene.evolve = false
        scene.loudness = -30
        let measured = try loudness(of: scene)
        #expect(abs(measured + 30) <= 2, "asked for −30 LUFS, plays at \(measured)")
    }

    @Test func theMasterSetsTheListeningLevelAndWeightsOnlyTheBalance() throws {
        var scene = try Self.store.load("rainy-library").scene
        let full = try loudness(of: scene, seconds: 30)
        scene.master = 0.5  // the fader's square law: −12 dB
        let half = try loudness(of: scene, seconds: 30)
        #expect(abs((full - half) - 12) <= 0.5, "master 0.5 is \(full - half) dB under master 1")
        // Lowering every weight alike (each layer −6 dB) changes the balance nowhere and the level not at all.
        scene.master = 1
        scene.layers = scene.layers.map { var layer = $0; layer.weight *= 0.7; return layer }
        let lighter = try loudness(of: scene, seconds: 30)
        #expect(abs(lighter - full) <= 0.5, "lighter weights play at \(lighter) LUFS against \(full)")
    }

    /// Short-term loudness of the last 3 s of `samples`, as the full meter reads it.
    private func shortTerm(_ samples: [Float]) -> Double {
        var meter = LoudnessMeter(measuresTruePeak: false)
        samples.withUnsafeBufferPointer { meter.measure($0) }
        return meter.shortTermLUFS
    }

    @Test func switchingScenesKeepsTheLevelAndTheLiveMeterReadsIt() throws {
        let sink = RecordingSink(periodFrames: 4_800)
        let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 2)
        defer { engine.close() }
        var readings: [(meter: Double, engine: Double)] = []
        for name in ["thunderstorm", "deep-focus", "cafe", "forest-morning"] {
            try engine.play(try Self.store.load(name).scene)
            // The crossfade takes 2 s; then 3 s of the new scene alone fill the short-term window.
            _ = try engine.renderOffline(frames: frames(8))
            readings.append((shortTerm(sink.samples), engine.status.shortTermLoudness))
        }
        for reading in readings {
            #expect(abs(reading.engine - reading.meter) <= 0.5, "the engine reads \(reading.engine) LUFS, the meter \(reading.meter)")
        }
        for (before, after) in zip(readings, readings.dropFirst()) {
            #expect(abs(after.meter - before.meter) < 3, "a scene change moved short-term loudness from \(before.meter) to \(after.meter) LUFS")
        }
    }
}
