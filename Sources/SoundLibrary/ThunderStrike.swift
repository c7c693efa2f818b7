import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One lightning strike as heard from `distanceMetres`: crack, roll and boom.
/// A value type owned by `Thunder`; `start` re-arms it without allocating.
package struct ThunderStrike {
    private var random: Random
    private var noise: WhiteNoise
    private var rumbleWhite: WhiteNoise
    private var rumblePink = KelletPinkNoise()
    private var boomNoise: BrownNoise
    private var crackBands: (Biquad, Biquad, Biquad, Biquad, Biquad)
    private var crackBandGains: (Float, Float, Float, Float, Float) = (1, 1, 1, 1, 1)
    private var rollFilters = (Biquad(), Biquad())
    private var boomFilter = Biquad(.bandPass, frequency: 80, q: 1.2)
    private var airFilter = Biquad()

    private(set) var isSounding = false
    private(set) var ageSamples = 0
    private var delaySamples = 0
    private var nearness: Float = 0
    private var loudness: Float = 0
    private var gainLeft: Float = 0.7
    private var gainRight: Float = 0.7

    private var crackEnvelope: Float = 0
    private var samplesToNextCrackBurst = 0
    private var rollEnvelope: Float = 0
    private var rollTarget: Float = 0
    private var samplesToNextRollSegment = 0
    private var rollRate: Float = 0
    private var rollStartCutoff: Float = 0
    private var rollLengthSeconds: Float = 8
    private var boomEnvelope: Float = 0
    private var boomDecay: Float = 0
    private var boomAttack: Float = 0

    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let controlInterval = 64

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        noise = WhiteNoise(seed: seeds.childSeed())
        rumbleWhite = WhiteNoise(seed: seeds.childSeed())
        boomNoise = BrownNoise(seed: seeds.childSeed(), cornerHertz: 15)
        crackBands = (
            Biquad(.bandPass, frequency: 110, q: 1.2), Biquad(.bandPass, frequency: 380, q: 1.2),
            Biquad(.bandPass, frequency: 1200, q: 1.2), Biquad(.bandPass, frequency: 3000, q: 1.2),
            Biquad(.bandPass, frequency: 6500, q: 1.2)
        )
    }

    /// Arms the strike: it will sound after `delaySamples`.
    package mutating func start(distanceMetres: Float, delaySamples: Int, pan: Float) {
        isSounding = true
        ageSamples = 0
        self.delaySamples = delaySamples
        // Nearness 1 overhead, 0 beyond ≈4 km: only near strikes crack.
        nearness = max(0, min(1, 1 - (distanceMetres - 300) / 3700))
        loudness = powf(1 + distanceMetres / 3000, -0.8)
        let angle = (pan + 1) * Float.pi / 4
        gainLeft = cosf(angle) * 1.41
        gainRight = sinf(angle) * 1.41
        crackEnvelope = 0
        samplesToNextCrackBurst = 0
        rollEnvelope = 0
        rollTarget = 0
        rollRate = 2.5 + 3 * nearness
        samplesToNextRollSegment = 0
        rollLengthSeconds = 5 + 8 * random.unit()
        // Near rolls start bright; far ones arrive already dark, but real distant
        // thunder still carries its roll up to 1–2 kHz (≈13 dB an octave above 500 Hz).
        rollStartCutoff = 450 + 1500 * nearness * nearness + 150 * random.unit()
        boomEnvelope = 0
        boomAttack = 1 - expf(-1 / (0.08 * ThunderStrike.sampleRate))
        boomDecay = expf(-1 / ((2.5 + 3 * random.unit()) * ThunderStrike.sampleRate))
        // A real near crack has most of its energy under 1 kHz: 4–8 kHz sit 20–40 dB down.
        let gains: [Float] = [1, 0.8, 0.38, 0.14, 0.08]
        crackBandGains = (
            gains[0] * (0.5 + random.unit()), gains[1] * (0.5 + random.unit()), gains[2] * (0.5 + random.unit()),
            gains[3] * (0.5 + random.unit()), gains[4] * (0.5 + random.unit())
        )
        rollFilters.0.reset()
        rollFilters.1.reset()
        airFilter = Biquad(.lowPass, frequency: 1800 + 4500 * nearness * nearness)
    }

    /// The next stereo frame of this strike.
    @inline(__always)
    package mutating func next() -> (left: Float, right: Float) {
        if delaySamples > 0 {
            delaySamples -= 1
            return (0, 0)
        }
        let t = Float(ageSamples) / ThunderStrike.sampleRate
        if ageSamples % ThunderStrike.controlInterval == 0 { updateControls(time: t) }
        ageSamples += 1

        // Crack: a cluster of noise bursts in the first ≈0.4 s, near strikes only.
        var crack: Float = 0
        if nearness > 0.05 && t < 0.6 {
            samplesToNextCrackBurst -= 1
            if samplesToNextCrackBurst <= 0 && t < 0.35 {
                crackEnvelope += nearness * (0.4 + 0.6 * random.unit())
                samplesToNextCrackBurst = Int((0.005 + 0.045 * random.unit()) * ThunderStrike.sampleRate)
            }
            crackEnvelope *= 0.9985  // ≈14 ms bursts
            let n = noise.next() * crackEnvelope
            crack = crackBands.0.process(n) * crackBandGains.0 + crackBands.1.process(n) * crackBandGains.1
                + crackBands.2.process(n) * crackBandGains.2 + crackBands.3.process(n) * crackBandGains.3
                + crackBands.4.process(n) * crackBandGains.4
            crack *= 4
        }

        // Roll: rumbling noise whose swells are the channel's segments arriving one by one.
        rollEnvelope += (rollTarget - rollEnvelope) * 0.0004
        let rumble = rollFilters.1.process(rollFilters.0.process(rumblePink.process(rumbleWhite.next()))) * rollEnvelope * 2.2

        // Boom: the low thud that outlasts everything.
        let boom = boomFilter.process(boomNoise.next()) * boomEnvelope * (2.4 - 1.6 * nearness)
        boomEnvelope *= boomDecay

        let mono = airFilter.process(crack + rumble + boom) * loudness
        if t > rollLengthSeconds + 12 && boomEnvelope < 1e-4 { isSounding = false }
        return (mono * gainLeft, mono * gainRight)
    }

    private mutating func updateControls(time t: Float) {
        // The roll's brightness falls over time: the far parts of the channel arrive last and darkest.
        // Each swell of the roll is also a little brighter than the lull around it.
        let cutoff = 150 + rollStartCutoff * expf(-t / ((0.25 + 0.25 * nearness) * rollLengthSeconds)) * (0.5 + 1.5 * rollEnvelope)
        rollFilters.0.set(.lowPass, frequency: cutoff, q: 0.6)
        rollFilters.1.set(.lowPass, frequency: cutoff * 2.5, q: 0.6)
        // Segments arrive at a rate that thins out over the roll.
        let block = Float(ThunderStrike.controlInterval) / ThunderStrike.sampleRate
        rollTarget *= expf(-block / 0.35)
        samplesToNextRollSegment -= ThunderStrike.controlInterval
        if samplesToNextRollSegment <= 0 && t < rollLengthSeconds {
            let fade = expf(-t / (0.4 * rollLengthSeconds))
            let u = random.unit()
            rollTarget = max(rollTarget, fade * (0.12 + 0.88 * u * u))
            let rate = rollRate * (0.3 + fade)
            samplesToNextRollSegment = Int(random.exponentialInterval(ratePerSecond: rate) * ThunderStrike.sampleRate)
        }
        // The boom builds in the first tenth of a second.
        if t < 0.12 { boomEnvelope += (0.35 + 0.65 * nearness - boomEnvelope) * (1 - powf(1 - boomAttack, Float(ThunderStrike.controlInterval))) }
    }
}
