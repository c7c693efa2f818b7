import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A horn blown once: a car's two-note honk or a ship's long, low blast.
///
/// A horn is a driven diaphragm or a reed, so its sound is a rich harmonic
/// series (amplitudes about 1/n) shaped by the bell; car horns sound two
/// notes a major third apart at once. Held for a fraction of a second
/// (a car) or seconds (a ship), with a quick attack and release and a
/// slight waver of pitch. Value type.
package struct Horn {
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let harmonics = 6

    /// Whether it is still sounding.
    package var isSounding: Bool { framesLeft > 0 || level > 1e-4 }
    private var framesLeft = 0
    private var level: Float = 0
    private var loudness: Float = 0
    private var pitch: Float = 400
    private var secondNote: Float = 0
    private var phases: (Float, Float) = (0, 0)
    private var waver: Float = 0
    private var bell = Biquad()
    private var gains: (left: Float, right: Float) = (0, 0)

    package init() {}

    /// Starts a blast of `seconds` at `pitch` Hz, with a second note at
    /// `pitch · secondNoteRatio` when that ratio is above 1; `brightness` is
    /// the bell's low-pass in Hz (distance darkens a horn).
    package mutating func start(
        random: inout Random, pitch: Float, secondNoteRatio: Float, seconds: Float, loudness: Float, pan: Float,
        brightness: Float
    ) {
        framesLeft = Int(seconds * Self.sampleRate)
        self.pitch = pitch
        secondNote = secondNoteRatio > 1 ? pitch * secondNoteRatio : 0
        self.loudness = loudness
        waver = random.uniform(-0.004...0.004)
        bell.set(.lowPass, frequency: brightness, q: 0.9)
        let stereo = StereoPan.gains(pan)
        gains = (stereo.left, stereo.right)
    }

    /// The next stereo sample.
    @inline(__always)
    package mutating func next() -> (left: Float, right: Float) {
        let target: Float = framesLeft > 0 ? loudness : 0
        framesLeft -= framesLeft > 0 ? 1 : 0
        // About 10 ms attack and 30 ms release.
        level += (target - level) * (target > level ? 0.002 : 0.0007)
        guard level > 1e-4 || framesLeft > 0 else { return (0, 0) }
        phases.0 += pitch * (1 + waver) / Self.sampleRate
        if phases.0 >= 1 { phases.0 -= 1 }
        var sample: Float = 0
        for harmonic in 1...Self.harmonics {
            sample += FastSine.value(atCycle: phases.0 * Float(harmonic)) / Float(harmonic)
        }
        if secondNote > 0 {
            phases.1 += secondNote / Self.sampleRate
            if phases.1 >= 1 { phases.1 -= 1 }
            for harmonic in 1...Self.harmonics {
                sample += FastSine.value(atCycle: phases.1 * Float(harmonic)) / Float(harmonic)
            }
        }
        let shaped = bell.process(sample) * level
        return (shaped * gains.left, shaped * gains.right)
    }
}
