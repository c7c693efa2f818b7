import DSP
/// One cicada in a summer chorus. Owned by `Cicadas`.
///
/// A cicada sings by buckling the ribbed tymbals on its sides hundreds of
/// times a second; each buckle is a click that rings the insect's hollow
/// abdomen, a resonance between 4 and 7 kHz. The clicks come too fast to
/// hear apart, so the song is a dense, hissing buzz in that band. A song
/// swells over seconds, holds (some species pulsing it a few times a
/// second), and dies away; then the insect rests.
package struct Cicada {
    private enum Phase {
        case resting, rising, holding, falling
    }

    private var random: Random
    private var click: WhiteNoise
    private var body: DampedMode
    private var overtone: DampedMode
    private let clickPeriodSamples: Float
    private let pulsingHertz: Float
    private let pulsingDepth: Float
    private let gains: (left: Float, right: Float)
    private let loudness: Float
    private var phase = Phase.resting
    private var phaseSamplesLeft: Int
    private var phaseSamples = 1
    private var level: Float = 0
    private var clickCountdown = 0
    private var clickSamplesLeft = 0
    private var pulsingPhase: Float = 0
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// A cicada at `distance` (0 near … 1 far) and `pan`.
    package init(seed: UInt64, distance: Float, pan: Float) {
        random = Random(seed: seed)
        click = WhiteNoise(seed: random.childSeed())
        let resonance = random.uniform(4_200...6_600)
        body = DampedMode(frequency: resonance, decaySeconds: 0.006)
        overtone = DampedMode(frequency: resonance * random.uniform(1.25...1.45), decaySeconds: 0.004)
        clickPeriodSamples = Self.sampleRate / random.uniform(180...480)
        let pulses = random.unit() < 0.5
        pulsingHertz = pulses ? random.uniform(3...9) : 0
        pulsingDepth = pulses ? random.uniform(0.4...0.8) : 0
        gains = StereoPan.gains(pan)
        loudness = 0.22 / (0.5 + distance * distance)
        // Some are already singing when the scene starts.
        phaseSamplesLeft = Int(random.uniform(0...6) * Self.sampleRate)
    }

    /// The next stereo frame; a cicada not `isSinging` ends its song and rests;
    /// `eagerness` (0…1) shortens its rests and lengthens its songs.
    @inline(__always)
    package mutating func next(isSinging: Bool, eagerness: Float) -> (left: Float, right: Float) {
        phaseSamplesLeft -= 1
        if phaseSamplesLeft <= 0 { advancePhase(isSinging: isSinging, eagerness: eagerness) }
        let progress = 1 - Float(phaseSamplesLeft) / Float(phaseSamples)
        switch phase {
        case .resting: level = 0
        case .rising: level = progress * progress
        case .holding: level = 1
        case .falling: level = (1 - progress) * (1 - progress)
        }
        if level == 0 && phase == .resting { return (0, 0) }
        var excitation: Float = 0
        clickCountdown -= 1
        if clickCountdown <= 0 {
            // Buckles come in a loose rhythm: the jitter smears the buzz into a band, not a comb.
            clickCountdown = Int(clickPeriodSamples * random.uniform(0.75...1.25))
            clickSamplesLeft = 24
        }
        if clickSamplesLeft > 0 {
            clickSamplesLeft -= 1
            excitation = click.next()
        }
        var amplitude = level * loudness
        if pulsingHertz > 0 {
            pulsingPhase += pulsingHertz / Self.sampleRate
            if pulsingPhase >= 1 { pulsingPhase -= 1 }
            amplitude *= 1 - pulsingDepth * (0.5 + 0.5 * FastSine.value(atCycle: pulsingPhase))
        }
        let y = (body.process(excitation) + 0.5 * overtone.process(excitation)) * amplitude
        return (y * gains.left, y * gains.right)
    }

    private mutating func advancePhase(isSinging: Bool, eagerness: Float) {
        let seconds: Float
        switch phase {
        case .resting:
            guard isSinging else {
                phaseSamplesLeft = Int(Self.sampleRate)
                phaseSamples = phaseSamplesLeft
                return
            }
            phase = .rising
            seconds = random.uniform(1.5...5)
        case .rising:
            phase = .holding
            seconds = random.uniform(3...10) * (0.6 + 0.8 * eagerness)
        case .holding:
            phase = .falling
            seconds = random.uniform(1.5...4)
        case .falling:
            phase = .resting
            seconds = random.uniform(1...6) * (1.5 - eagerness)
        }
        phaseSamplesLeft = max(1, Int(seconds * Self.sampleRate))
        phaseSamples = phaseSamplesLeft
    }
}
