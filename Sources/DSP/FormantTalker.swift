#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One unintelligible talker for a crowd: a glottal pulse train through three
/// vowel formants, chopped into syllables at 3–6 per second, with phrase
/// pitch contours and pauses to let someone else speak.
///
/// Murmur is recognised by what survives distance and overlap — the voiced
/// harmonics of 100–250 Hz voices, formant energy at 300–3000 Hz and the
/// syllable-rate amplitude modulation — not by words, so that is all this
/// keeps. Vowels are picked at random from an English vowel table, so nothing
/// is ever intelligible. Value type: the café owns an array of them.
package struct FormantTalker {
    /// Peterson–Barney style (F1, F2, F3) targets for an adult male voice, in Hz.
    private static let vowels: [(Float, Float, Float)] = [
        (270, 2_290, 3_010), (390, 1_990, 2_550), (530, 1_840, 2_480), (660, 1_720, 2_410),
        (730, 1_090, 2_440), (570, 840, 2_410), (440, 1_020, 2_240), (300, 870, 2_240),
        (640, 1_190, 2_390), (490, 1_350, 1_690),
    ]
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Whether this talker may start new phrases; one that may not falls silent after its current phrase.
    package var isInConversation = false
    /// Linear gain (distance) and stereo position (−1…1) chosen by the crowd.
    package var gain: Float = 1
    package var pan: Float = 0

    private var basePitch: Float
    private var formantScale: Float
    private var pitch: Float
    private var pitchTarget: Float
    private var phase: Float = 0
    /// Pitch movement per sample within the current syllable (a rise or a fall).
    private var glidePerSample: Float = 0
    /// This glottal period's deviation from the pitch (jitter) and its strength (shimmer).
    private var periodJitter: Float = 1
    private var periodShimmer: Float = 1
    private var previousFlow: Float = 0
    private var formants = (Biquad(), Biquad(), Biquad())
    private var formantFrequencies: (Float, Float, Float) = (500, 1_500, 2_500)
    private var formantTargets: (Float, Float, Float) = (500, 1_500, 2_500)
    private var fricativeBand = Biquad(.bandPass, frequency: 4_000, q: 1.2)
    /// The voice bar: the strong low harmonics a bandpass bank would lose.
    private var voiceBar = Biquad(.lowPass, frequency: 350, q: 0.7)
    private var syllableFrames = 1
    private var syllableAge = 0
    private var syllablesLeft = 0
    private var pauseFrames = 0
    private var phraseLength = 1
    private var fricativeFrames = 0
    private var syllableLoudness: Float = 1
    private var level: Float = 0

    /// A talker of a random voice: lower (male) or higher (female) pitch and formants.
    package init(random: inout Random) {
        let isHigh = random.unit() < 0.5
        basePitch = isHigh ? random.uniform(175...235) : random.uniform(95...135)
        formantScale = isHigh ? random.uniform(1.1...1.2) : random.uniform(0.95...1.03)
        pitch = basePitch
        pitchTarget = basePitch
        pauseFrames = Int(random.uniform(0.1...3) * Self.sampleRate)
    }

    /// The talker's next mono sample (before `gain`, which the caller applies with `pan`).
    @inline(__always)
    package mutating func process(_ random: inout Random) -> Float {
        if pauseFrames > 0 {
            pauseFrames -= 1
            if pauseFrames == 0 {
                if isInConversation {
                    phraseLength = 3 + random.below(10)
                    syllablesLeft = phraseLength
                    nextSyllable(&random)
                } else {
                    pauseFrames = Int(0.5 * Self.sampleRate)
                }
            }
            if pauseFrames > 0 && level < 1e-4 { return 0 }
        } else if syllableAge >= syllableFrames {
            if syllablesLeft > 0 {
                nextSyllable(&random)
            } else {
                // End of a phrase: listen to the other person for a while.
                pauseFrames = Int(random.uniform(0.3...2.5) * Self.sampleRate)
            }
        }
        let position = Float(syllableAge) / Float(syllableFrames)
        syllableAge += 1
        // Syllable envelope: quick rise, a held nucleus, a fall to a deep consonant dip.
        var target: Float = 0
        if pauseFrames == 0 {
            if position < 0.25 {
                target = position / 0.25
            } else if position < 0.65 {
                target = 1 - 0.2 * (position - 0.25)
            } else {
                target = max(0.92 * (1 - (position - 0.65) / 0.35), 0.03)
            }
            target *= syllableLoudness
        }
        level += (target - level) * 0.004

        if syllableAge & 63 == 0 { updateFormants() }
        // Speech never holds a pitch: each syllable rises or falls as it goes, and each
        // glottal period is a little early or late and a little weaker or stronger. A
        // steadier voice draws steady harmonic lines — heard as a robot.
        if pauseFrames == 0 { pitchTarget += glidePerSample }
        pitch += (pitchTarget - pitch) * 0.0015
        phase += pitch * periodJitter / Self.sampleRate
        if phase >= 1 {
            phase -= 1
            periodJitter = 1 + 0.025 * random.bipolar()
            periodShimmer = 1 + 0.2 * random.bipolar()
        }
        // Glottal flow: a smooth opening and a faster parabolic closing;
        // its derivative (lip radiation) is what reaches the ear.
        let flow: Float
        if phase < 0.42 {
            // Smoothstep: the raised-cosine opening within 1 %, without a cosine per sample.
            let opening = phase / 0.42
            flow = opening * opening * (3 - 2 * opening)
        } else if phase < 0.6 {
            let closing = (phase - 0.42) / 0.18
            flow = 1 - closing * closing
        } else {
            flow = 0
        }
        let source = (flow - previousFlow) * 12 * periodShimmer
        previousFlow = flow
        let aspiration = random.bipolar() * 0.02
        let excitation = source + aspiration
        var voice = formants.0.process(excitation) + 0.55 * formants.1.process(excitation)
        voice += 0.3 * formants.2.process(excitation) + 0.6 * voiceBar.process(source)
        var sample = voice * level
        if fricativeFrames > 0 {
            fricativeFrames -= 1
            sample += fricativeBand.process(random.bipolar()) * 0.05 * syllableLoudness
        }
        return sample
    }

    private mutating func nextSyllable(_ random: inout Random) {
        let indexInPhrase = Float(phraseLength - syllablesLeft) / Float(max(phraseLength - 1, 1))
        syllablesLeft -= 1
        syllableFrames = Int(random.uniform(0.13...0.3) * Self.sampleRate)
        syllableAge = 0
        syllableLoudness = random.uniform(0.55...1)
        // Declination across the phrase, with an accent now and then.
        let accent: Float = random.unit() < 0.3 ? random.uniform(1.1...1.3) : 1
        pitchTarget = basePitch * (1.12 - 0.22 * indexInPhrase) * accent
        glidePerSample = basePitch * random.uniform(-0.2...0.15) / Float(syllableFrames)
        let vowel = Self.vowels[random.below(Self.vowels.count)]
        // No vowel is said twice alike (stress, neighbours, speed): each formant lands a few
        // per cent off its table value, so no fixed resonance builds up over a long crowd.
        formantTargets = (
            vowel.0 * formantScale * random.uniform(0.92...1.08), vowel.1 * formantScale * random.uniform(0.92...1.08),
            vowel.2 * formantScale * random.uniform(0.92...1.08)
        )
        if random.unit() < 0.35 {
            fricativeFrames = Int(random.uniform(0.03...0.07) * Self.sampleRate)
            fricativeBand.set(.bandPass, frequency: random.uniform(2_500...5_500), q: 1.5)
        }
    }

    private mutating func updateFormants() {
        formantFrequencies.0 += (formantTargets.0 - formantFrequencies.0) * 0.22
        formantFrequencies.1 += (formantTargets.1 - formantFrequencies.1) * 0.22
        formantFrequencies.2 += (formantTargets.2 - formantFrequencies.2) * 0.22
        formants.0.set(.bandPass, frequency: formantFrequencies.0, q: formantFrequencies.0 / 90)
        formants.1.set(.bandPass, frequency: formantFrequencies.1, q: formantFrequencies.1 / 120)
        formants.2.set(.bandPass, frequency: formantFrequencies.2, q: formantFrequencies.2 / 180)
    }
}
