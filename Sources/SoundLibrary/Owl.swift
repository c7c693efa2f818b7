import DSP
/// One owl in a night wood. Owned by `Owls`.
///
/// Owls hoot in near-pure, low tones — the fundamental carries between
/// ≈300 and 600 Hz, with faint harmonics — in a phrase each species keeps:
/// the tawny's long "hoooo", a pause, then a stuttering "hu, hu-hu-hu-hooooo"
/// whose last note wavers; the horned owl's soft, deep "hoo, h'hoo — hoo —
/// hoo". Each owl hoots its phrase with small changes in pitch and tempo,
/// then waits a long, irregular while before the next.
package struct Owl {
    /// The phrases owls are drawn from.
    package enum Species: CaseIterable {
        case tawny, horned
    }

    /// One note of a phrase: its length, the silence after it, its pitch
    /// (relative) at start and end, and whether it wavers.
    private struct Note {
        var seconds: Float
        var gapSeconds: Float
        var startPitch: Float
        var endPitch: Float
        var wavers: Bool
    }

    private var random: Random
    private let phrase: [Note]
    private let pitch: Float
    private let gains: (left: Float, right: Float)
    private let loudness: Float
    private var noteIndex = -1
    private var noteSamples = 1
    private var age = 0
    private var inGap = false
    private var samplesToPhrase: Int
    private var phrasePitch: Float = 1
    private var tempo: Float = 1
    private var phase: Float = 0
    private var waverPhase: Float = 0
    private var breath: WhiteNoise
    private var breathBand = Biquad()
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// An owl of `species` at `distance` (0 near … 1 far) and `pan`.
    package init(seed: UInt64, species: Species, distance: Float, pan: Float, firstHootWithinSeconds: Float = 20) {
        random = Random(seed: seed)
        breath = WhiteNoise(seed: random.childSeed())
        switch species {
        case .tawny:
            pitch = random.uniform(380...520)
            phrase = [
                Note(seconds: 0.75, gapSeconds: 3, startPitch: 1, endPitch: 0.96, wavers: false),
                Note(seconds: 0.12, gapSeconds: 0.14, startPitch: 0.95, endPitch: 0.97, wavers: false),
                Note(seconds: 0.1, gapSeconds: 0.1, startPitch: 0.96, endPitch: 0.98, wavers: false),
                Note(seconds: 0.1, gapSeconds: 0.12, startPitch: 0.97, endPitch: 0.99, wavers: false),
                Note(seconds: 1.1, gapSeconds: 0, startPitch: 1.02, endPitch: 0.95, wavers: true),
            ]
        case .horned:
            pitch = random.uniform(290...360)
            phrase = [
                Note(seconds: 0.35, gapSeconds: 0.16, startPitch: 1, endPitch: 0.98, wavers: false),
                Note(seconds: 0.18, gapSeconds: 0.09, startPitch: 1.04, endPitch: 1.02, wavers: false),
                Note(seconds: 0.55, gapSeconds: 0.45, startPitch: 1.02, endPitch: 0.97, wavers: false),
                Note(seconds: 0.45, gapSeconds: 0.4, startPitch: 0.98, endPitch: 0.95, wavers: false),
                Note(seconds: 0.45, gapSeconds: 0, startPitch: 0.97, endPitch: 0.93, wavers: false),
            ]
        }
        breathBand.set(.bandPass, frequency: pitch, q: 2)
        gains = StereoPan.gains(pan)
        loudness = 0.3 / (0.3 + 2 * distance * distance)
        samplesToPhrase = Int(random.uniform(0.5...max(firstHootWithinSeconds, 1)) * Self.sampleRate)
    }

    /// The next stereo frame. An owl not `isHooting` finishes its phrase and
    /// stays quiet; `eagerness` (0…1) shortens its waits.
    @inline(__always)
    package mutating func next(isHooting: Bool, eagerness: Float) -> (left: Float, right: Float) {
        if noteIndex < 0 {
            samplesToPhrase -= 1
            guard samplesToPhrase <= 0 else { return (0, 0) }
            guard isHooting else {
                samplesToPhrase = Int(Self.sampleRate)
                return (0, 0)
            }
            phrasePitch = random.uniform(0.96...1.04)
            tempo = random.uniform(0.88...1.12)
            startNote(0)
        }
        age += 1
        if age >= noteSamples {
            if inGap || phrase[noteIndex].gapSeconds == 0 {
                if noteIndex + 1 < phrase.count {
                    startNote(noteIndex + 1)
                } else {
                    noteIndex = -1
                    // The next phrase comes after a long, irregular wait.
                    let wait = random.uniform(6...25) * Self.waitScale(at: eagerness)
                    samplesToPhrase = Int(wait * Self.sampleRate)
                }
                return (0, 0)
            }
            inGap = true
            age = 0
            noteSamples = max(1, Int(phrase[noteIndex].gapSeconds * tempo * Self.sampleRate))
        }
        if inGap { return (0, 0) }
        let note = phrase[noteIndex]
        let x = Float(age) / Float(noteSamples)
        var frequency = pitch * phrasePitch * (note.startPitch + (note.endPitch - note.startPitch) * x)
        var envelope = min(1, x * Float(noteSamples) / (0.05 * Self.sampleRate))
        envelope *= min(1, (1 - x) * Float(noteSamples) / (0.12 * Self.sampleRate))
        if note.wavers && x > 0.3 {
            // The tawny's last note shakes: a tremolo of about 8 Hz with a slight pitch wobble.
            waverPhase += 8 / Self.sampleRate
            if waverPhase >= 1 { waverPhase -= 1 }
            let shake = FastSine.value(atCycle: waverPhase)
            envelope *= 0.65 + 0.35 * shake
            frequency *= 1 + 0.012 * shake
        }
        phase += frequency / Self.sampleRate
        if phase >= 1 { phase -= 1 }
        let tone = FastSine.value(atCycle: phase) + 0.12 * FastSine.value(atCycle: 2 * phase)
            + 0.04 * FastSine.value(atCycle: 3 * phase)
        // A little breath through the hoot.
        let air = breathBand.process(breath.next()) * 0.3
        let y = (tone + air) * envelope * loudness
        return (y * gains.left, y * gains.right)
    }

    private mutating func startNote(_ index: Int) {
        noteIndex = index
        inGap = false
        age = 0
        noteSamples = max(1, Int(phrase[index].seconds * tempo * Self.sampleRate))
    }
}

extension Owl {
    /// How an owl's wait between phrases (6–25 s unscaled) stretches with eagerness: 1.6× at 0, 0.4× at 1.
    static func waitScale(at eagerness: Float) -> Float { 1.6 - 1.2 * eagerness }

    /// Mean seconds between an owl's phrases at `intensity` (the wait's mean, 15.5 s, scaled).
    package static func meanSecondsBetweenPhrases(at intensity: Float) -> Float { 15.5 * waitScale(at: intensity) }
}
