@testable import AcousticTokens
@testable import DSP
import Foundation
import TestSupport
import Testing


/// Learned sounds never repeat themselves nor copy their source. In CI it
/// learns a rendered recording (a fresh clone has no real ones) and plays 3
/// minutes of it; scripts/check-recordings.sh runs the real-world check: every
/// recording learned into `$SOUNDSCAPE_CHECK_SOUNDS`, for
/// `$SOUNDSCAPE_CHECK_MINUTES` (default 10), with the output written as raw
/// 48 kHz stereo Float to `$SOUNDSCAPE_CHECK_OUTPUT/NAME.f32`.
@Test
func learnedRecordingsNeverRepeatNorCopyTheirSource() throws {
    let environment = ProcessInfo.processInfo.environment
    let checked = environment["SOUNDSCAPE_CHECK_SOUNDS"].map { URL(fileURLWithPath: $0) }
    let directory = checked ?? FileManager.default.temporaryDirectory.appendingPathComponent("recording-check-\(UUID())")
    defer { if checked == nil { try? FileManager.default.removeItem(at: directory) } }
    let store = LearnedSoundStore(directory: directory)
    if checked == nil {
        let recording = SoundRendering.render("rain", variant: "window", seconds: 40, intensity: 0.5, seed: 7)
        _ = try store.learn(samples: recording, source: "rendered rain", name: "rendered-rain", force: false)
    }
    let minutes = Double(environment["SOUNDSCAPE_CHECK_MINUTES"] ?? "") ?? (checked == nil ? 3 : 10)
    let output = environment["SOUNDSCAPE_CHECK_OUTPUT"].map { URL(fileURLWithPath: $0) }
    let sounds = store.list()
    #expect(!sounds.isEmpty)
    for sound in sounds {
        let model = try store.loadModel(name: sound.name)
        let layer = TokenLayer(model: model, seed: 1)
        let frames = Int(minutes * 60) * AudioFormat.sampleRate
        var audio = [Float](repeating: 0, count: frames * 2)
        let cpuStart = clock_gettime_nsec_np_thread()
        audio.withUnsafeMutableBufferPointer { buffer in
            var done = 0
            while done < frames {
                let count = min(1024, frames - done)
                layer.render(into: buffer.baseAddress! + 2 * done, frameCount: count, intensity: 0.5)
                done += count
            }
        }
        let cpuSeconds = Double(clock_gettime_nsec_np_thread() - cpuStart) * 1e-9
        let fingerprint = AudioFingerprint(mono: TokenFixtures.mono(audio))
        let source = AudioFingerprint(mono: TokenFixtures.mono(model.corpus.samples.map { Float($0) / 32768 }))
        let repeated = fingerprint.closestBlockMatch(seconds: 2)
        let copied = fingerprint.closestBlockMatch(in: source, seconds: 2)
        let level = audio.withUnsafeBufferPointer { Loudness.gatedRMSDecibels($0) }
        let sourceLevel = model.corpus.samples.map { Float($0) / 32768 }.withUnsafeBufferPointer {
            Loudness.gatedRMSDecibels($0)
        }
        let stats = layer.tokenModel.statistics
        print(
            String(
                format:
                    "%@: %.1f s corpus, K=%d; %.0f min rendered at %.0f× real time (one core); "
                    + "closest 2 s repeat BER %.3f, closest 2 s copy of the source BER %.3f; "
                    + "level %.1f dBFS (source %.1f); jumps %d of %d steps, forced repeats %d",
                sound.name, model.corpus.durationSeconds, model.codebook.size, minutes, minutes * 60 / cpuSeconds,
                repeated.bitErrorRate, copied.bitErrorRate, level, sourceLevel, stats.jumps, stats.steps,
                stats.forcedRepeats))
        #expect(repeated.bitErrorRate > 0.15, "\(sound.name) repeats itself: \(repeated)")
        #expect(copied.bitErrorRate > 0.15, "\(sound.name) copies its source: \(copied)")
        if let output {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try audio.withUnsafeBytes { try Data($0).write(to: output.appendingPathComponent("\(sound.name).f32")) }
        }
    }
}

/// CPU time of the calling thread, in nanoseconds.
private func clock_gettime_nsec_np_thread() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
