@testable import AudioEngine
import Foundation
@testable import Scenes
@testable import SoundLibrary
import TestSupport
import Testing

/// The live evolve thread must cost nothing while evolve is off: it sleeps until evolve is
/// turned on instead of looking once a second (a thread that polls wakes the CPU all day).
@Suite(.serialized) struct EvolveDriverSleepTests {
    /// Times the evolve thread of this process went to sleep or was preempted so far
    /// (its wake-ups), from /proc; nil when there is no such thread.
    static func evolveThreadSwitches() -> Int? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        for task in tasks {
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            guard comm.hasPrefix("soundscape-evol") else { continue }
            let status = (try? String(contentsOfFile: "/proc/self/task/\(task)/status", encoding: .utf8)) ?? ""
            // voluntary_ctxt_switches and nonvoluntary_ctxt_switches, summed.
            return status.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: "\t").last ?? "") }
                .reduce(0, +)
        }
        return nil
    }

    @Test func evolveThreadSleepsWhileEvolveIsOffAndWakesWhenItIsTurnedOn() throws {
        let sink = RecordingSink(pacingMicroseconds: 10_000, keepFrames: 0)
        let engine = Engine(sink: sink, provider: SynthesizerProvider(), seed: 1, workerCount: 1)
        try engine.play(Scene(layers: [LayerSettings(sound: "pink-noise", weight: 0.5)]))
        engine.start()
        let driver = EvolveDriver(engine: engine, seed: 1)
        driver.start()
        defer {
            driver.stop()
            engine.stop(fadeSeconds: 0)
            engine.waitUntilStopped()
        }
        Thread.sleep(forTimeInterval: 0.3)  // its first look, at start
        let before = try #require(Self.evolveThreadSwitches())
        Thread.sleep(forTimeInterval: 2.5)
        let asleep = try #require(Self.evolveThreadSwitches())
        #expect(asleep == before, "the evolve thread woke \(asleep - before) times in 2.5 s with evolve off")

        engine.setEvolving(true)
        Thread.sleep(forTimeInterval: 0.3)
        let turnedOn = try #require(Self.evolveThreadSwitches())
        #expect(turnedOn > asleep, "turning evolve on did not wake the evolve thread")
    }
}
