/// White noise: independent uniform samples in −1…1 (RMS 1/√3), flat spectrum.
/// Value type, allocation-free, one channel.
public struct WhiteNoise: Sendable {
    private var random: Random

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { random = Random(seed: seed) }

    /// The next sample.
    @inline(__always)
    public mutating func next() -> Float { random.bipolar() }
}

/// Pink noise: power falling 3 dB per octave (1/f), from Paul Kellet's
/// "refined" filter — six one-pole sections with staggered poles plus a
/// direct path, whose sum approximates 1/f to within ±0.05 dB above 9 Hz at
/// 44.1 kHz. The poles are re-tuned for 48 kHz (p' = p^(44.1/48)) so each
/// section keeps its corner frequency in hertz, which keeps the ±1 dB promise
/// over 20 Hz–20 kHz here. A one-pole high-pass at 3 Hz keeps the slowest
/// section from wandering into a DC offset over a minute. Value type,
/// allocation-free, one channel.
public struct PinkNoise: Sendable {
    private var white: WhiteNoise
    private var blocker = InfrasonicBlocker()
    private var b0: Float = 0, b1: Float = 0, b2: Float = 0, b3: Float = 0, b4: Float = 0, b5: Float = 0,
        b6: Float = 0
    private let p0: Float, p1: Float, p2: Float, p3: Float, p4: Float

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64, sampleRate: Int = AudioFormat.sampleRate) {
        white = WhiteNoise(seed: seed)
        let ratio = 44_100 / Double(sampleRate)
        func retuned(_ pole: Double) -> Float { Float(pow(pole, ratio)) }
        p0 = retuned(0.99886)
        p1 = retuned(0.99332)
        p2 = retuned(0.96900)
        p3 = retuned(0.86650)
        p4 = retuned(0.55000)
        // Let the slowest section settle so the first second is not quieter.
        for _ in 0..<(sampleRate / 2) { _ = next() }
    }

    /// The next sample (RMS ≈ 1.8 for Kellet's gains with uniform white input).
    @inline(__always)
    public mutating func next() -> Float {
        let w = white.next()
        b0 = p0 * b0 + w * 0.0555179
        b1 = p1 * b1 + w * 0.0750759
        b2 = p2 * b2 + w * 0.1538520
        b3 = p3 * b3 + w * 0.3104856
        b4 = p4 * b4 + w * 0.5329522
        b5 = -0.7616 * b5 - w * 0.0168980
        let pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362
        b6 = w * 0.115926
        return blocker.process(pink)
    }
}

/// Brown (red) noise: power falling 6 dB per octave (1/f²), white noise
/// through a leaky integrator. The leak puts the corner at `cornerHertz`
/// (a few hertz) so the level cannot wander off and there is no DC drift;
/// above ≈4× the corner the slope is −6 dB/octave within a fraction of a dB.
/// A 3 Hz high-pass removes what is left of the mean over a minute.
/// Value type, allocation-free, one channel.
public struct BrownNoise: Sendable {
    private var white: WhiteNoise
    private var blocker = InfrasonicBlocker()
    private var state: Float = 0
    private let leak: Float
    private let inputGain: Float

    /// A generator whose whole sequence is fixed by `seed`. The integrator has
    /// unit RMS; after the blocker (most of brown's power lies below a few
    /// hertz) the output RMS is ≈ 0.78.
    public init(seed: UInt64, cornerHertz: Float = 5, sampleRate: Int = AudioFormat.sampleRate) {
        white = WhiteNoise(seed: seed)
        leak = 1 - 2 * Float.pi * cornerHertz / Float(sampleRate)
        // Integrator output variance is σ²·g²/(1 − leak²); pick g for unit RMS.
        let whiteRMS: Float = 1 / Float(3).squareRoot()
        inputGain = (1 - leak * leak).squareRoot() / whiteRMS
        // Start from a draw of the stationary distribution rather than from 0.
        var settle = Random(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        state = settle.gaussian()
    }

    /// The next sample.
    @inline(__always)
    public mutating func next() -> Float {
        state = leak * state + inputGain * white.next()
        return blocker.process(state)
    }
}

/// A one-pole, one-zero high-pass at ≈3 Hz (a DC blocker): inaudible, but it
/// keeps 1/f noises centred on zero over minutes.
package struct InfrasonicBlocker: Sendable {
    private static let pole: Float = 1 - 2 * Float.pi * 3 / Float(AudioFormat.sampleRate)
    private var lastInput: Float = 0
    private var lastOutput: Float = 0

    @inline(__always)
    package mutating func process(_ x: Float) -> Float {
        lastOutput = x - lastInput + Self.pole * lastOutput
        lastInput = x
        return lastOutput
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
