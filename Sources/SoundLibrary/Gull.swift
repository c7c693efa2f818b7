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
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let harmonics = 9

    /// A gull at `distance` (0 near … 1 far) and `pan`.
    package init(seed: UInt64, distance: Float, pan: Float) {
        random = Random(seed: seed)
        roughness = WhiteNoise(seed: random.childSeed())
        pitch = random.uniform(650...900)
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
                samplesToCall = Int(random.uniform(3...16) * (1.6 - 1.2 * eagerness) * Self.sampleRate)
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
        // A harsh voice: the pitch jitters, and the harmonics fall off slowly.
        roughnessSmooth += (roughness.next() - roughnessSmooth) * 0.05
        let jitteredPhase = phase + 0.02 * roughnessSmooth
        var tone: Float = 0
        var weight: Float = 1
        for k in 1...Self.harmonics {
            tone += weight * FastSine.value(atCycle: jitteredPhase * Float(k))
            weight *= 0.72
        }
        let attack = min(1, x * Float(noteSamples) / (0.015 * Self.sampleRate))
        let release = min(1, (1 - x) * Float(noteSamples) / (0.04 * Self.sampleRate))
        let y = tone * attack * release * loudness
        return (y * gains.left, y * gains.right)
    }

    private mutating func startPhrase() {
        call = Call.allCases[random.below(Call.allCases.count)]
        switch call {
        case .long: notesLeft = 5 + random.below(6)
        case .mew: notesLeft = 1 + random.below(2)
        case .laugh: notesLeft = 3 + random.below(4)
        }
        noteStep = random.uniform(0.95...0.99)
        startHertz = pitch * random.uniform(1.1...1.3)
        startNote()
        // The first note of a long call is the highest and longest.
        if call == .long { noteSamples = noteSamples * 3 / 2 }
    }

    private mutating func startNote() {
        inGap = false
        age = 0
        // The series sinks a little from note to note.
        startHertz *= noteStep
        let seconds: Float
        switch call {
        case .long:
            seconds = random.uniform(0.16...0.26)
            endHertz = startHertz * random.uniform(0.6...0.75)
            gapSamples = Int(random.uniform(0.08...0.16) * Self.sampleRate)
        case .mew:
            seconds = random.uniform(0.4...0.7)
            endHertz = startHertz * random.uniform(0.55...0.7)
            gapSamples = Int(random.uniform(0.4...0.9) * Self.sampleRate)
        case .laugh:
            seconds = random.uniform(0.08...0.12)
            endHertz = startHertz * random.uniform(0.75...0.85)
            gapSamples = Int(random.uniform(0.07...0.12) * Self.sampleRate)
        }
        noteSamples = max(1, Int(seconds * Self.sampleRate))
    }
}
