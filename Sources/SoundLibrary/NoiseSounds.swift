import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The noise family of built-in sounds: white, pink, brown, blue and grey noise.
///
/// Each is stereo with independent left and right generators (a wide,
/// diffuse image rather than a point in the middle), level-matched to
/// −24 dBFS gated RMS at intensity 0.5, where it is the textbook colour.
/// Intensity changes the colour around that point: white and pink tilt
/// darker below 0.5 and brighter above; brown opens a low-pass from a muffled
/// rumble to full brown and gains a slow, surf-like level movement.
package enum NoiseSounds {
    package static let white = SoundDefinition(
        name: "white-noise", variants: ["steady"],
        family: .noise,
        summary: "white noise, equal energy per hertz; intensity tilts it darker or brighter",
        loudness: SoundLoudness(low: -20.1, middle: -17.9, high: -15.5),
        makeSynthesizer: { _, seed in TiltedNoiseSource(color: .white, seed: seed) })
    package static let pink = SoundDefinition(
        name: "pink-noise", variants: ["steady"],
        family: .noise,
        summary: "pink noise, equal energy per octave; intensity tilts it darker or brighter",
        loudness: SoundLoudness(low: -21.7, middle: -21.1, high: -19.7),
        makeSynthesizer: { _, seed in TiltedNoiseSource(color: .pink, seed: seed) })
    package static let brown = SoundDefinition(
        name: "brown-noise", variants: ["steady"],
        family: .noise,
        summary: "brown noise, a deep rumble; intensity opens it up and lets it surge slowly",
        loudness: SoundLoudness(low: -32.1, middle: -31.5, high: -31.2),
        makeSynthesizer: { _, seed in BrownNoiseSource(seed: seed) })
    package static let blue = SoundDefinition(
        name: "blue-noise", variants: ["steady"],
        family: .noise,
        summary: "blue noise, rising 3 dB per octave, a bright hiss; intensity tilts it darker or brighter",
        loudness: SoundLoudness(low: -20.1, middle: -17.7, high: -15.3),
        makeSynthesizer: { _, seed in TiltedNoiseSource(color: .blue, seed: seed) })
    package static let grey = SoundDefinition(
        name: "grey-noise", variants: ["steady"],
        family: .noise,
        summary: "grey noise, shaped to sound equally loud at every pitch; intensity tilts it darker or brighter",
        loudness: SoundLoudness(low: -20.3, middle: -18.1, high: -15.8),
        makeSynthesizer: { _, seed in TiltedNoiseSource(color: .grey, seed: seed) })
}

/// Follows the layer's intensity with a 0.2 s glide, so a key press sweeps
/// the sound instead of stepping it (a stepped filter would click).
private struct SmoothedIntensity {
    /// Frames between filter updates: small enough to sound continuous,
    /// large enough that redesigning biquads costs nothing.
    static let blockFrames = 64
    private static let glide: Float = 1 - expf(-Float(blockFrames) / (0.2 * Float(AudioFormat.sampleRate)))
    private(set) var value: Float = .nan

    /// Moves one block towards `target`; returns true when the value changed enough to redesign filters.
    mutating func advance(towards target: Float) -> Bool {
        let target = min(max(target, 0), 1)
        if value.isNaN {
            value = target
            return true
        }
        let delta = target - value
        if abs(delta) < 1e-4 { return false }
        value += abs(delta) < 1e-3 ? delta : delta * Self.glide
        return true
    }
}

