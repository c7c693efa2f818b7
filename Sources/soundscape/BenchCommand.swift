import AcousticTokens
import ArgumentParser
import AudioEngine
import DSP
import Foundation
import Scenes
import SoundLibrary
import SoundscapeIO

/// `soundscape bench`: how fast sounds generate, and how much of each period the audio thread uses.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure generation speed and the audio thread's period time.",
        discussion: """
            Generation speed is seconds of audio per second of CPU on one core (thread CPU time), \
            for every built-in sound at intensity 0.5 (its synthesizer, and its token model, which \
            is what plays by default), for every learned sound (its token model), and for a mix \
            of six layers and for the default scene (rainy-library), each rendered through the engine \
            (token models, and the synthesizers). The period time is how long the audio thread takes to mix one \
            10 ms period while the engine plays the mix into a null sink paced like a device, \
            as a percentage of the period. Then it runs `soundscape play --scene rainy-library --device null` \
            as a child process (three times, after one warm-up) and reports the time from launch to the \
            first audible period reaching the sink, the child's RSS halfway through playback and its peak RSS; \
            then three more runs, each with an empty model cache (XDG_CACHE_HOME), for the cold-cache first audio of \
            a new machine, where layers play their synthesizers while their models train. \
            Then key-to-audible latency: how long after a weight or intensity change the output's level \
            is half-way to its new level, on the offline engine (the device buffer adds to it). \
            Last, the live CPU: `play` and the mixer (in a pseudo-terminal) as children on the null \
            device, paced with a device's periods, playing then paused, for --live-seconds each; the \
            whole process's CPU and each thread's, from the kernel's accounting (/proc/PID/task/*/schedstat). \
            A sound server's client thread is not included (scripts/compare-live.sh measures through PulseAudio).

            The first run trains every built-in sound's model (cached afterwards), so run it \
            twice for steady figures. scripts/compare.sh compares the CPU cost with sox.

            Examples:
              soundscape bench
              soundscape bench --json --seconds 10 > bench.json
              soundscape bench --live-only --live-seconds 30

            Exit status: 0 measured; 64 bad arguments; 78 the configuration file cannot be used.
            """)

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(help: "Seconds of real-time playback for the period-time measurement, 1–600.")
    var seconds: Double = 3

    @Flag(help: .hidden)
    var latencyOnly = false

    /// Only the generation speed of each sound (built-in and learned), for profiling and quick checks.
    @Flag(help: .hidden)
    var speedOnly = false

    /// With --speed-only: only the sounds with these names.
    @Option(name: .customLong("sound"), help: .hidden)
    var soundNames: [String] = []

    @Option(help: "Seconds of each live CPU window (play and the mixer, playing and paused), 1–600.")
    var liveSeconds: Double = 10

    @Flag(help: "Measure only the live CPU.")
    var liveOnly = false

    func validate() throws {
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be between 1 and 600") }
        guard liveSeconds >= 1, liveSeconds <= 600 else {
            throw ValidationError("--live-seconds must be between 1 and 600")
        }
    }

    func run() throws {
        _ = try ConfigSetup.load()
        var report = BenchReport()
        if liveOnly {
            report.liveCPU = try measureLiveCPU()
            print(json ? report.json : report.liveCPUText)
            return
        }
        let tokens = TokenSoundProvider(recordings: ShippedRecordings.shelf())
        if speedOnly {
            report.sounds = BenchCommand.soundSpeeds(tokens: tokens, only: soundNames)
            return print(json ? report.json : report.soundSpeedLines.joined(separator: "\n"))
        }
        report.controlLatency = try BenchCommand.controlLatencies(tokens: tokens, synthesizers: SynthesizerProvider())
        if latencyOnly { return print(json ? report.json : report.controlLatency.lines.joined(separator: "\n")) }
        // Layers play through the token model by default: measure it beside the synthesizer
        // that made its corpus. The first run trains each model (seconds), later ones load it.
        for definition in SoundLibrary.builtIn {
            let source = definition.makeSynthesizer(definition.variants[0], 1)
            var sound = BenchReport.Sound(name: definition.name, synthesizerTimesRealTime: BenchCommand.speed(of: source))
            if let layer = try? tokens.makeSource(for: MixLayer(sound: definition.name), seed: 1) {
                sound.tokensTimesRealTime = BenchCommand.speed(of: layer)
            }
            report.sounds.append(sound)
        }
        report.sounds += BenchCommand.learnedSoundSpeeds()
        let scene = BenchCommand.mixScene()
        report.mix.layers = scene.layers.map(\.sound)
        report.mix.timesRealTime = try BenchCommand.mixSpeed(scene, provider: tokens)
        report.mix.proceduralTimesRealTime = try BenchCommand.mixSpeed(scene, provider: SynthesizerProvider())
        // The scene a first run opens, as it plays: fewer layers than the mix, at its own settings.
        if let loaded = try? ThemesSetup.store().load(BenchCommand.playbackScene) {
            report.defaultScene.name = BenchCommand.playbackScene
            report.defaultScene.layers = loaded.scene.layers.map(\.sound)
            report.defaultScene.timesRealTime = try BenchCommand.mixSpeed(loaded.scene, provider: tokens)
            report.defaultScene.proceduralTimesRealTime = try BenchCommand.mixSpeed(
                loaded.scene, provider: SynthesizerProvider())
        }
        report.periodTime = try BenchCommand.periodTime(scene, provider: tokens, seconds: seconds)
        do {
            report.playback = try BenchCommand.playback(runs: 3, seconds: 4)
        } catch {
            throw CommandFailure.exit(String(describing: error), status: 1)
        }
        report.liveCPU = try measureLiveCPU()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        report.peakResidentMegabytes = Double(usage.ru_maxrss) / 1024
        print(json ? report.json : report.text)
    }

    /// Each built-in sound's synthesizer and token model, then each learned sound's
    /// (only those named in `only`, when it names any).
    static func soundSpeeds(tokens: TokenSoundProvider, only: [String]) -> [BenchReport.Sound] {
        var sounds: [BenchReport.Sound] = []
        // Layers play through the token model by default: measure it beside the synthesizer
        // that made its corpus. The first run trains each model (cached afterwards), later ones load it.
        for definition in SoundLibrary.builtIn where only.isEmpty || only.contains(definition.name) {
            let source = definition.makeSynthesizer(definition.variants[0], 1)
            var sound = BenchReport.Sound(name: definition.name, synthesizerTimesRealTime: BenchCommand.speed(of: source))
            if let layer = try? tokens.makeSource(for: MixLayer(sound: definition.name), seed: 1) {
                sound.tokensTimesRealTime = BenchCommand.speed(of: layer)
            }
            sounds.append(sound)
        }
        return sounds + BenchCommand.learnedSoundSpeeds().filter { only.isEmpty || only.contains($0.name) }
    }

    private func measureLiveCPU() throws -> BenchReport.LiveCPU {
        do {
            return try BenchCommand.liveCPU(seconds: liveSeconds)
        } catch {
            throw CommandFailure.exit(String(describing: error), status: 1)
        }
    }

    /// Six layers that exercise different generators; sounds not built yet are replaced
    /// by the next ones in the library, so the mix always has six when six exist.
    static func mixScene() -> Scene {
        let preferred = ["rain", "thunder", "wind", "room-tone", "birds", "brown-noise"]
        let available = SoundLibrary.builtIn.map(\.name)
        var names = preferred.filter(available.contains)
        for name in available where names.count < 6 && !names.contains(name) { names.append(name) }
        return Scene(layers: names.map { LayerSettings(sound: $0, weight: 0.7, intensity: 0.5) })
    }

    /// × real time of one source on this thread: audio seconds over thread CPU seconds.
    static func speed(of source: LayerSource) -> Double {
        let blockFrames = 1024
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * AudioFormat.channelCount)
        defer { buffer.deallocate() }
        // Warm up: first blocks pay for lazily built tables and cold caches.
        for _ in 0..<48 { source.render(into: buffer, frameCount: blockFrames, intensity: 0.5) }
        let start = threadCPUSeconds()
        var frames = 0
        // Long enough to be measurable for fast and slow sounds alike.
        while threadCPUSeconds() - start < 0.25 && frames < 120 * AudioFormat.sampleRate {
            source.render(into: buffer, frameCount: blockFrames, intensity: 0.5)
            frames += blockFrames
        }
        return Double(frames) / Double(AudioFormat.sampleRate) / max(threadCPUSeconds() - start, 1e-9)
    }

    /// × real time of the whole engine rendering `scene` offline on this thread.
    static func mixSpeed(_ scene: Scene, provider: SoundProvider) throws -> Double {
        let engine = Engine(sink: NullSink(paced: false), provider: provider, seed: 1)
        defer { engine.close() }
        try engine.apply(scene.mix)
        try engine.renderOffline(frames: AudioFormat.sampleRate)  // past the fade-in
        let start = threadCPUSeconds()
        var frames = 0
        while threadCPUSeconds() - start < 1 && frames < 600 * AudioFormat.sampleRate {
            frames += try engine.renderOffline(frames: AudioFormat.sampleRate / 10)
        }
        return Double(frames) / Double(AudioFormat.sampleRate) / max(threadCPUSeconds() - start, 1e-9)
    }

    /// Plays `scene` live into a paced null sink and returns the distribution of mix times.
    static func periodTime(_ scene: Scene, provider: SoundProvider, seconds: Double) throws -> BenchReport.PeriodTime {
        let periods = Int(seconds * 100) + 200
        let sink = PeriodTimingSink(wrapping: NullSink(paced: true), capacity: periods)
        let engine = Engine(sink: sink, provider: provider, seed: 1)
        try engine.apply(scene.mix)
        engine.setTimer(seconds: seconds, fadeSeconds: 0.05)
        engine.start()
        engine.waitUntilStopped()
        // Skip the first half second: rings fill and caches warm then, not in steady playback.
        let times = Array(sink.periodNanoseconds.dropFirst(50)).sorted()
        let budget = Double(sink.periodFrames) / Double(AudioFormat.sampleRate) * 1e9
        func percent(_ quantile: Double) -> Double {
            guard !times.isEmpty else { return 0 }
            return Double(times[min(times.count - 1, Int(quantile * Double(times.count)))]) / budget * 100
        }
        return .init(
            budgetMilliseconds: budget / 1e6, periods: times.count, p50Percent: percent(0.5), p99Percent: percent(0.99),
            maxPercent: percent(1), xruns: sink.xrunCount)
    }

    static func threadCPUSeconds() -> Double { Double(MonotonicClock.threadCPUNanoseconds()) / 1e9 }
}
