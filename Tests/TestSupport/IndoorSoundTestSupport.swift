@testable import DSP
import Foundation
@testable import SoundLibrary


/// Rendering and measuring helpers for the indoor sound tests: each sound is
/// rendered in small blocks, as a generation worker would, and judged on
/// what a listener hears — onsets, rhythm, spectrum, level.
package enum IndoorSoundProbe {
    /// Onsets that start a clack pair (the train's): the previous onset is long gone.
    package static func pairStarts(_ onsets: [Double]) -> [Double] {
        zip(onsets.dropFirst(), onsets).filter { $0 - $1 > 0.4 }.map(\.0)
    }

    package static let sampleRate = AudioFormat.sampleRate

    /// Interleaved stereo from `sound`/`variant` at `intensity`, rendered in 512-frame blocks.
    package static func render(
        _ sound: String, _ variant: String, intensity: Float, seconds: Double, seed: UInt64 = 7
    ) -> [Float] {
        guard let definition = SoundLibrary.builtIn(named: sound) else {
            fatalError("test names an unknown sound \(sound)")
        }
        let source = definition.makeSynthesizer(variant, seed)
        let frames = Int(seconds * Double(sampleRate))
        var samples = [Float](repeating: 0, count: frames * 2)
        samples.withUnsafeMutableBufferPointer { buffer in
            var frame = 0
            while frame < frames {
                let count = min(512, frames - frame)
                source.render(
                    into: buffer.baseAddress! + frame * 2, frameCount: count, intensity: intensity)
                frame += count
            }
        }
        return samples
    }

    /// The mid (L+R)/2 channel.
    package static func mono(_ stereo: [Float]) -> [Float] {
        (0..<(stereo.count / 2)).map { (stereo[$0 * 2] + stereo[$0 * 2 + 1]) * 0.5 }
    }

    /// `signal` through a cascade of two RBJ filters of `shape` (24 dB/octave).
    package static func filtered(
        _ signal: [Float], _ shape: Biquad.Shape, frequency: Float, q: Float = 0.7071
    ) -> [Float] {
        var first = Biquad(shape, frequency: frequency, q: q)
        var second = Biquad(shape, frequency: frequency, q: q)
        return signal.map { second.process(first.process($0)) }
    }

    /// Mean square of `signal`.
    package static func power(_ signal: [Float]) -> Double {
        signal.reduce(0) { $0 + Double($1) * Double($1) } / Double(max(signal.count, 1))
    }

    /// Power in decibels of consecutive `frameSeconds` frames.
    package static func envelopeDecibels(_ signal: [Float], frameSeconds: Double) -> [Double] {
        let hop = Int(frameSeconds * Double(sampleRate))
        return stride(from: 0, to: signal.count - hop + 1, by: hop).map { start in
            10 * log10(power(Array(signal[start..<(start + hop)])) + 1e-20)
        }
    }

    /// Onset times in seconds: frames of `frameSeconds` whose level jumps at
    /// least `riseDecibels` above the quietest of the preceding `lookbackFrames`
    /// and lies within `rangeDecibels` of the loudest frame, at least
    /// `refractorySeconds` apart.
    package static func onsets(
        _ signal: [Float], frameSeconds: Double = 0.005, lookbackFrames: Int = 10, riseDecibels: Double = 12,
        rangeDecibels: Double = 25, refractorySeconds: Double = 0.05
    ) -> [Double] {
        let levels = envelopeDecibels(signal, frameSeconds: frameSeconds)
        guard let loudest = levels.max() else { return [] }
        var result: [Double] = []
        var lastOnset = -Double.infinity
        for index in lookbackFrames..<levels.count {
            let time = Double(index) * frameSeconds
            let before = levels[(index - lookbackFrames)..<index].min()!
            if levels[index] - before >= riseDecibels, levels[index] >= loudest - rangeDecibels,
                time - lastOnset >= refractorySeconds
            {
                result.append(time)
                lastOnset = time
            }
        }
        return result
    }

    /// Differences between consecutive times.
    package static func intervals(_ times: [Double]) -> [Double] {
        zip(times.dropFirst(), times).map { $0 - $1 }
    }

    /// Power of `signal` at `frequency` Hz (a single DFT bin, Goertzel).
    package static func goertzelPower(
        _ signal: ArraySlice<Float>, frequency: Double,
        sampleRate: Double = Double(AudioFormat.sampleRate)
    ) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
        var s1 = 0.0
        var s2 = 0.0
        for x in signal {
            let s0 = Double(x) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2
    }
}
