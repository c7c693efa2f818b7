import Foundation
import Testing

/// `bench --json` carries what live playback costs: `play` and the mixer, playing and paused.
/// Only that the figures are there and could be true; how large they are is for bench to say.
@Suite(.serialized) struct BenchLiveCPUTests {
    @Test func testBenchJsonCarriesTheLiveCPUOfPlayAndTheMixerPlayingAndPaused() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let runtime = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runtime) }
        chmod(runtime.path, 0o700)
        let result = try SoundscapeBinary.run(
            binary, ["bench", "--live-only", "--live-seconds", "1", "--json"],
            environment: ["XDG_RUNTIME_DIR": runtime.path])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
            "not JSON: \(result.standardOutput)")
        let live = try #require(json["liveCPU"] as? [String: Any])
        #expect((live["method"] as? String)?.contains("schedstat") == true)
        #expect(live["windowSeconds"] as? Double == 1)
        #expect((live["periodMilliseconds"] as? Double ?? 0) > 0)
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        for name in ["playPlaying", "playPaused", "mixerPlaying", "mixerPaused"] {
            let window = try #require(live[name] as? [String: Any], "no \(name)")
            let percent = try #require(window["percentOfCore"] as? Double, "no \(name).percentOfCore")
            #expect(percent >= 0 && percent <= 100 * cores, "\(name): \(percent) % of a core")
            let threads = try #require(window["threadsPercentOfCore"] as? [String: Double], "no \(name) threads")
            // The audio thread is there by name, and the threads add up to the process.
            #expect(threads["soundscape-mix"] != nil, "\(name): threads \(threads.keys.sorted())")
            #expect(abs(threads.values.reduce(0, +) - percent) < 0.01)
        }
        // A playing process mixes; the figure cannot be zero.
        #expect((live["playPlaying"] as? [String: Any])?["percentOfCore"] as? Double ?? 0 > 0)
        #expect((live["mixerPlaying"] as? [String: Any])?["percentOfCore"] as? Double ?? 0 > 0)
    }
}
