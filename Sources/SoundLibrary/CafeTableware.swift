import DSP
/// One piece of a café's tableware being handled: a cup set on its saucer, a
/// spoon stirring, a glass put down. Owned by `CafeMurmur`, a few at a time.
///
/// In a real café these are short clatter, not bells: the contact itself is
/// a broadband click of a few milliseconds, and the thick, damped, handled
/// ceramic rings for only tens of milliseconds after it (a glass a little
/// longer). Every contact strikes a different spot, so the ring's pitch moves
/// from clink to clink — a spoon's run of clinks must not draw a steady line.
package struct CafeTableware {
    private var modes = (DampedMode(), DampedMode(), DampedMode(), DampedMode())
    private var contact = (Biquad(.highPass, frequency: 1_500), Biquad(.lowPass, frequency: 8_000))
    private var contactLevel: Float = 0
    private var contactDecay: Float = 0.99
    private var exciteFrames = 0
    private var repeatsLeft = 0
    private var framesUntilRepeat = 0
    private var repeatInterval = 0
    private var strength: Float = 0
    private var base: Float = 2_000
    private var ratios: (Float, Float, Float, Float) = (1, 2, 3, 4)
    private var ringSeconds: Float = 0.05
    private var age = 0
    package private(set) var pan: Float = 0
    package private(set) var isSounding = false
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let exciteLength = 12

    package init() {}

    /// What is being handled.
    package enum Kind {
        case cup, spoon, glass
    }

    /// Starts a new handling of a random piece: how hard, where.
    package mutating func start(_ random: inout Random) {
        let draw = random.unit()
        start(draw < 0.45 ? .cup : draw < 0.85 ? .spoon : .glass, &random)
    }

    /// Starts a new handling of `kind`.
    package mutating func start(_ kind: Kind, _ random: inout Random) {
        switch kind {
        case .cup:
            // Cup on saucer: thick, glazed ceramic held by a hand — a clack and a brief ring.
            base = random.uniform(1_600...2_800)
            ratios = (1, 2.37, 3.9, 5.6)
            ringSeconds = random.uniform(0.04...0.09)
            repeatsLeft = random.unit() < 0.4 ? 1 : 0
            repeatInterval = Int(random.uniform(0.03...0.08) * Self.sampleRate)
            strength = random.uniform(0.06...0.13)
        case .spoon:
            // Spoon stirring: small bright ticks against the cup wall.
            base = random.uniform(3_000...4_400)
            ratios = (1, 1.48, 1.95, 2.3)
            ringSeconds = random.uniform(0.025...0.05)
            repeatsLeft = 3 + random.below(6)
            repeatInterval = Int(random.uniform(0.1...0.16) * Self.sampleRate)
            strength = random.uniform(0.03...0.07)
        case .glass:
            // Glass set down: thinner walls, a little longer and purer.
            base = random.uniform(1_900...2_600)
            ratios = (1, 2.71, 3.9, 5.3)
            ringSeconds = random.uniform(0.08...0.16)
            repeatsLeft = 0
            repeatInterval = 0
            strength = random.uniform(0.05...0.1)
        }
        framesUntilRepeat = repeatInterval
        pan = random.uniform(-0.8...0.8)
        isSounding = true
        age = 0
        strike(&random)
    }

    /// One contact: a click, and the modes retuned for where it landed.
    private mutating func strike(_ random: inout Random) {
        let spot = random.uniform(0.92...1.08)
        let f = base * spot
        modes.0.tune(frequency: f * ratios.0, decaySeconds: ringSeconds, amplitude: 1)
        modes.1.tune(frequency: f * ratios.1 * random.uniform(0.97...1.03), decaySeconds: ringSeconds * 0.7, amplitude: -0.7)
        modes.2.tune(frequency: f * ratios.2 * random.uniform(0.97...1.03), decaySeconds: ringSeconds * 0.4, amplitude: 0.4)
        modes.3.tune(frequency: f * ratios.3 * random.uniform(0.97...1.03), decaySeconds: ringSeconds * 0.25, amplitude: -0.25)
        exciteFrames = Self.exciteLength
        contactLevel = strength * random.uniform(0.8...1.5)
        contactDecay = 1 - 1 / (random.uniform(0.0015...0.004) * Self.sampleRate)
    }

    /// The next mono sample.
    @inline(__always)
    package mutating func next(_ random: inout Random) -> Float {
        var excitation: Float = 0
        if exciteFrames > 0 {
            excitation = random.bipolar() * strength * Float(exciteFrames) / Float(Self.exciteLength)
            exciteFrames -= 1
        }
        if repeatsLeft > 0 {
            framesUntilRepeat -= 1
            if framesUntilRepeat <= 0 {
                repeatsLeft -= 1
                framesUntilRepeat = Int(Float(repeatInterval) * random.uniform(0.7...1.6))
                strength *= random.uniform(0.7...1.1)
                strike(&random)
            }
        }
        age += 1
        if age > AudioFormat.sampleRate * 3 { isSounding = false }
        let click = contact.1.process(contact.0.process(random.bipolar())) * contactLevel
        contactLevel *= contactDecay
        return click + modes.0.process(excitation) + modes.1.process(excitation) + modes.2.process(excitation)
            + modes.3.process(excitation)
    }
}
