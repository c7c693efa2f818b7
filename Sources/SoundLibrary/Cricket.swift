import DSP
/// One stridulating cricket: pulses on a 4–5 kHz carrier, grouped into
/// chirps (or a continuous trill) at its own rate. Owned by `Crickets`.
package struct Cricket {
    private var random: Random
    private let carrierIncrement: Float
    private let pulseSamples: Int
    private let pulsePeriodSamples: Int
    private let pulsesPerChirp: Int
    private let chirpPeriodSamples: Int
    private let gains: (left: Float, right: Float)
    private let loudness: Float
    private var carrierPhase: Float = 0
    private var sampleInChirp = 0
    private var chirpPeriodNow: Int
    private var presence: Float = 0
    private var pitchNow: Float = 1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// A cricket at `distance` (0 near … 1 far) and `pan`.
    package init(seed: UInt64, distance: Float, pan: Float) {
        random = Random(seed: seed)
        carrierIncrement = random.uniform(4000...4900) / Cricket.sampleRate
        // Field-cricket-like chirps of 3–6 pulses, or (one in four) a trill.
        let pulsePeriod = random.uniform(0.018...0.03)
        pulsePeriodSamples = Int(pulsePeriod * Cricket.sampleRate)
        pulseSamples = Int(pulsePeriod * random.uniform(0.45...0.65) * Cricket.sampleRate)
        // Trills are short bursts (8–16 pulses): a second-long trill at one pitch is a comb
        // of steady lines, which a real night's layered chorus never shows.
        let isTriller = random.unit() < 0.25
        pulsesPerChirp = isTriller ? 8 + random.below(9) : 3 + random.below(4)
        // One chirp every 1.5–3 s, as the near crickets of a real summer night
        // (Sounds/crickets, ≈2 s); the night's density comes from many of them.
        let chirpPeriod = isTriller
            ? Float(pulsesPerChirp) * pulsePeriod + random.uniform(1.2...2.5)
            : random.uniform(1.5...3)
        chirpPeriodSamples = Int(chirpPeriod * Cricket.sampleRate)
        chirpPeriodNow = chirpPeriodSamples
        gains = StereoPan.gains(pan)
        // Near chirps stand 10–15 dB over the far chorus in a real night, not 20.
        loudness = 0.1 / (0.5 + 1.5 * distance * distance)
        sampleInChirp = random.below(chirpPeriodSamples)
    }

    /// The next stereo frame; `isSinging` fades the cricket in or out over ≈1 s.
    @inline(__always)
    package mutating func next(isSinging: Bool) -> (left: Float, right: Float) {
        presence += ((isSinging ? 1 : 0) - presence) * 0.00002
        if presence < 1e-4 && !isSinging { return (0, 0) }
        sampleInChirp += 1
        if sampleInChirp >= chirpPeriodNow {
            sampleInChirp = 0
            // A cricket keeps rough time only: each chirp comes a little early or late, and
            // now and then it falls silent for a few seconds (disturbed, or resting) before
            // resuming. Real nights are irregular; a steady period reads as a machine.
            var period = Float(chirpPeriodSamples) * random.uniform(0.85...1.2)
            if random.unit() < 0.05 { period += random.uniform(3...8) * Cricket.sampleRate }
            chirpPeriodNow = Int(period)
            // Each chirp's pitch differs with the wing's stroke and the night's warmth (±3 %),
            // so no cricket holds one frequency the way an oscillator does.
            pitchNow = random.uniform(0.97...1.03)
        }
        let pulse = sampleInChirp / pulsePeriodSamples
        guard pulse < pulsesPerChirp else { return (0, 0) }
        let within = sampleInChirp - pulse * pulsePeriodSamples
        guard within < pulseSamples else { return (0, 0) }
        // Each pulse swells and fades (sin πx), the first and last of a chirp a little softer.
        let x = Float(within) / Float(pulseSamples)
        // Each pulse's pitch sags ≈3% as the scraper slows along the file.
        carrierPhase += carrierIncrement * pitchNow * (1.015 - 0.03 * x)
        if carrierPhase >= 1 { carrierPhase -= 1 }
        var envelope = FastSine.value(atCycle: 0.5 * x)
        if pulse == 0 || pulse == pulsesPerChirp - 1 { envelope *= 0.7 }
        let tone = FastSine.value(atCycle: carrierPhase) + 0.02 * FastSine.value(atCycle: 2 * carrierPhase)
            + 0.01 * FastSine.value(atCycle: 3 * carrierPhase)
        let y = tone * envelope * loudness * presence
        return (y * gains.left, y * gains.right)
    }
}
