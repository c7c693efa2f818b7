import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One step of a token stream: the token, and the corpus frame it was taken
/// from (the grain the decoder should prefer).
public struct TokenStep: Sendable, Equatable {
    public var token: UInt16
    public var position: Int
    /// True when the step left the corpus path (the decoder joins at equal power).
    public var isJump: Bool
    /// Gain the grain plays at, dB: a built-in sound's blend of two intensity
    /// segments brings each to the level between them (`IntensityAim`).
    public var gainDecibels: Float = 0

    public init(token: UInt16, position: Int, isJump: Bool, gainDecibels: Float = 0) {
        self.token = token
        self.position = position
        self.isJump = isJump
        self.gainDecibels = gainDecibels
    }
}

/// A variable-order Markov walk over a corpus's token sequence, in the
/// manner of a factor oracle: at every frame it either continues the corpus
/// path or jumps to a place whose recent context matches the last frames, so
/// it extends the stream endlessly without ever looping.
///
/// Over seconds the walk is aimed by its corpus's slow structure
/// (`SlowStructure`): a jump keeps the walk's event or pause at its age, so
/// events and pauses last as long as the source's do and never longer than
/// its longest.
///
/// Intensity tilts every choice towards codewords whose loudness/density
/// score is low (0) or high (1). Anti-repetition: emitted n-grams are remembered for
/// minutes and never emitted again, corpus stretches used recently are not
/// revisited, and verbatim runs are cut after `maxVerbatimSeconds`.
///
/// `next(intensity:)` never allocates; one instance per playing layer.
public final class TokenModel {
    public let model: AcousticModel
    public let settings: TokenModelSettings
    private var random: Random
    private let tokens: [UInt16]
    /// Where each codeword's score lies in the corpus's score distribution, 0…1.
    private let ranks: [Float]
    /// Each position's beat phase (frames since its cycle began), −1 outside a beat.
    private let phases: [Float]
    /// The length in frames of the beat cycle each position lies in (0 outside a beat).
    private let cycles: [Float]
    /// The walk's own beat: the phase of the last emitted position and its
    /// cycle length, carried on through stretches without a beat so a jump
    /// out of them still lands on time (cycle 0: no beat).
    private var clockPhase: Float = 0
    private var clockCycle: Float = 0
    private var framesOffBeat = 0
    /// The model's frame scores are the intensities its corpus was rendered at: aim, don't tilt.
    private let aimsAtRenderedIntensity: Bool
    /// Which rendered intensities the walk plays at the current request.
    private var aim: IntensityAim
    /// Event and pause runs of the corpus.
    private let structure: SlowStructure
    /// Event frames (`AcousticModel.isEvent`): the events whose lengths the walk keeps.
    private let isEvent: [Bool]
    /// The walk's own run: an event or a pause, and how many frames it has lasted.
    private var runIsEvent = false
    private var runFrames = 0
    /// What the current step's jump must do to the walk's run (see `RunRule`).
    private var runRule = RunRule.free
    /// Each corpus position's level contour, and the walk's own.
    private let contour: LevelContour
    private var walkContour = WalkContour()
    /// The intensity of the current `next` call.
    private var intensity: Float = 0.5
    private let n: Int
    private let memory: NGramMemory
    private let revisitFrames: Int
    private let maxRun: Int
    /// Step at which each corpus position was last reached by continuing
    /// from the position before it: the corpus stretch ending there was played.
    private var lastContinued: [Int]
    /// Step at which each corpus position was last landed on by a jump.
    private var lastLanded: [Int]
    private var recent: [UInt16]
    private var recentNext = 0
    /// Hash of `recent`'s last `nGramLength − 1` tokens (see `updateContext`).
    private var context: UInt64 = 0
    private var weights: [Float]
    /// The current position's jump candidates, copied out of the model's table.
    private let candidateTargets: UnsafeMutablePointer<Int32>
    private let candidateDistances: UnsafeMutablePointer<Float>
    private var choices: [Int]
    private var position = 0
    private var runLength = 0
    private var step = 0
    /// What the walk has done so far, for `bench` and the tests.
    public private(set) var statistics = Statistics()