/// White, pink, blue or grey noise through a tilt filter (a low shelf and a
/// high shelf pivoting at 800 Hz) whose tilt is ±6 dB at intensity 0 and 1
/// and flat at 0.5.
///
/// Blue noise is pink noise's first difference: the difference adds 6 dB per
/// octave to pink's −3 (exactly so up to ~10 kHz, a little less towards
/// Nyquist). Grey noise is white noise through the inverse of an equal-
/// loudness contour (ISO 226 near 40 phon, in broad strokes: lows raised, the
/// ear's most sensitive region around 3.5 kHz lowered, the top raised), so no
/// band stands out to the ear.
package final class TiltedNoiseSource: LayerSource {
    package enum Color { case white, pink, blue, grey }

    /// Gains to −24 dBFS RMS: white is uniform (RMS 1/√3); the others' RMS was
    /// measured over 60 s at 48 kHz (see the level test).
    private static func gain(for color: Color) -> Float {
        switch color {
        case .white: return 0.063_096 * Float(3).squareRoot()
        case .pink: return 0.063_096 / 1.746
        case .blue: return 0.063_096 / blueRMS
        case .grey: return 0.063_096 / greyRMS
        }
    }
    private static let blueRMS: Float = 1.0435
    private static let greyRMS: Float = 0.9259

    private let color: Color
    private let gain: Float
    private var whiteLeft: WhiteNoise, whiteRight: WhiteNoise
    private var pinkLeft: PinkNoise, pinkRight: PinkNoise
    /// The previous pink samples, for blue noise's difference.
    private var lastPink: (Float, Float) = (0, 0)
    /// Grey noise's equal-loudness shaping: two low shelves, a dip, a high shelf per channel.
    private var greyShaping = (GreyShaping(), GreyShaping())
    private var lowShelf = (Biquad(), Biquad())
    private var highShelf = (Biquad(), Biquad())
    private var intensity = SmoothedIntensity()

    package init(color: Color, seed: UInt64) {
        self.color = color
        gain = Self.gain(for: color)
        var seeds = Random(seed: seed)
        whiteLeft = WhiteNoise(seed: seeds.childSeed())
        whiteRight = WhiteNoise(seed: seeds.childSeed())
        pinkLeft = PinkNoise(seed: seeds.childSeed())
        pinkRight = PinkNoise(seed: seeds.childSeed())
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity target: Float) {
        var frame = 0
        while frame < frameCount {
            if intensity.advance(towards: target) { redesignTilt() }
            let end = min(frameCount, frame + SmoothedIntensity.blockFrames)
            switch color {
            case .white:
                for i in frame..<end {
                    output[2 * i] = filtered(whiteLeft.next(), channel: 0)
                    output[2 * i + 1] = filtered(whiteRight.next(), channel: 1)
                }
            case .pink:
                for i in frame..<end {
                    output[2 * i] = filtered(pinkLeft.next(), channel: 0)
                    output[2 * i + 1] = filtered(pinkRight.next(), channel: 1)
                }
            case .blue:
                for i in frame..<end {
                    let left = pinkLeft.next(), right = pinkRight.next()
                    output[2 * i] = filtered(left - lastPink.0, channel: 0)
                    output[2 * i + 1] = filtered(right - lastPink.1, channel: 1)
                    lastPink = (left, right)
                }
            case .grey:
                for i in frame..<end {
                    output[2 * i] = filtered(greyShaping.0.process(whiteLeft.next()), channel: 0)
                    output[2 * i + 1] = filtered(greyShaping.1.process(whiteRight.next()), channel: 1)
                }
            }
            frame = end
        }
    }

    @inline(__always)
    private func filtered(_ x: Float, channel: Int) -> Float {
        if channel == 0 {
            return gain * highShelf.0.process(lowShelf.0.process(x))
        }
        return gain * highShelf.1.process(lowShelf.1.process(x))
    }

    private func redesignTilt() {
        let tiltDecibels = (intensity.value - 0.5) * 12
        let pivotHertz: Float = 800
        lowShelf.0.set(.lowShelf(gainDecibels: -tiltDecibels / 2), frequency: pivotHertz)
        lowShelf.1.set(.lowShelf(gainDecibels: -tiltDecibels / 2), frequency: pivotHertz)
        highShelf.0.set(.highShelf(gainDecibels: tiltDecibels / 2), frequency: pivotHertz)
        highShelf.1.set(.highShelf(gainDecibels: tiltDecibels / 2), frequency: pivotHertz)
    }
}

