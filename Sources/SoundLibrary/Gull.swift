import DSP
/// One gull over a beach or a harbour. Owned by `Seagulls`.
///
/// A gull's voice is harsh and full of harmonics, and nearly every note
/// falls in pitch: the long call's "kyow-kyow-kow-kow-kow", each note
/// sliding down and the series sinking as it goes; the lone, mewing "keeow";
/// the quick "ha-ha-ha" of the laughing call. Each gull calls a phrase, then
/// is quiet for a while — gulls are loud, but not all the time.
package struct Gull {
    private enum Call: CaseIterable {
        case long, mew, laugh
    }

    private var random: Random
    private let pitch: Float
    private let gains: (left: Float, right: Float)
    private let loudness: Float
    private var notesLeft = 0
    private var noteSamples = 1
    private var gapSamples = 0
    private var age = 0
    private var inGap = false
    private var startHertz: Float = 0
    private var endHertz: Float = 0
    private var noteStep: Float = 1
    private var samplesToCall: Int
    private var phase: Float = 0
    private var roughness: WhiteNoise
    private var roughnessSmooth: Float = 0
    private var call = Call.long
    private var raspPhase: Float = 0
    private var raspHertz: Float = 30
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// A gull at `distance` (0 near … 1 far) and `pan`.
    package init(seed: UInt64, distance: Float, pan: Float) {
        random = Random(seed: seed)
        roughness = WhiteNoise(seed: random.childSeed())
        // Real gulls (Sounds/seagulls) put most of their energy at 0.7–1.4 kHz, the
        // next at 2.8–5.6 kHz (−8…−12 dB) over a weaker 2 kHz (−9 dB), with almost
        // nothing at 500 Hz (−24…−36 dB; voices of 650–900 Hz sliding far down put
        // −7 dB there). Hence the voice below: a strong third and fourth partial.
        pitch = random.uniform(1_000...1_200)
        gains = StereoPan.gains(pan)
        loudness = 0.09 / (0.3 + 2 * distance * distance)
        samplesToCall = Int(random.uniform(0.5...12) * Self.sampleRate)
    }

    /// The next stereo frame; a gull not `isCalling` finishes its phrase and
    /// keeps quiet; `eagerness` (0…1) shortens its silences.
    @inline(__always)
    package mutating func next(isCalling: Bool, eagerness: Float) -> (left: Float, right: Float) {
        if notesLeft == 0 {
            samplesToCall -= 1
            guard samplesToCall <= 0 else { return (0, 0) }
            guard isCalling else {
                samplesToCall = Int(Self.sampleRate)
                return (0, 0)
            }
            startPhrase()
        }
        age += 1
        if inGap {
            if age >= gapSamples { startNote() }
            return (0, 0)
        }
        if age >= noteSamples {
            notesLeft -= 1
            if notesLeft == 0 {
                samplesToCall = Int(random.uniform(2...10) * (1.6 - 1.2 * eagerness) * Self.sampleRate)
            } else {
                inGap = true
                age = 0
            }
            return (0, 0)
        }
        let x = Float(age) / Float(noteSamples)
        // Each note slides down, faster at its end: the "-yow".
        let frequency = startHertz + (endHertz - startHertz) * x * x
        phase += frequency / Self.sampleRate
        if phase >= 1 { phase -= 1 }
        // A harsh voice: the pitch jitters, and the upper partials stay strong.
        roughnessSmooth += (roughness.next() - roughnessSmooth) * 0.05
        let jitteredPhase = phase + 0.02 * roughnessSmooth
        var tone: Float = 0
        tone += FastSine.value(atCycle: jitteredPhase)
        tone += 0.4 * FastSine.value(atCycle: jitteredPhase * 2)
        tone += 0.45 * FastSine.value(atCycle: jitteredPhase * 3)
        tone += 0.3 * FastSine.value(atCycle: jitteredPhase * 4)
        tone += 0.12 * FastSine.value(atCycle: jitteredPhase * 5)
        tone += 0.06 * FastSine.value(atCycle: jitteredPhase * 6)
        let attack = min(1, x * Float(noteSamples) / (0.015 * Self.sampleRate))
        let release = min(1, (1 - x) * Float(noteSamples) / (0.04 * Self.sampleRate))
        // The rasp also shakes the level, so a note is heard as a burst of pulses
        // (real calls measure 0.05 s events, not one smooth 0.1–0.7 s note).
        let rasp = 0.55 + 0.45 * FastSine.value(atCycle: raspPhase)
        raspPhase += raspHertz / Self.sampleRate
        if raspPhase >= 1 { raspPhase -= 1 }
        let y = tone * attack * release * loudness * rasp
        return (y * gains.left, y * gains.right)
    }

    private mutating func startPhrase() {
        call = Call.allCases[random.below(Call.allCases.count)]
        switch call {
        case .long: notesLeft = 5 + random.below(6)
        case .mew: notesLeft = 1 + random.below(2)
        case .laugh: notesLeft = 3 + random.below(4)
        }
        noteStep = random.uniform(0.97...0.995)
        raspHertz = random.uniform(18...32)
        startHertz = pitch * random.uniform(1.1...1.3)
        startNote()
        // The first note of a long call is the highest and longest.
        if call == .long { noteSamples = noteSamples * 3 / 2 }
    }

    private mutating func startNote() {
        inGap = false
        age = 0
        // The series sinks a little from note to note.
        // ... never twice at quite the same pitch (held notes at one pitch read as a steady line).
        startHertz *= noteStep * random.uniform(0.96...1.04)
        let seconds: Float
        switch call {
        case .long:
            seconds = random.uniform(0.09...0.15)
            endHertz = startHertz * random.uniform(0.75...0.85)
            gapSamples = Int(random.uniform(0.08...0.16) * Self.sampleRate)
        case .mew:
            seconds = random.uniform(0.2...0.35)
            endHertz = startHertz * random.uniform(0.7...0.8)
            gapSamples = Int(random.uniform(0.4...0.9) * Self.sampleRate)
        case .laugh:
            seconds = random.uniform(0.06...0.09)
            endHertz = startHertz * random.uniform(0.75...0.85)
            gapSamples = Int(random.uniform(0.07...0.12) * Self.sampleRate)
        }
        noteSamples = max(1, Int(seconds * Self.sampleRate))
    }
}