    /// A walk over `model`, seeded (nil: a different walk every run).
    public init(model: AcousticModel, settings: TokenModelSettings = TokenModelSettings(), seed: UInt64? = nil) {
        self.model = model
        self.settings = settings
        random = seed.map { Random(seed: $0) } ?? Random()
        tokens = model.codebook.tokens
        ranks = model.codebook.scores.map(model.scoreRank)
        (phases, cycles) = BeatAnalysis.cycles(of: model.beatPhases)
        aimsAtRenderedIntensity = model.isScoredByRenderedIntensity
        aim =
            model.isScoredByRenderedIntensity
            ? IntensityAim(scores: model.frameScores, decibels: model.frameLevels) : IntensityAim(scores: [0], decibels: [0])
        structure = SlowStructure(isEvent: model.isEvent)
        isEvent = model.isEvent
        contour = LevelContour(decibels: model.frameLevels)
        n = tokens.count
        let framesPerSecond = Double(AudioFormat.sampleRate) / Double(Framing.hopFrames)
        memory = NGramMemory(capacity: max(1, Int(settings.memorySeconds * framesPerSecond)))
        // A built-in sound plays one intensity segment at a time: 30% of that, not of the whole corpus.
        let playedFrames = model.isScoredByRenderedIntensity ? n / aim.levels.count : n
        revisitFrames = min(Int(settings.revisitSeconds * framesPerSecond), playedFrames * 3 / 10)
        maxRun = max(2, Int(settings.maxVerbatimSeconds * framesPerSecond))
        lastContinued = [Int](repeating: Int.min / 2, count: n)
        lastLanded = [Int](repeating: Int.min / 2, count: n)
        recent = [UInt16](repeating: 0, count: max(1, settings.nGramLength))
        weights = [Float](repeating: 0, count: max(AcousticModel.candidatesPerPosition, Self.probes))
        choices = [Int](repeating: 0, count: max(AcousticModel.candidatesPerPosition, Self.probes))
        candidateTargets = .allocate(capacity: AcousticModel.candidatesPerPosition)
        candidateTargets.initialize(repeating: -1, count: AcousticModel.candidatesPerPosition)
        candidateDistances = .allocate(capacity: AcousticModel.candidatesPerPosition)
        candidateDistances.initialize(repeating: 0, count: AcousticModel.candidatesPerPosition)
    }

    deinit {
        candidateTargets.deallocate()
        candidateDistances.deallocate()
    }

    /// Random positions tried when no jump candidate is allowed.
    private static let probes = 48


    /// How strongly intensity 0 or 1 tilts choices towards the quietest or
    /// loudest codewords: at the extremes a codeword at the top of the score
    /// range weighs e^±8 times one at the bottom; at 0.5 there is no tilt.
    static let tiltStrength: Float = 8

    /// How much a landing is worth less per spread of contour mismatch
    /// between the walk's last seconds and the landing's (`WalkContour`).
    static let contourStrength: Float = 2
    /// Contour mismatch (squared spreads) past which no candidate is good
    /// enough and the walk probes the corpus for a landing instead.
    static let contourTolerance: Float = 2

    /// Log-weight of how well landing on `q` carries the walk's contour on.
    @inline(__always)
    private func contourFit(_ q: Int) -> Float {
        -Self.contourStrength * contourWeight * walkContour.distance(to: max(0, q - 1), in: contour)
    }

    /// How much the contour counts: fully for a built-in sound (its aim keeps
    /// the level) and for a recording at 0.5, where it plays as itself; less
    /// towards the ends of a recording's range, and not at all at 0 or 1,
    /// where the tilt must take the level away from the recording's own.
    private var contourWeight: Float {
        aimsAtRenderedIntensity ? 1 : 1 - abs(2 * intensity - 1)
    }

    /// Log-weight of landing on position `q`: for a built-in sound, the share
    /// of its rendered intensity at the current aim (`IntensityAim`); for a
    /// recording, the intensity tilt of its codeword's loudness rank.
    @inline(__always)
    private func preference(_ q: Int, tilt: Float) -> Float {
        if aimsAtRenderedIntensity { return aim.logWeight(model.frameScores[q]) }
        return tilt * ranks[Int(tokens[q])]
    }

    /// Whether the walk may play position `q` at all: a built-in sound plays
    /// only the segments bracketing the requested intensity.
    @inline(__always)
    private func isAimed(_ q: Int) -> Bool {
        !aimsAtRenderedIntensity || aim.allows(model.frameScores[q])
    }

    /// Whether landing on `q` obeys `runRule`.
    @inline(__always)
    private func keepsRun(_ q: Int) -> Bool {
        switch runRule {
        case .free: return true
        case .goOn: return structure.continuesRun(q, event: runIsEvent, isEvent: isEvent[q], frames: runFrames)
        case .end: return isEvent[q] != runIsEvent && structure.runAge[q] <= 1
        }
    }