/// The inverse of an equal-loudness contour near 40 phon, in four biquads:
/// relative to 1 kHz about +17 dB at 50 Hz, +9 dB at 200 Hz, −5 dB at 3.5 kHz
/// and +5 dB from 12 kHz up.
private struct GreyShaping {
    private var lowest = Biquad(), low = Biquad(), presence = Biquad(), top = Biquad()

    init() {
        lowest.set(.lowShelf(gainDecibels: 8), frequency: 90)
        low.set(.lowShelf(gainDecibels: 10), frequency: 350)
        presence.set(.peak(gainDecibels: -5), frequency: 3_500, q: 1.2)
        top.set(.highShelf(gainDecibels: 6), frequency: 11_000)
    }

    @inline(__always)
    mutating func process(_ x: Float) -> Float {
        top.process(presence.process(low.process(lowest.process(x))))
    }
}

/// Brown noise through a low-pass that opens with intensity (150 Hz at 0,
/// ≈2.7 kHz at 0.5, 16 kHz at 1), with a slow random level movement whose
/// depth grows with intensity (steady at 0, ±2 dB at 0.5, ±4 dB at 1).
package final class BrownNoiseSource: LayerSource {
    /// Gain to −24 dBFS gated RMS at intensity 0.5, measured over 60 s (see
    /// the level test): `BrownNoise`'s RMS after its infrasonic blocker, the
    /// low-pass (which removes almost nothing of brown's energy) and the level
    /// movement's mean power.
    private static let gain: Float = 0.063_096 / 0.7815

    private var left: BrownNoise, right: BrownNoise
    private var lowPass = (Biquad(), Biquad())
    private var intensity = SmoothedIntensity()
    private var random: Random
    /// Level movement: a random target in −1…1 every few seconds, glided to.
    private var movementTarget: Float = 0
    private var movement: Float = 0
    private var framesUntilNewTarget = 0
    private var movementDepthDecibels: Float = 0
    private var movementGain: Float = BrownNoiseSource.gain

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        left = BrownNoise(seed: seeds.childSeed())
        right = BrownNoise(seed: seeds.childSeed())
        random = Random(seed: seeds.childSeed())
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity target: Float) {
        let blockFrames = SmoothedIntensity.blockFrames
        // One-pole glide with a 2 s time constant, stepped once per block.
        let glide: Float = 1 - expf(-Float(blockFrames) / (2 * Float(AudioFormat.sampleRate)))
        var frame = 0
        while frame < frameCount {
            if intensity.advance(towards: target) { redesign() }
            framesUntilNewTarget -= blockFrames
            if framesUntilNewTarget <= 0 {
                movementTarget = random.bipolar()
                framesUntilNewTarget = Int(random.uniform(3...8) * Float(AudioFormat.sampleRate))
            }
            movement += (movementTarget - movement) * glide
            let startGain = movementGain
            movementGain = powf(10, movement * movementDepthDecibels / 20) * Self.gain
            let end = min(frameCount, frame + blockFrames)
            // Interpolate the gain across the block so its steps are inaudible.
            let step = (movementGain - startGain) / Float(end - frame)
            var g = startGain
            for i in frame..<end {
                g += step
                output[2 * i] = g * lowPass.0.process(left.next())
                output[2 * i + 1] = g * lowPass.1.process(right.next())
            }
            frame = end
        }
    }

    private func redesign() {
        let i = intensity.value
        let cutoffHertz = 150 * powf(16_000 / 150, powf(i, 0.7))
        lowPass.0.set(.lowPass, frequency: cutoffHertz)
        lowPass.1.set(.lowPass, frequency: cutoffHertz)
        movementDepthDecibels = 4 * i
    }
}
