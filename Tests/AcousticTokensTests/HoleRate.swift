import AudioEngine
import DSP
import Foundation

/// Holes a listener hears as flutter (issue 20): 10 ms frames whose level
/// falls more than 15 dB under the layer's median level.
enum HoleRate {
    /// 480 frames at 48 kHz.
    static let frameSamples = 480
    /// How far under the median a frame must fall to count as a hole.
    static let depthDecibels = 15.0

    /// Holes per minute in interleaved stereo `audio`, leaving out the first
    /// and last `edgeSeconds` (where a fade would be). The median is the
    /// layer's over the ±`windowSeconds` around each frame, so a level that
    /// follows a moving intensity control is the reference it is heard against.
    static func perMinute(_ audio: [Float], edgeSeconds: Double = 0.5, windowSeconds: Double = 1) -> Double {
        let levels = frameDecibels(audio, edgeSeconds: edgeSeconds)
        guard !levels.isEmpty else { return 0 }
        let radius = Int(windowSeconds * Double(AudioFormat.sampleRate)) / frameSamples
        var holes = 0
        var window: [Double] = []
        var median = 0.0
        for i in levels.indices {
            // The median moves slowly: recomputed every 10 frames (0.1 s).
            if i % 10 == 0 {
                window = Array(levels[max(0, i - radius)..<min(levels.count, i + radius + 1)]).sorted()
                median = window[window.count / 2]
            }
            if levels[i] < median - depthDecibels { holes += 1 }
        }
        let minutes = Double(levels.count * frameSamples) / Double(AudioFormat.sampleRate) / 60
        return Double(holes) / minutes
    }

    /// Level of each 10 ms frame of interleaved stereo `audio`, dB.
    static func frameDecibels(_ audio: [Float], edgeSeconds: Double) -> [Double] {
        let frames = audio.count / 2
        let edge = Int(edgeSeconds * Double(AudioFormat.sampleRate))
        var levels: [Double] = []
        var start = edge
        while start + frameSamples <= frames - edge {
            var power = 0.0
            for i in start..<(start + frameSamples) {
                let l = Double(audio[2 * i]), r = Double(audio[2 * i + 1])
                power += l * l + r * r
            }
            levels.append(10 * log10(power / Double(2 * frameSamples) + 1e-20))
            start += frameSamples
        }
        return levels
    }

    /// Renders `seconds` of `source` in 480-frame blocks (as a worker does)
    /// at the intensity `intensity(t)` gives for each block's start time.
    static func render(_ source: LayerSource, seconds: Double, intensity: @Sendable (Double) -> Float) -> [Float] {
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var samples = [Float](repeating: 0, count: frames * 2)
        samples.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < frames {
                let count = min(frameSamples, frames - start)
                let t = Double(start) / Double(AudioFormat.sampleRate)
                source.render(into: buffer.baseAddress! + 2 * start, frameCount: count, intensity: intensity(t))
                start += count
            }
        }
        return samples
    }

    /// Intensity moving 0.1 → 0.9 → 0.1 every 20 s, as a listener sweeping the control.
    @Sendable static func moving(_ t: Double) -> Float { Float(0.5 - 0.4 * cos(2 * Double.pi * t / 20)) }
}