    /// The next token for `intensity` (0…1).
    ///
    /// Intensity tilts the walk rather than aiming it at one level: every
    /// candidate's weight is multiplied by e^(β·rank), where rank (0…1) is
    /// where its codeword's score lies in the corpus's score distribution and
    /// β = 8·(2·intensity − 1). At 0.5 the corpus plays with its own balance
    /// of quiet and loud moments (a recording sounds like itself); towards 0
    /// or 1 the quiet or loud material takes over, smoothly and monotonically.
    ///
    /// A built-in sound's corpus is labelled with the intensity each frame was
    /// rendered at; there intensity aims instead (`IntensityAim`): the
    /// synthesizer defines what each intensity sounds like, and 0.5 must sound
    /// like its 0.5, not like the average of its whole range.
    public func next(intensity: Float) -> TokenStep {
        self.intensity = min(1, max(0, intensity))
        if aimsAtRenderedIntensity { aim.aim(at: self.intensity) }
        let tilt = aimsAtRenderedIntensity ? 0 : Self.tiltStrength * (2 * self.intensity - 1)
        if step == 0 {
            var start = probe(tilt: tilt, allowRecent: true, allowRepeat: true)
            if start < 0 { start = scanForAimed() }
            for i in 0..<recent.count { recent[i] = tokens[max(0, start - recent.count + 1 + i)] }
            updateContext()
            return emit(start, isJump: true)
        }
        let next = position + 1
        // The beat phase and cycle continuing would have; jumps must keep them (−1: no beat here).
        var beat: Float = -1
        var cycle: Float = 0
        if next < n && phases[next] >= 0 {
            beat = phases[next]
            cycle = cycles[next]
        } else if clockCycle > 0 {
            beat = clockPhase + 1 < clockCycle ? clockPhase + 1 : clockPhase + 1 - clockCycle
            cycle = clockCycle
        }
        // Outside a beat, a jump keeps the walk's event or pause going at its
        // age; once it has lasted as long as the source's longest, it ends.
        runRule = .free
        if beat < 0 && settings.keepsDurations {
            let otherKindExists = runIsEvent ? !structure.pauseRuns.isEmpty : !structure.eventRuns.isEmpty
            runRule = runFrames >= structure.longest(event: runIsEvent) && otherKindExists ? .end : .goOn
        }
        var mayContinue = false
        if next < n && runRule == .end && isEvent[next] == runIsEvent {
            statistics.runEndJumps += 1
        } else if next < n && runLength >= maxRun {
            statistics.runLimitJumps += 1
        } else if next < n && step - lastContinued[next] <= revisitFrames {
            statistics.revisitJumps += 1
        } else if next < n && aimsAtRenderedIntensity
            && (!isAimed(next) || model.frameScores[next] != model.frameScores[position])
        {
            // Out of the aim, or across the cut between two segments of the corpus.
            statistics.aimJumps += 1
        } else if next < n {
            var p = model.isEvent[position] || model.isEvent[next]
                ? settings.eventContinueProbability : settings.continueProbability
            // Where the intensity disfavours what comes next, leave sooner so the walk drifts away.
            let disfavoured =
                aimsAtRenderedIntensity
                ? aim.isMinority(model.frameScores[next])
                : tilt * (ranks[Int(tokens[next])] - 0.5) < -1
            if disfavoured { p *= 0.75 }
            if random.unit() < p {
                if !memory.contains(hash(appending: tokens[next])) { return emit(next, isJump: false) }
                statistics.memoryJumps += 1
            } else if beat >= 0 {
                mayContinue = !memory.contains(hash(appending: tokens[next]))
            }
        }
        if let target = jumpTarget(tilt: tilt, beat: beat, cycle: cycle) {
            statistics.candidateLandings += 1
            return emit(target, isJump: true)
        }
        // A chosen jump with no target on the beat: keep the beat by continuing.
        if mayContinue { return emit(next, isJump: false) }
        if runRule != .free {
            let landing = probeRun(tilt: tilt)
            if landing >= 0 {
                statistics.runProbeLandings += 1
                return emit(landing, isJump: true)
            }
            // No run of the source goes on from here: the walk takes the source's run where it lands.
            runRule = .free
        }
        var chosen = probe(tilt: tilt, allowRecent: false, allowRepeat: false, beat: beat, cycle: cycle)
        if chosen < 0 && beat >= 0 {
            // A beat heard is worth more than material never heard before:
            // revisit, even repeat, on the beat before giving it up.
            chosen = probe(tilt: tilt, allowRecent: true, allowRepeat: false, beat: beat, cycle: cycle)
            if chosen < 0 { chosen = probe(tilt: tilt, allowRecent: true, allowRepeat: true, beat: beat, cycle: cycle) }
            if chosen >= 0 { statistics.forcedRepeats += 1 }
        }
        if chosen < 0 {
            statistics.forcedRepeats += 1
            chosen = probe(tilt: tilt, allowRecent: true, allowRepeat: false)
            if chosen < 0 { chosen = probe(tilt: tilt, allowRecent: true, allowRepeat: true) }
            if chosen < 0 { chosen = scanForAimed() }
        }
        return emit(chosen, isJump: true)
    }

