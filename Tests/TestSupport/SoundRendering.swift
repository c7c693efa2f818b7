import DSP
import Foundation
import SoundLibrary

/// Renders built-in sounds for tests. (To look at or listen to one, use
/// `soundscape render "NAME VARIANT" --procedural --duration 60 --output x.wav`.)
package enum SoundRendering {
    /// `seconds` of `sound`/`variant` at a fixed intensity, interleaved stereo,
    /// rendered in 480-frame blocks the way a worker would.
    package static func render(
        _ sound: String, variant: String? = nil, seconds: Double, intensity: Float, seed: UInt64 = 1
    ) -> [Float] {
        guard let definition = SoundLibrary.builtIn(named: sound) else {
            fatalError("test asks for unknown sound \(sound)")
        }
        let source = definition.makeSynthesizer(variant ?? definition.variants[0], seed)
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var samples = [Float](repeating: .nan, count: frames * 2)
        let block = 480
        samples.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < frames {
                let count = min(block, frames - start)
                source.render(into: buffer.baseAddress! + 2 * start, frameCount: count, intensity: intensity)
                start += count
            }
        }
        return samples
    }
}
