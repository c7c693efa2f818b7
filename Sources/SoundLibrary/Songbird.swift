import DSP
/// One bird in a chorus, with a species-like song of its own.
///
/// A song is a string of notes, each a sine (plus a little second harmonic)
/// gliding from one pitch to another under a smooth envelope, sometimes
/// with a fast vibrato. The bird's species fixes the shape of its song; each
/// rendition varies its pitch, tempo and length a little. Note tables are
/// allocated once; singing never allocates.
package struct Songbird {
    /// The song patterns birds are drawn from.
    package enum Pattern: CaseIterable {
        /// Long pure whistles with slow glides (a thrush's or oriole's phrase).
        case whistle
        /// A rapid string of identical down-sweeps (a wren's or warbler's trill).
        case trill
        /// Quick notes hopping between pitches with vibrato (a robin's warble).
        case warble
        /// Short sharp chips, falling steeply (a sparrow's or finch's call).
        case chips
        /// Two clear notes, high then lower, repeated (a chickadee's "fee-bee").
        case twoNote
    }

    package var rank: Int
    private var random: Random
    private let pattern: Pattern
    private let baseFrequency: Float
    private let melody: [Float]
    private let harmonic: Float
    private let vibratoHertz: Float
    private let vibratoDepth: Float
    private let pauseSeconds: Float
    private let gain: Float
    private let gains: (left: Float, right: Float)
    private var distanceFilter: Biquad

    // The current song, as a table of notes.
    private let noteStart: UnsafeMutablePointer<Float>
    private let noteEnd: UnsafeMutablePointer<Float>
    private let noteLength: UnsafeMutablePointer<Int>
    private let gapLength: UnsafeMutablePointer<Int>
    private static let maximumNotes = 40
    private var noteCount = 0
    private var noteIndex = 0
    private var age = 0
    private var inGap = false
    private var singing = false
    private var samplesToNextSong: Int
    private var phase: Float = 0
    private var vibratoPhase: Float = 0
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// A bird singing `pattern` at `distance` (0 near … 1 far) and `pan`;
    /// `rank` orders who joins first as density rises.
    package init(seed: UInt64, pattern: Pattern, rank: Int, distance: Float, pan: Float) {
        self.rank = rank
        self.pattern = pattern
        random = Random(seed: seed)
        switch pattern {
        // Songs sit mostly at 3.5–7 kHz, where the real birds in Sounds/birds hold their
        // tones (a forest's 4 kHz octave carries half its energy); a chorus of whistles
        // at 2–3.5 kHz crossed one another into steady lines no real recording shows.
        case .whistle: baseFrequency = random.uniform(3400...4800)
        case .trill: baseFrequency = random.uniform(3400...5200)
        case .warble: baseFrequency = random.uniform(3200...4600)
        case .chips: baseFrequency = random.uniform(3000...5200)
        case .twoNote: baseFrequency = random.uniform(4200...5400)
        }
        var notes: [Float] = []
        for _ in 0..<8 { notes.append(random.uniform(0.85...1.35)) }
        melody = notes
        harmonic = random.uniform(0.02...0.15)
        vibratoHertz = random.uniform(18...45)
        vibratoDepth = pattern == .warble ? random.uniform(0.02...0.06) : 0
        pauseSeconds = random.uniform(2...7)
        // Busy songs (trills, warbles) carry more energy than sparse chips; even
        // them out so no single species decides the chorus's level.
        let busyness: Float
        switch pattern {
        case .trill, .warble: busyness = 0.75
        case .chips: busyness = 1.5
        case .whistle, .twoNote: busyness = 1
        }
        gain = 0.22 * busyness / (0.35 + distance)
        gains = StereoPan.gains(pan)
        // Distance takes the top off: air absorbs highs.
        distanceFilter = Biquad(.lowPass, frequency: 12_000 - 7000 * distance, q: 0.7)
        noteStart = .allocate(capacity: Songbird.maximumNotes)
        noteEnd = .allocate(capacity: Songbird.maximumNotes)
        noteLength = .allocate(capacity: Songbird.maximumNotes)
        gapLength = .allocate(capacity: Songbird.maximumNotes)
        samplesToNextSong = Int(random.uniform(0.1...4) * Songbird.sampleRate)
    }

    /// Releases the note tables; called by the owner's deinit.
    package func deallocate() {
        noteStart.deallocate()
        noteEnd.deallocate()
        noteLength.deallocate()
        gapLength.deallocate()
    }

    private func seconds(_ s: Float) -> Int { max(1, Int(s * Songbird.sampleRate)) }

    private mutating func addNote(from start: Float, to end: Float, seconds length: Float, gap: Float) {
        guard noteCount < Songbird.maximumNotes else { return }
        noteStart[noteCount] = start
        noteEnd[noteCount] = end
        noteLength[noteCount] = seconds(length)
        gapLength[noteCount] = seconds(gap)
        noteCount += 1
    }

    /// Writes this rendition's notes: the species' shape with a little variation.
    private mutating func composeSong() {
        noteCount = 0
        let pitch = baseFrequency * random.uniform(0.96...1.04)
        let tempo = random.uniform(0.88...1.12)
        switch pattern {
        case .whistle:
            for _ in 0..<(1 + random.below(3)) {
                // Each note is pitched afresh (±4 %): a real whistler never repeats one
                // frequency exactly, and a repeated exact pitch reads as a held tone.
                // Each note glides at least 4 %: a whistle held at one pitch is an oscillator's.
                let m = melody[random.below(4)] * random.uniform(0.96...1.04)
                let glide = random.unit() < 0.5 ? random.uniform(0.85...0.96) : random.uniform(1.04...1.15)
                addNote(
                    from: pitch * m, to: pitch * m * glide, seconds: random.uniform(0.25...0.6) * tempo,
                    gap: random.uniform(0.08...0.25) * tempo)
            }
        case .trill:
            let elements = 10 + random.below(20)
            let element = random.uniform(0.025...0.045) * tempo
            let spacing = random.uniform(0.012...0.025) * tempo
            for k in 0..<elements {
                // No two elements are quite alike (±1.5 % pitch, ±20 % spacing): a machine-exact
                // trill is a periodic wave, a comb of steady lines rather than a song.
                let drift = (1 - 0.1 * Float(k) / Float(elements)) * random.uniform(0.985...1.015)
                addNote(
                    from: pitch * 1.3 * drift, to: pitch * 0.85 * drift, seconds: element,
                    gap: spacing * random.uniform(0.8...1.2))
            }
        case .warble:
            for k in 0..<(5 + random.below(7)) {
                let m = melody[(k * 3 + random.below(2)) % melody.count]
                addNote(
                    from: pitch * m, to: pitch * m * random.uniform(0.9...1.15), seconds: random.uniform(0.06...0.16) * tempo,
                    gap: random.uniform(0.01...0.04) * tempo)
            }
        case .chips:
            for _ in 0..<(3 + random.below(6)) {
                addNote(
                    from: pitch * 1.5, to: pitch * 0.8, seconds: random.uniform(0.018...0.035) * tempo,
                    gap: random.uniform(0.08...0.22) * tempo)
            }
        case .twoNote:
            var shift = random.uniform(0.95...1.05)
            for _ in 0..<(1 + random.below(3)) {
                // Each "fee-bee" lands 2–5 % higher or lower than the last, as a chickadee's
                // do; three at one pitch held a 3 s line no real bird holds.
                shift *= random.unit() < 0.5 ? random.uniform(0.95...0.98) : random.uniform(1.02...1.05)
                shift = min(max(shift, 0.9), 1.1)
                addNote(from: pitch * shift, to: pitch * shift * 0.96, seconds: 0.3 * tempo, gap: 0.05 * tempo)
                addNote(
                    from: pitch * shift * 0.8, to: pitch * shift * 0.77, seconds: 0.35 * tempo,
                    gap: random.uniform(0.3...0.5) * tempo)
            }
        }
        noteIndex = 0
        age = 0
        inGap = false
    }

    /// The next stereo frame. A bird that is not `isInvited` finishes its song and then stays quiet.
    @inline(__always)
    package mutating func next(isInvited: Bool, eagerness: Float) -> (left: Float, right: Float) {
        if !singing {
            samplesToNextSong -= 1
            if samplesToNextSong > 0 { return (0, 0) }
            if isInvited {
                composeSong()
                singing = true
            } else {
                samplesToNextSong = seconds(1)
                return (0, 0)
            }
        }
        var value: Float = 0
        if !inGap {
            let length = noteLength[noteIndex]
            let x = Float(age) / Float(length)
            var frequency = noteStart[noteIndex] + (noteEnd[noteIndex] - noteStart[noteIndex]) * x
            if vibratoDepth > 0 {
                vibratoPhase += vibratoHertz / Songbird.sampleRate
                if vibratoPhase >= 1 { vibratoPhase -= 1 }
                frequency *= 1 + vibratoDepth * FastSine.value(atCycle: vibratoPhase)
            }
            phase += frequency / Songbird.sampleRate
            if phase >= 1 { phase -= 1 }
            // sin(πx): a smooth swell and fade with no click at either end.
            let envelope = FastSine.value(atCycle: 0.5 * x)
            value = envelope * (FastSine.value(atCycle: phase) + harmonic * FastSine.value(atCycle: 2 * phase))
            age += 1
            if age >= length {
                age = 0
                inGap = true
            }
        } else {
            age += 1
            if age >= gapLength[noteIndex] {
                age = 0
                inGap = false
                noteIndex += 1
                if noteIndex >= noteCount {
                    singing = false
                    // Eager birds (high density) pause less between songs.
                    let pause = pauseSeconds * random.uniform(0.6...1.6) / (0.35 + 1.3 * eagerness)
                    samplesToNextSong = seconds(pause)
                }
            }
        }
        let y = distanceFilter.process(value * gain)
        return (y * gains.left, y * gains.right)
    }
}
