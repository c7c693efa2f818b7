import AudioEngine
import Foundation

/// What `soundscape bench` measured, as text or JSON.
struct BenchReport: Codable {
    struct Sound: Codable {
        var name: String
        /// The built-in sound's procedural synthesizer; nil for a learned sound.
        var synthesizerTimesRealTime: Double?
        /// The sound's token model, which is what plays by default.
        var tokensTimesRealTime: Double?
    }

    struct Mix: Codable {
        var layers: [String] = []
        /// Through the token models, as `play` and `render` do by default.
        var timesRealTime = 0.0
        /// Straight from the synthesizers (`--procedural`).
        var proceduralTimesRealTime = 0.0
    }

    /// The scene the mixer opens on a first run, with its own weights and intensities.
    struct DefaultScene: Codable {
        var name = ""
        var layers: [String] = []
        var timesRealTime = 0.0
        var proceduralTimesRealTime = 0.0
    }

    struct PeriodTime: Codable {
        var budgetMilliseconds = 0.0
        var periods = 0
        var p50Percent = 0.0
        var p99Percent = 0.0
        var maxPercent = 0.0
        var xruns = 0
    }

    /// A child `soundscape play` process, as a user runs it (warm model cache).
    struct Playback: Codable {
        var command = ""
        var runs = 0
        /// Launch (spawn) to the first audible period handed to the sink, per run.
        var firstAudioMilliseconds: [Double] = []
        /// The same with an empty model cache, as on a new machine: every model trains, per run.
        var coldFirstAudioMilliseconds: [Double] = []
        /// VmRSS halfway through playback (median of the runs).
        var residentMegabytes = 0.0
        /// Peak RSS over the whole run, VmHWM (median of the runs).
        var peakResidentMegabytes = 0.0
    }

    /// The whole process's CPU while it plays in real time (see `BenchCommand.liveCPU`):
    /// a child on `--device null` (paced with the device's periods, no sound server),
    /// measured from /proc/PID/task/*/schedstat over a window after it settled.
    struct LiveCPU: Codable {
        struct Window: Codable {
            /// The whole process, % of one core.
            var percentOfCore = 0.0
            /// Each thread by name (`soundscape` is the main thread), % of one core.
            var threadsPercentOfCore: [String: Double] = [:]
        }
        var method =
            "child process on --device null (paced like a device, with its periods; no sound server), "
            + "CPU of every thread from /proc/PID/task/*/schedstat over the window, after 3 s settling"
        var scene = BenchCommand.playbackScene
        var windowSeconds = 0.0
        var periodMilliseconds = 0.0
        var playPlaying = Window()
        var playPaused = Window()
        /// The mixer in a pseudo-terminal (100×30), drawing its screen.
        var mixerPlaying = Window()
        var mixerPaused = Window()
    }

    /// The program that measured, so figures from different versions are not mixed up.
    var version = SoundscapeVersion.current
    var sounds: [Sound] = []
    var mix = Mix()
    var defaultScene = DefaultScene()
    var periodTime = PeriodTime()
    var playback = Playback()
    /// Key-to-audible latency of weight and intensity (BenchControlLatency.swift).
    var controlLatency = ControlLatency()
    var liveCPU = LiveCPU()
    /// The bench process's own peak RSS: it holds every built-in model at once.
    var peakResidentMegabytes = 0.0

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The generation speed table: a heading and one line per sound.
    var soundSpeedLines: [String] {
        let width = max(12, (sounds.map(\.name.count).max() ?? 0) + 2)
        var lines = [
            "generation speed, × real time on one core (thread CPU time, intensity 0.5)",
            "  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + "synthesizer       tokens",
        ]
        for sound in sounds {
            lines.append(
                "  " + sound.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + BenchReport.times(sound.synthesizerTimesRealTime) + "  " + BenchReport.times(sound.tokensTimesRealTime))
        }
        return lines
    }

    var text: String {
        let width = max(12, (sounds.map(\.name.count).max() ?? 0) + 2)
        var lines = ["soundscape \(version)"] + soundSpeedLines
        lines.append(
            "  " + "mix of \(mix.layers.count)".padding(toLength: width, withPad: " ", startingAt: 0)
                + BenchReport.times(mix.proceduralTimesRealTime) + "  " + BenchReport.times(mix.timesRealTime)
                + "  (\(mix.layers.joined(separator: ", ")), through the engine)")
        if !defaultScene.name.isEmpty {
            lines.append(
                "  " + defaultScene.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + BenchReport.times(defaultScene.proceduralTimesRealTime) + "  "
                    + BenchReport.times(defaultScene.timesRealTime)
                    + "  (the default scene: \(defaultScene.layers.joined(separator: ", ")))")
        }
        lines.append(
            String(
                format: "audio thread period time, %% of the %.1f ms period (%d periods, paced null sink)",
                periodTime.budgetMilliseconds, periodTime.periods))
        lines.append(
            String(
                format: "  p50 %.2f%%  p99 %.2f%%  max %.2f%%  xruns %d", periodTime.p50Percent, periodTime.p99Percent,
                periodTime.maxPercent, periodTime.xruns))
        lines.append("\(playback.command) (child process, warm model cache, \(playback.runs) runs)")
        let firstAudio = playback.firstAudioMilliseconds
        lines.append(
            firstAudio.isEmpty
                ? "  first audio: none reported"
                : String(format: "  first audio %.0f ms after launch (median; ", BenchCommand.median(firstAudio))
                    + firstAudio.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " ms)")
        let cold = playback.coldFirstAudioMilliseconds
        lines.append(
            cold.isEmpty
                ? "  cold-cache first audio: none reported"
                : String(format: "  cold-cache first audio %.0f ms after launch (empty model cache; median; ", BenchCommand.median(cold))
                    + cold.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " ms)")
        lines.append(
            String(
                format: "  RSS while playing %.1f MB, peak RSS %.1f MB", playback.residentMegabytes,
                playback.peakResidentMegabytes))
        lines += controlLatency.lines
        lines.append(liveCPUText)
        lines.append(String(format: "bench process peak RSS %.1f MB (every built-in model loaded at once)", peakResidentMegabytes))
        return lines.joined(separator: "\n")
    }

    /// The live CPU lines (alone, for `bench --live-only`).
    var liveCPUText: String {
        [
            "live CPU, % of one core (\(liveCPU.scene), "
                + String(
                    format: "%.0f s windows, %.0f ms periods, --device null, no sound server)", liveCPU.windowSeconds,
                    liveCPU.periodMilliseconds),
            String(
                format: "  play  playing %.2f%%  paused %.2f%%", liveCPU.playPlaying.percentOfCore,
                liveCPU.playPaused.percentOfCore),
            String(
                format: "  mixer playing %.2f%%  paused %.2f%%", liveCPU.mixerPlaying.percentOfCore,
                liveCPU.mixerPaused.percentOfCore),
        ].joined(separator: "\n")
    }

    private static func times(_ value: Double?) -> String {
        guard let value else { return String(repeating: " ", count: 10) + "–" }
        return String(format: "%10.0f×", value)
    }
}
