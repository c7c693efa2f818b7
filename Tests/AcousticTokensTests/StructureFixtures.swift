@testable import AcousticTokens
@testable import AudioEngine
@testable import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sources with structure over seconds, made in code: what the token walk
/// must keep (issue 13). Each is interleaved stereo at 48 kHz.
enum StructureFixtures {
    static let rate = Float(AudioFormat.sampleRate)

    /// Bird-like song and pause: warbled tones of 0.25–1.5 s (a 2.5–5 kHz
    /// carrier with a fast vibrato) separated by pauses of 0.4–2.5 s, over a
    /// soft hiss 30 dB below the songs.
    static func songAndPause(seconds: Double, seed: UInt64) -> [Float] {
        var out = hiss(seconds: seconds, amplitude: 0.004, centre: 2_000, seed: seed)
        var random = Random(seed: seed &+ 7)
        let frames = out.count / 2
        var t = Double(random.uniform(0.2...1.5))
        while true {
            let length = Int(random.uniform(0.25...1.5) * rate)
            let start = Int(t * Double(rate))
            guard start + length < frames else { break }
            let carrier = random.uniform(2_500...5_000), vibrato = random.uniform(15...40)
            let depth = random.uniform(200...600), amplitude = random.uniform(0.08...0.16)
            let edge = Int(0.02 * rate)
            var phase: Float = 0
            for n in 0..<length {
                let time = Float(n) / rate
                phase += 2 * Float.pi * (carrier + depth * sinf(2 * Float.pi * vibrato * time)) / rate
                let ramp = min(1, Float(min(n, length - 1 - n)) / Float(edge))
                let v = sinf(phase) * amplitude * ramp
                out[2 * (start + n)] += v
                out[2 * (start + n) + 1] += v * 0.9
            }
            t += Double(length) / Double(rate) + Double(random.uniform(0.4...2.5))
        }
        return out
    }

    /// Surf-like swells: low-passed noise whose level rises and falls over
    /// 4–8 s per swell, about 20 dB from trough to crest.
    static func swell(seconds: Double, seed: UInt64) -> [Float] {
        var out = hiss(seconds: seconds, amplitude: 0.15, centre: 800, seed: seed)
        var random = Random(seed: seed &+ 3)
        let frames = out.count / 2
        var start = 0
        while start < frames {
            let length = Int(random.uniform(4...8) * rate)
            let peak = random.uniform(0.7...1)
            for n in 0..<min(length, frames - start) {
                let x = Float(n) / Float(length)
                // A raised cosine from trough (0.1) to crest and back.
                let gain = 0.1 + (peak - 0.1) * 0.5 * (1 - cosf(2 * Float.pi * x))
                out[2 * (start + n)] *= gain
                out[2 * (start + n) + 1] *= gain
            }
            start += length
        }
        return out
    }

    /// A short gusty wind, in the manner of wind.ogg (15 s, one gust):
    /// band-passed noise that rises 12 dB into a gust over its first
    /// half and falls back, and flickers all the while (a new level every
    /// 20–80 ms, ±2 dB or a 10 dB lull, glided), so even the gust dips under
    /// the midpoint between its quiet and loud levels within a second.
    static func gust(seconds: Double, seed: UInt64) -> [Float] {
        var out = hiss(seconds: seconds, amplitude: 0.1, centre: 600, seed: seed)
        var random = Random(seed: seed &+ 5)
        let frames = out.count / 2
        let gustStart = 0.15 * Float(frames), gustLength = 0.4 * Float(frames)
        var flicker: Float = 0, heading: Float = 0
        var left = 0
        for n in 0..<frames {
            if left == 0 {
                // A lull in the turbulence now and then, as wind has.
                heading = random.unit() < 0.3 ? -10 : random.uniform(-2...2)
                left = Int(random.uniform(0.02...0.08) * rate)
            }
            left -= 1
            flicker += (heading - flicker) * 0.002
            let x = (Float(n) - gustStart) / gustLength
            let gust: Float = x > 0 && x < 1 ? 12 * 0.5 * (1 - cosf(2 * Float.pi * x)) : 0
            let gain = powf(10, (gust + flicker) / 20)
            out[2 * n] *= gain
            out[2 * n + 1] *= gain
        }
        return out
    }

    /// A steady texture: rain of one density.
    static func steady(seconds: Double, seed: UInt64) -> [Float] {
        TokenFixtures.rain(seconds: seconds, dropsPerSecond: [120], seed: seed)
    }

    /// Band-passed noise, slightly decorrelated between channels.
    static func hiss(seconds: Double, amplitude: Float, centre: Float, seed: UInt64) -> [Float] {
        let frames = Int(seconds * Double(rate))
        var out = [Float](repeating: 0, count: 2 * frames)
        var random = Random(seed: seed)
        var left = Biquad(.bandPass, frequency: centre, q: 0.5)
        var right = Biquad(.bandPass, frequency: centre, q: 0.5)
        for i in 0..<frames {
            let common = random.bipolar()
            out[2 * i] = left.process(common + 0.3 * random.bipolar()) * amplitude
            out[2 * i + 1] = right.process(common + 0.3 * random.bipolar()) * amplitude
        }
        return out
    }
}
