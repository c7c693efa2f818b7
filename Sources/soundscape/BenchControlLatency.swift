import AudioEngine
import DSP
import Foundation
import SoundscapeIO

/// `soundscape bench`'s key-to-audible latency: how long after a control call the
/// output changes measurably, for a weight and an intensity change.
///
/// How it is measured: on the offline engine (no device, no threads: `renderOffline`
/// into an unpaced null sink that keeps the last seconds of output), one layer of rain
/// plays at full master until its fade-in is over and its ring is at its steady lead
/// (4 s). The level it plays at is then the median level of 5 ms windows over 1 s.
/// At a period boundary the control is called (weight 0.3 → 0.9, or intensity
/// 0.2 → 0.9), and 2 s more are rendered; the new level is the median over the last
/// 1 s of those. The latency is the time from the call to the end of the first 5 ms
/// window (windows start every millisecond) from which on the level stays at least
/// half-way, in dB, from the old level to the new one for 30 ms (one loud raindrop in
/// light rain is not the change). Offline, the time is counted in rendered
/// audio, so this is what the engine adds — ring lead, ramps, crossfades and the
/// synthesizer's own glide — and not the device's buffer, which a listener hears on
/// top of it (`--latency`). Each figure is the median over five seeds.
extension BenchCommand {
    /// Latency of one control, in milliseconds, through `provider` (median of the seeds);
    /// nil when the change did not move the level by at least 3 dB.
    static func controlLatency(
        provider: SoundProvider, before: MixLayer, change: (Engine) -> Void
    ) throws -> Double? {
        var figures: [Double] = []
        for seed in 1...5 as ClosedRange<UInt64> {
            let sink = CapturingNullSink()
            let engine = Engine(sink: sink, provider: provider, seed: seed)
            defer { engine.close() }
            try engine.apply(Mix(layers: [before], master: 1))
            try engine.renderOffline(frames: 4 * AudioFormat.sampleRate)
            sink.samples.removeAll(keepingCapacity: true)
            try engine.renderOffline(frames: AudioFormat.sampleRate)
            let called = sink.samples.count / 2
            change(engine)
            try engine.renderOffline(frames: 2 * AudioFormat.sampleRate)
            if let latency = halfwayMilliseconds(sink.samples, calledAtFrame: called) { figures.append(latency) }
        }
        return figures.isEmpty ? nil : median(figures)
    }

    /// The figures bench reports: weight on the synthesizer, intensity on the synthesizer and the token model.
    static func controlLatencies(tokens: SoundProvider, synthesizers: SoundProvider) throws -> BenchReport.ControlLatency {
        var report = BenchReport.ControlLatency()
        let quiet = MixLayer(sound: "rain", weight: 0.3, intensity: 0.5)
        report.weightMilliseconds = try controlLatency(provider: synthesizers, before: quiet) {
            $0.setWeight(0.9, ofLayer: 0)
        }
        let light = MixLayer(sound: "rain", weight: 0.7, intensity: 0.2)
        report.intensityMilliseconds = try controlLatency(provider: synthesizers, before: light) {
            $0.setIntensity(0.9, ofLayer: 0)
        }
        report.intensityTokensMilliseconds = try controlLatency(provider: tokens, before: light) {
            $0.setIntensity(0.9, ofLayer: 0)
        }
        return report
    }

    /// See the type's comment: the first 5 ms window past half-way, in ms after the call.
    static func halfwayMilliseconds(_ samples: [Float], calledAtFrame called: Int) -> Double? {
        let window = AudioFormat.sampleRate / 200
        let hop = AudioFormat.sampleRate / 1000
        func level(_ start: Int) -> Double {
            var energy = 0.0
            for frame in start..<(start + window) {
                let left = Double(samples[2 * frame]), right = Double(samples[2 * frame + 1])
                energy += (left * left + right * right) / 2
            }
            return 10 * log10(max(energy / Double(window), 1e-20))
        }
        let frames = samples.count / 2
        let old = median(stride(from: 0, to: called - window, by: hop).map(level))
        let new = median(stride(from: frames - AudioFormat.sampleRate, to: frames - window, by: hop).map(level))
        guard abs(new - old) >= 3 else { return nil }
        let levels = stride(from: called, to: frames - window, by: hop).map(level)
        let past = levels.map { ($0 - old) * (new - old).sign.rawSign >= abs(new - old) / 2 }
        // Held for 30 ms: a single loud drop in light rain is not the change.
        let held = 30
        guard past.count > held, let first = (0..<(past.count - held)).first(where: { !past[$0...($0 + held)].contains(false) })
        else { return nil }
        return Double(first * hop + window) * 1000 / Double(AudioFormat.sampleRate)
    }
}

extension FloatingPointSign {
    fileprivate var rawSign: Double { self == .minus ? -1 : 1 }
}

extension BenchReport {
    /// Key-to-audible latency on the offline engine (see `BenchCommand.controlLatency`).
    struct ControlLatency: Codable {
        var method =
            "offline engine, one rain layer at its steady ring lead; ms from the call to the end of the first "
            + "5 ms window from which the level stays half-way (dB) to the new level for 30 ms; median of 5 seeds; the device buffer adds to it"
        /// Weight 0.3 → 0.9 (the mixer's gain ramp), rain's synthesizer.
        var weightMilliseconds: Double?
        /// Intensity 0.2 → 0.9, rain's synthesizer (its own 0.2 s glide included).
        var intensityMilliseconds: Double?
        /// Intensity 0.2 → 0.9, rain's token model (what plays by default).
        var intensityTokensMilliseconds: Double?

        var lines: [String] {
            func figure(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0) } ?? "no change" }
            return [
                "key-to-audible latency (offline engine, half-way level change, median of 5 seeds)",
                "  weight 0.3 → 0.9 \(figure(weightMilliseconds)), intensity 0.2 → 0.9 "
                    + "\(figure(intensityMilliseconds)) (synthesizer), \(figure(intensityTokensMilliseconds)) (tokens)",
            ]
        }
    }
}

/// An unpaced null sink that keeps what it is given, for the latency measurement.
private final class CapturingNullSink: Sink, @unchecked Sendable {
    let name = "null"
    let periodFrames = 480
    let latencyMilliseconds = 0.0
    let xrunCount = 0
    var samples: [Float] = []

    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        samples.append(contentsOf: UnsafeBufferPointer(start: frames, count: frameCount * AudioFormat.channelCount))
    }

    func close() {}
}
