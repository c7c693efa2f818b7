import Foundation
import SoundscapeIO
import Testing

/// The ALSA sink through the PulseAudio rig: real pacing, no sound card.
@Suite(.serialized) struct AlsaSinkRigTests {
    @Test func testToneWrittenToTheDefaultDeviceIsRecordedAtTheSameLevelAndPitch() throws {
        guard AudioRig.require() else { return }
        var tone = [Float](repeating: 0, count: 2 * 48_000 * 2)
        for frame in 0..<(tone.count / 2) {
            let value = Float(0.5 * sin(2 * Double.pi * 1000 * Double(frame) / 48_000))
            tone[2 * frame] = value
            tone[2 * frame + 1] = value
        }
        var xruns = -1
        let recording = try AudioRig.record {
            let sink = try AlsaSink(device: "default")
            // Three 40 ms periods: a key is queued within the 120 ms buffer, at 25 wake-ups a second.
            #expect(sink.periodFrames == 1920)
            #expect(abs(sink.latencyMilliseconds - 120) < 1)
            try tone.withUnsafeBufferPointer { buffer in
                var frame = 0
                while frame < tone.count / 2 {
                    try sink.write(buffer.baseAddress! + 2 * frame, frameCount: sink.periodFrames)
                    frame += sink.periodFrames
                }
            }
            sink.close()
            xruns = sink.xrunCount
        }

        #expect(xruns == 0)
        let seconds = Double(recording.count / 2) / 48_000
        #expect(abs(seconds - 2) < 0.1, "recorded \(seconds) s of a 2 s tone")
        let middle = recording[(recording.count / 4 / 2 * 2)..<(recording.count * 3 / 4 / 2 * 2)]
        #expect(abs(SignalAnalysis.rmsDecibels(middle) - (20 * log10(0.5) - 3.01)) < 0.5)
        #expect(abs(SignalAnalysis.toneFrequency(middle) - 1000) < 5)
    }

    @Test func testLatencyOptionSetsTheBufferInThreePeriodsOfAtMostFortyMilliseconds() throws {
        guard AudioRig.require() else { return }
        let sink = try AlsaSink(device: "default", latencyMilliseconds: 60)
        #expect(sink.periodFrames == 960)
        #expect(abs(sink.latencyMilliseconds - 60) < 1)
        sink.close()
        // A long buffer gets more periods, not longer ones, so the audio thread wakes in time.
        let long = try AlsaSink(device: "default", latencyMilliseconds: 240)
        defer { long.close() }
        #expect(long.periodFrames == 1920)
        #expect(abs(long.latencyMilliseconds - 240) < 1)
    }
}