    /// Samples a jump among the current position's context matches, weighted
    /// by context similarity and tilted by intensity. With a `beat` (≥ 0) only
    /// landings at that phase qualify. Nil when every candidate is forbidden.
    private func jumpTarget(tilt: Float, beat: Float, cycle: Float) -> Int? {
        let slots = AcousticModel.candidatesPerPosition
        model.jumpTable.candidates(at: position, targets: candidateTargets, distances: candidateDistances)
        var count = 0
        var best = -Float.infinity
        var closest = Float.infinity
        for i in 0..<slots {
            let q = Int(candidateTargets[i])
            guard q >= 0 else { continue }
            let landing = q + 1
            guard landing < n, isAimed(landing), beat < 0 || onBeat(landing, beat, cycle), keepsRun(landing),
                !isRecent(landing),
                !memory.contains(hash(appending: tokens[landing]))
            else { continue }
            // On a beat the beat rules the landing; the contour is for what has none.
            let fit = beat >= 0 ? 0 : contourFit(landing)
            closest = max(-fit, 0) < closest ? max(-fit, 0) : closest
            let logWeight = -candidateDistances[i] / model.contextScale + preference(landing, tilt: tilt) + fit
            weights[count] = logWeight
            choices[count] = landing
            best = max(best, logWeight)
            count += 1
        }
        // Every allowed candidate breaks the contour (the good ones were used
        // lately): random probes weighed by contour find a better landing.
        guard count > 0, beat >= 0 || closest <= Self.contourStrength * Self.contourTolerance else { return nil }
        return sample(count: count, best: best)
    }

    /// A random position, weighted by the intensity tilt only; −1 when none
    /// of the probes is allowed. With a `beat` (≥ 0) each probe moves forward
    /// to the first position at that phase.
    private func probe(tilt: Float, allowRecent: Bool, allowRepeat: Bool, beat: Float = -1, cycle: Float = 0) -> Int {
        var count = 0
        var best = -Float.infinity
        let keepsContour = beat < 0
        for _ in 0..<Self.probes {
            var q = 1 + random.below(n - 1)
            if beat >= 0 {
                let limit = min(n, q + Self.beatSearchFrames)
                while q < limit && !onBeat(q, beat, cycle) { q += 1 }
                if q == limit { continue }
            }
            if !isAimed(q) || (!allowRecent && isRecent(q)) { continue }
            if !allowRepeat && memory.contains(hash(appending: tokens[q])) { continue }
            weights[count] = preference(q, tilt: tilt) + (keepsContour ? contourFit(q) : 0)
            choices[count] = q
            best = max(best, weights[count])
            count += 1
        }
        return count == 0 ? -1 : sample(count: count, best: best)
    }

    /// A random landing that obeys `runRule`, weighted by preference; −1 when
    /// none of the probes is allowed. Probes pick runs, not positions: a run
    /// of the kind wanted, entered at the walk's age (`goOn`) or at its start (`end`).
    private func probeRun(tilt: Float) -> Int {
        let event = runRule == .end ? !runIsEvent : runIsEvent
        let runs = event ? structure.eventRuns : structure.pauseRuns
        guard !runs.isEmpty else { return -1 }
        let age = runRule == .end ? 0 : runFrames
        var count = 0
        var best = -Float.infinity
        for _ in 0..<Self.probes {
            let run = runs[random.below(runs.count)]
            var q: Int
            if age < SlowStructure.ageSaturationFrames {
                guard Int(run.length) > age else { continue }
                q = Int(run.start) + age
            } else {
                // Past saturation any place beyond it in a long run will do.
                let beyond = Int(run.length) - SlowStructure.ageSaturationFrames
                guard beyond > 0 else { continue }
                q = Int(run.start) + SlowStructure.ageSaturationFrames + random.below(beyond)
            }
            guard q > 0, q < n, isAimed(q), !isRecent(q), !memory.contains(hash(appending: tokens[q])) else { continue }
            weights[count] = preference(q, tilt: tilt) + contourFit(q)
            choices[count] = q
            best = max(best, weights[count])
            count += 1
        }
        return count == 0 ? -1 : sample(count: count, best: best)
    }

