@testable import AudioEngine
@testable import Scenes
@testable import SoundLibrary
import TestSupport
import Testing


/// A stopped engine must go away: it owns megabytes of rings, and a front end that
/// plays one scene after another (or a long-lived test process) must not keep every
/// engine it ever started. These tests hold only weak references once playback has
/// stopped, so any cycle through the engine's threads or a driver's thread shows.
@Suite struct EngineLifetimeTests {
    /// Weak references to what a finished run made.
    final class Leftovers {
        weak var engine: Engine?
        weak var driver: EvolveDriver?
    }

    /// Plays `pink-noise` live for a few periods, with an evolve driver when asked, then
    /// stops everything the way `play` and the mixer do, and returns weak references.
    static func playAndStop(withDrift: Bool) throws -> Leftovers {
        let leftovers = Leftovers()
        // Paced at about real time, so the workers are running when the stop comes.
        let sink = RecordingSink(pacingMicroseconds: 10_000, keepFrames: 0)
        let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 1, workerCount: 2)
        var scene = Scene(layers: [LayerSettings(sound: "pink-noise")])
        scene.evolve = withDrift
        try engine.play(scene)
        engine.start()
        let driver = withDrift ? EvolveDriver(engine: engine, seed: 1) : nil
        driver?.start()
        engine.stop(fadeSeconds: 0.05)
        engine.waitUntilStopped()
        driver?.stop()
        leftovers.engine = engine
        leftovers.driver = driver
        return leftovers
    }

    @Test func engineIsFreedOnceLivePlaybackHasStopped() throws {
        let leftovers = try Self.playAndStop(withDrift: false)
        #expect(leftovers.engine == nil, "something still holds the stopped engine (a reference cycle?)")
    }

    @Test func engineAndEvolveDriverAreFreedOnceBothHaveStopped() throws {
        let leftovers = try Self.playAndStop(withDrift: true)
        #expect(leftovers.driver == nil, "something still holds the stopped evolve driver (its thread?)")
        #expect(leftovers.engine == nil, "something still holds the stopped engine (the driver's thread?)")
    }
}
