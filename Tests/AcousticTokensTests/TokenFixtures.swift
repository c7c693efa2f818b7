@testable import AcousticTokens
@testable import AudioEngine
@testable import DSP
import TestSupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Corpora made in code, so the token tests need no recordings.
enum TokenFixtures {
    static let rate = Float(AudioFormat.sampleRate)

    /// Rain-like audio: Minnaert bubble chirps (van den Doel's drop model)
    /// with impact clicks at a Poisson rate, over a soft filtered hiss. The
    /// rate steps through `dropsPerSecond` in equal segments, so the corpus
    /// spans light to heavy rain. Interleaved stereo, drops panned at random.
    static func rain(seconds: Double, dropsPerSecond: [Float], seed: UInt64) -> [Float] {
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var out = [Float](repeating: 0, count: frames * 2)
        var random = Random(seed: seed)
        var hiss = Biquad(.bandPass, frequency: 3000, q: 0.5)
        for i in 0..<frames {
            let h = hiss.process(random.bipolar()) * 0.004
            out[2 * i] = h
            out[2 * i + 1] = h
        }
        var t: Float = 0
        let total = Float(seconds)
        while true {
            let segment = min(dropsPerSecond.count - 1, Int(t / total * Float(dropsPerSecond.count)))
            t += random.exponentialInterval(ratePerSecond: dropsPerSecond[segment])
            guard t < total else { break }
            let start = Int(t * rate)
            let radius = random.uniform(0.0008...0.003)
            let f0 = 3 / radius
            let damping = 0.043 * f0 + 0.0014 * powf(f0, 1.5)
            let amplitude = powf(radius / 0.003, 1.5) * 0.25
            let pan = random.unit()
            let length = min(frames - start, Int(5 / damping * rate))
            var phase: Float = 0
            for n in 0..<max(0, length) {
                let time = Float(n) / rate
                let f = f0 * (1 + 0.075 * 0.5 * time * 40)
                phase += 2 * Float.pi * f / rate
                var x = sinf(phase) * expf(-damping * time) * amplitude
                if n < 48 { x += random.bipolar() * amplitude * 0.5 * (1 - Float(n) / 48) }
                out[2 * (start + n)] += x * (1 - pan)
                out[2 * (start + n) + 1] += x * pan
            }
        }
        return out
    }

    /// Adds recognisable events to interleaved stereo `audio`: rising sine
    /// chirps (≈0.6 s) and band-limited noise bursts (≈0.4 s), alternating
    /// every `everySeconds` seconds.
    static func addEvents(to audio: inout [Float], everySeconds: Double, seed: UInt64) {
        var random = Random(seed: seed)
        let frames = audio.count / 2
        var t = everySeconds * 0.5
        var chirp = true
        while Int((t + 0.7) * Double(AudioFormat.sampleRate)) < frames {
            let start = Int(t * Double(AudioFormat.sampleRate))
            if chirp {
                let f0 = random.uniform(600...1500), f1 = f0 * random.uniform(1.5...3)
                let length = Int(0.6 * rate)
                var phase: Float = 0
                for n in 0..<length {
                    let x = Float(n) / Float(length)
                    phase += 2 * Float.pi * (f0 + (f1 - f0) * x) / rate
                    let v = sinf(phase) * sinf(Float.pi * x) * 0.2
                    audio[2 * (start + n)] += v
                    audio[2 * (start + n) + 1] += v
                }
            } else {
                var filter = Biquad(.bandPass, frequency: random.uniform(300...4000), q: 2)
                let length = Int(0.4 * rate)
                for n in 0..<length {
                    let v = filter.process(random.bipolar()) * expf(-Float(n) / Float(length) * 4) * 0.5
                    audio[2 * (start + n)] += v
                    audio[2 * (start + n) + 1] += v * 0.8
                }
            }
            chirp.toggle()
            t += everySeconds * Double(random.uniform(0.7...1.3))
        }
    }

    /// A 20 s rain-and-events corpus, rain density sweeping light → heavy.
    static func mixedCorpus(seconds: Double = 20, seed: UInt64 = 1) -> Corpus {
        var audio = rain(seconds: seconds, dropsPerSecond: [15, 40, 120, 300], seed: seed)
        addEvents(to: &audio, everySeconds: 2.5, seed: seed &+ 1)
        return Corpus(interleaved: audio)
    }

    /// Renders `seconds` of `layer` at `intensity`.
    static func render(_ layer: LayerSource, seconds: Double, intensity: Float) -> [Float] {
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var out = [Float](repeating: 0, count: frames * 2)
        out.withUnsafeMutableBufferPointer { buffer in
            var done = 0
            while done < frames {
                let count = min(4096, frames - done)
                layer.render(into: buffer.baseAddress! + 2 * done, frameCount: count, intensity: intensity)
                done += count
            }
        }
        return out
    }

    static func mono(_ interleaved: [Float]) -> [Float] {
        (0..<(interleaved.count / 2)).map { (interleaved[2 * $0] + interleaved[2 * $0 + 1]) * 0.5 }
    }
}
