import DSP
/// One frog in a pond chorus. Owned by `Frogs`.
///
/// A frog's call is a train of pulses from its larynx ringing its vocal sac
/// and mouth, two resonances between ≈200 Hz and 1.5 kHz: a slow train is
/// heard as a rattling croak, a fast one as a buzzy drone (a bullfrog's
/// "jug-o-rum"), a very short one as a single "gunk". Each frog has its own
/// voice and calls in bouts — a few calls close together, then a pause of
/// seconds — answering the pond rather than keeping time.
package struct Frog {
    private var random: Random
    private var sac: DampedMode
    private var mouth: DampedMode
    private let sacHertz: Float
    private let mouthHertz: Float
    private let pulsePeriodSamples: Float
    private let pulsesPerCall: Int
    private let callsPerBout: Int
    private let pauseSeconds: Float
    private let gains: (left: Float, right: Float)
    private let loudness: Float
    private var pulsesLeft = 0
    private var pulseIndex = 0
    private var callPulses = 1
    private var pulseCountdown = 0
    private var callsLeft = 0
    private var samplesToCall: Int
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// A frog at `distance` (0 near … 1 far) and `pan`, its voice drawn from `seed`.
    package init(seed: UInt64, distance: Float, pan: Float) {
        random = Random(seed: seed)
        let voice = random.below(3)
        let pulseHertz: Float
        let callSeconds: Float
        switch voice {
        case 0:  // a deep drone of fast pulses
            pulseHertz = random.uniform(90...120); callSeconds = random.uniform(0.5...0.9)
            sacHertz = random.uniform(200...300); mouthHertz = random.uniform(550...800)
        case 1:  // a short plucked "gunk"
            pulseHertz = random.uniform(60...90); callSeconds = random.uniform(0.07...0.14)
            sacHertz = random.uniform(300...450); mouthHertz = random.uniform(900...1_300)
        default:  // a rattling, snoring croak of slow pulses
            pulseHertz = random.uniform(14...30); callSeconds = random.uniform(0.4...1.2)
            sacHertz = random.uniform(400...650); mouthHertz = random.uniform(1_000...1_450)
        }
        pulsePeriodSamples = Self.sampleRate / pulseHertz
        pulsesPerCall = max(2, Int(callSeconds * pulseHertz))
        callsPerBout = 1 + random.below(voice == 1 ? 5 : 3)
        pauseSeconds = random.uniform(3...10)
        sac = DampedMode(frequency: sacHertz, decaySeconds: 0.05)
        mouth = DampedMode(frequency: mouthHertz, decaySeconds: 0.03)
        gains = StereoPan.gains(pan)
        loudness = 0.5 / (0.3 + 2 * distance * distance)
        samplesToCall = Int(random.uniform(0.2...8) * Self.sampleRate)
    }

    /// The next stereo frame. A frog not `isCalling` finishes its call and falls
    /// silent; `eagerness` (0…1) shortens its pauses.
    @inline(__always)
    package mutating func next(isCalling: Bool, eagerness: Float) -> (left: Float, right: Float) {
        var excitation: Float = 0
        if pulsesLeft > 0 {
            pulseCountdown -= 1
            if pulseCountdown <= 0 {
                // The call swells and fades across its pulses.
                let x = (Float(pulseIndex) + 0.5) / Float(callPulses)
                excitation = FastSine.value(atCycle: 0.5 * x) * (0.8 + 0.4 * random.unit())
                pulseIndex += 1
                pulsesLeft -= 1
                pulseCountdown = Int(pulsePeriodSamples * (0.94 + 0.12 * random.unit()))
                if pulsesLeft == 0 { scheduleNextCall(eagerness: eagerness) }
            }
        } else {
            samplesToCall -= 1
            if samplesToCall <= 0 {
                if isCalling {
                    startCall()
                } else {
                    samplesToCall = Int(Self.sampleRate)  // listen again in a second
                }
            }
        }
        let y = (sac.process(excitation) + 0.6 * mouth.process(excitation)) * loudness
        return (y * gains.left, y * gains.right)
    }

    private mutating func startCall() {
        if callsLeft == 0 { callsLeft = callsPerBout }
        callsLeft -= 1
        callPulses = max(2, Int(Float(pulsesPerCall) * random.uniform(0.8...1.2)))
        pulsesLeft = callPulses
        pulseIndex = 0
        pulseCountdown = 1
        // Each call sits a little higher or lower: the frog's throat is never quite the same.
        let shift = random.uniform(0.94...1.06)
        sac.tune(frequency: sacHertz * shift, decaySeconds: 0.05)
        mouth.tune(frequency: mouthHertz * shift, decaySeconds: 0.03)
    }

    private mutating func scheduleNextCall(eagerness: Float) {
        let seconds: Float
        if callsLeft > 0 {
            seconds = random.uniform(0.25...0.9)
        } else {
            seconds = pauseSeconds * (1.6 - 1.1 * eagerness) * random.uniform(0.5...1.6)
        }
        samplesToCall = Int(seconds * Self.sampleRate)
    }
}