    /// The first aimed position from a random one on: the last resort when
    /// no probe fell in the aimed segments (there always are some).
    private func scanForAimed() -> Int {
        let start = random.below(n)
        for i in 0..<n where isAimed((start + i) % n) { return (start + i) % n }
        return start
    }

    /// How far a probe looks ahead for a position on the beat (longer than the longest period).
    private static let beatSearchFrames = 400

    /// Whether position `q` is at beat phase `beat` of a cycle `cycle` frames long.
    @inline(__always)
    private func onBeat(_ q: Int, _ beat: Float, _ cycle: Float) -> Bool {
        guard phases[q] >= 0, abs(cycles[q] - cycle) <= settings.tempoTolerance * cycle else { return false }
        let d = abs(phases[q] - beat)
        // Phase wraps: the end of one cycle is the start of the next.
        return min(d, abs(cycle - d)) <= settings.beatToleranceFrames
    }

    @inline(__always)
    private func sample(count: Int, best: Float) -> Int {
        var total: Float = 0
        for i in 0..<count {
            weights[i] = expf(weights[i] - best)
            total += weights[i]
        }
        var pick = random.unit() * total
        for i in 0..<count {
            pick -= weights[i]
            if pick <= 0 { return choices[i] }
        }
        return choices[count - 1]
    }

    /// Whether a jump landed on `q` within the revisit window: landing there
    /// again would replay the stretch that followed.
    @inline(__always)
    private func isRecent(_ q: Int) -> Bool {
        step - lastLanded[q] <= revisitFrames || step - lastContinued[q] <= revisitFrames
    }

    /// FNV-1a of the last `nGramLength − 1` tokens: the part every candidate's
    /// n-gram hash shares, computed once per step rather than once per candidate.
    private func updateContext() {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let length = recent.count
        for i in 1..<length {
            h = (h ^ UInt64(recent[(recentNext + i) % length])) &* 0x0000_0100_0000_01b3
        }
        context = h
    }

    /// Hash of the last `nGramLength − 1` tokens followed by `token`.
    @inline(__always)
    private func hash(appending token: UInt16) -> UInt64 {
        var h = (context ^ UInt64(token)) &* 0x0000_0100_0000_01b3
        // Finalise (splitmix64) so the low bits index the table evenly.
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    private func emit(_ q: Int, isJump: Bool) -> TokenStep {
        let token = tokens[q]
        memory.insert(hash(appending: token))
        recent[recentNext] = token
        recentNext = (recentNext + 1) % recent.count
        updateContext()
        if isJump { lastLanded[q] = step } else { lastContinued[q] = step }
        runLength = isJump ? 1 : runLength + 1
        if isJump && step > 0 { statistics.jumps += 1 }
        statistics.steps += 1
        position = q
        step += 1
        walkContour.append(model.frameLevels[q])
        if isEvent[q] != runIsEvent {
            runIsEvent = isEvent[q]
            runFrames = isJump && runRule == .free ? Int(structure.runAge[q]) + 1 : 1
        } else if isJump && runRule == .free {
            // A landing that did not keep the run: the walk's run is now the source's.
            runFrames = Int(structure.runAge[q]) + 1
        } else {
            runFrames += 1
        }
        if phases[q] >= 0 {
            clockPhase = phases[q]
            clockCycle = cycles[q]
            framesOffBeat = 0
        } else if clockCycle > 0 {
            clockPhase += 1
            if clockPhase >= clockCycle { clockPhase -= clockCycle }
            framesOffBeat += 1
            // Far from any beat the walk no longer keeps one.
            if Float(framesOffBeat) > 3 * clockCycle { clockCycle = 0 }
        }
        let gain = aimsAtRenderedIntensity ? aim.gainDecibels(model.frameScores[q]) : 0
        return TokenStep(token: token, position: q, isJump: isJump, gainDecibels: gain)
    }
}
