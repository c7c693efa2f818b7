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
    /// The grain ends a loud stretch (`LoudRuns`): the decoder's own gain
    /// drift may lower it but not lift it back over the loud level.
    public var isDip = false

    public init(token: UInt16, position: Int, isJump: Bool, gainDecibels: Float = 0, isDip: Bool = false) {
        self.token = token
        self.position = position
        self.isJump = isJump
        self.gainDecibels = gainDecibels
        self.isDip = isDip
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
/// its longest. What a listener hears as loud — the hops over the midpoint
/// of the corpus's level, marked events or not (a gust of wind) — is capped
/// at the source's longest loud stretch too (`LoudRuns`).
/// Where the corpus swells (4–8 s rises and falls), the level over seconds
/// follows a slow playhead over the corpus's own level contour instead of
/// the landings (`SwellContour`): every jump would otherwise step it.
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
    var random: Random
    let tokens: [UInt16]
    /// Where each codeword's score lies in the corpus's score distribution, 0…1.
    let ranks: [Float]
    /// Each position's beat phase (frames since its cycle began), −1 outside a beat.
    let phases: [Float]
    /// The length in frames of the beat cycle each position lies in (0 outside a beat).
    let cycles: [Float]
    /// Positions by whole beat phase (frames since their cycle began): where a beat probe draws from.
    let beatIndex: [[Int32]]
    /// The walk's own beat: the phase of the last emitted position and its
    /// cycle length, carried on through stretches without a beat so a jump
    /// out of them still lands on time (cycle 0: no beat).
    var clockPhase: Float = 0
    var clockCycle: Float = 0
    var framesOffBeat = 0
    /// The model's frame scores are the intensities its corpus was rendered at: aim, don't tilt.
    let aimsAtRenderedIntensity: Bool
    /// Which rendered intensities the walk plays at the current request.
    var aim: IntensityAim
    /// Event and pause runs of the corpus.
    let structure: SlowStructure
    /// Event frames (`AcousticModel.isEvent`): the events whose lengths the walk keeps.
    let isEvent: [Bool]
    /// The walk's own run: an event or a pause, and how many frames it has lasted.
    var runIsEvent = false
    var runFrames = 0
    /// What the current step's jump must do to the walk's run (see `RunRule`).
    var runRule = RunRule.free
    /// The corpus's loud stretches and how long what the walk played has been heard loud (`LoudRuns`).
    let loud: LoudRuns
    var loudFrames = 0
    var quietFrames = 0
    /// The decoder's slow gain drift, dB, as its layer last told it: part of what is heard (`LoudRuns`).
    public var decoderDriftDecibels: Float = 0
    /// False while the walk keeps a beat: a beat keeps its own structure, and the loud cap waits.
    var beatless = true
    /// Each corpus position's level contour, and the walk's own.
    let contour: LevelContour
    var walkContour = WalkContour()
    /// Level (dB) of the frame the walk played last and of its last quarter second, as heard (`breaksJoin`).
    var lastLevel: Float = 0
    var heard = WalkContour()
    /// Off only for the last-resort landing when no landing joins (`breaksJoin`).
    var joinsByLevel = true
    /// The corpus's slow level and the playhead the walk's level follows (`SwellContour`).
    let swellContour: SwellContour
    var swell: SwellWalk
    /// The intensity of the current `next` call.
    var intensity: Float = 0.5
    let n: Int
    let memory: NGramMemory
    /// How many steps each corpus position stays recent after it was played:
    /// `revisitSeconds`, capped at 30 % of the intensity segment holding it
    /// (a built-in sound plays one segment, one recorded take, at a time), so a
    /// short take's grains come back after 30 % of its own length rather than
    /// staying recent longer than the take lasts and forcing repeats.
    let revisitFrames: [Int]
    let maxRun: Int
    /// Step at which each corpus position was last reached by continuing
    /// from the position before it: the corpus stretch ending there was played.
    var lastContinued: [Int]
    /// Step at which each corpus position was last landed on by a jump.
    var lastLanded: [Int]
    var recent: [UInt16]
    var recentNext = 0
    /// Hash of `recent`'s last `nGramLength − 1` tokens (see `updateContext`).
    var context: UInt64 = 0
    var weights: [Float]
    /// The current position's jump candidates, copied out of the model's table.
    let candidateTargets: UnsafeMutablePointer<Int32>
    let candidateDistances: UnsafeMutablePointer<Float>
    var choices: [Int]
    var position = 0
    var runLength = 0
    var step = 0
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
        var index: [[Int32]] = []
        for (q, phase) in phases.enumerated() where phase >= 0 {
            let bucket = Int(phase.rounded())
            while index.count <= bucket { index.append([]) }
            index[bucket].append(Int32(q))
        }
        beatIndex = index
        aimsAtRenderedIntensity = model.isScoredByRenderedIntensity
        aim =
            model.isScoredByRenderedIntensity
            ? IntensityAim(scores: model.frameScores, decibels: model.frameLevels) : IntensityAim(scores: [0], decibels: [0])
        structure = SlowStructure(isEvent: model.isEvent)
        isEvent = model.isEvent
        loud = LoudRuns(model: model, applies: !model.isScoredByRenderedIntensity)
        contour = LevelContour(decibels: model.frameLevels)
        // A built-in sound's corpus is segments rendered at several intensities: its level over
        // seconds is the aim's (`IntensityAim`), not a contour across segments.
        swellContour = SwellContour(decibels: model.isScoredByRenderedIntensity ? [] : model.frameLevels)
        swell = SwellWalk(count: swellContour.swells ? model.frameCount : 0)
        n = tokens.count
        let framesPerSecond = Double(AudioFormat.sampleRate) / Double(Framing.hopFrames)
        memory = NGramMemory(capacity: max(1, Int(settings.memorySeconds * framesPerSecond)))
        // A built-in sound plays one intensity segment at a time: 30% of that, not of the whole corpus.
        let longest = Int(settings.revisitSeconds * framesPerSecond)
        if model.isScoredByRenderedIntensity {
            var segmentFrames: [Float: Int] = [:]
            for score in model.frameScores { segmentFrames[score, default: 0] += 1 }
            revisitFrames = model.frameScores.map { min(longest, segmentFrames[$0, default: 0] * 3 / 10) }
        } else {
            revisitFrames = [Int](repeating: min(longest, n * 3 / 10), count: n)
        }
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
    static let probes = 48


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
    func contourFit(_ q: Int) -> Float {
        -Self.contourStrength * contourWeight * walkContour.distance(to: max(0, q - 1), in: contour)
    }

    /// How much the contour counts: fully for a built-in sound (its aim keeps
    /// the level) and for a recording at 0.5, where it plays as itself; less
    /// towards the ends of a recording's range, and not at all at 0 or 1,
    /// where the tilt must take the level away from the recording's own.
    var contourWeight: Float {
        aimsAtRenderedIntensity ? 1 : 1 - abs(2 * intensity - 1)
    }

    /// Log-weight of landing on position `q`: for a built-in sound, the share
    /// of its rendered intensity at the current aim (`IntensityAim`); for a
    /// recording, the intensity tilt of its codeword's loudness rank.
    @inline(__always)
    func preference(_ q: Int, tilt: Float) -> Float {
        if aimsAtRenderedIntensity { return aim.logWeight(model.frameScores[q]) }
        return tilt * ranks[Int(tokens[q])]
    }

    /// Whether the walk may play position `q` at all: a built-in sound plays
    /// only the segments bracketing the requested intensity.
    @inline(__always)
    func isAimed(_ q: Int) -> Bool {
        !aimsAtRenderedIntensity || aim.allows(model.frameScores[q])
    }

    /// Whether landing on `q` obeys `runRule`.
    @inline(__always)
    func keepsRun(_ q: Int) -> Bool {
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
        beatless = beat < 0
        // Outside a beat, a jump keeps the walk's event or pause going at its
        // age; once it has lasted as long as the source's longest, it ends.
        runRule = .free
        if beat < 0 && settings.keepsDurations {
            let otherKindExists = runIsEvent ? !structure.pauseRuns.isEmpty : !structure.eventRuns.isEmpty
            runRule = runFrames >= structure.longest(event: runIsEvent) && otherKindExists ? .end : .goOn
        }
        var mayContinue = false
        if next < n && !dipsUnderLoudLevel(next) {
            statistics.loudRunJumps += 1
        } else if next < n && runRule == .end && isEvent[next] == runIsEvent {
            statistics.runEndJumps += 1
        } else if next < n && runLength >= maxRun {
            statistics.runLimitJumps += 1
        } else if next < n && step - lastContinued[next] <= revisitFrames[next] {
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
        if chosen < 0 && mustDip {
            // No landing dips under the loud level: the quietest heard of those that are new.
            chosen = probeQuietest(tilt: tilt)
            if chosen >= 0 { statistics.quietestLandings += 1 }
        }
        if chosen < 0 && beat < 0 && aimsAtRenderedIntensity {
            // No landing joins the walk's level: take the best that does not, rather than repeat.
            joinsByLevel = false
            chosen = probe(tilt: tilt, allowRecent: false, allowRepeat: false)
            joinsByLevel = true
            if chosen >= 0 { statistics.unjoinedLandings += 1 }
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
    func jumpTarget(tilt: Float, beat: Float, cycle: Float) -> Int? {
        let slots = AcousticModel.candidatesPerPosition
        model.jumpTable.candidates(at: position, targets: candidateTargets, distances: candidateDistances)
        var count = 0
        var best = -Float.infinity
        var closest = Float.infinity
        for i in 0..<slots {
            let q = Int(candidateTargets[i])
            guard q >= 0 else { continue }
            let landing = q + 1
            guard landing < n, isAimed(landing), beat >= 0 ? onBeat(landing, beat, cycle) : !breaksJoin(landing),
                keepsRun(landing), dipsUnderLoudLevel(landing),
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

    /// FNV-1a of the last `nGramLength − 1` tokens: the part every candidate's
    /// n-gram hash shares, computed once per step rather than once per candidate.
    func updateContext() {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let length = recent.count
        for i in 1..<length {
            h = (h ^ UInt64(recent[(recentNext + i) % length])) &* 0x0000_0100_0000_01b3
        }
        context = h
    }

    /// Hash of the last `nGramLength − 1` tokens followed by `token`.
    @inline(__always)
    func hash(appending token: UInt16) -> UInt64 {
        var h = (context ^ UInt64(token)) &* 0x0000_0100_0000_01b3
        // Finalise (splitmix64) so the low bits index the table evenly.
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    func emit(_ q: Int, isJump: Bool) -> TokenStep {
        let token = tokens[q]
        memory.insert(hash(appending: token))
        recent[recentNext] = token
        recentNext = (recentNext + 1) % recent.count
        updateContext()
        if isJump { lastLanded[q] = step } else { lastContinued[q] = step }
        // A dip's detour is short: the two seconds it left must not go on after it (`shadowStretch`;
        // birds.ogg: a call copied for a second, a dip, then the same call's path resumed).
        if isJump && step > 0 && mustDip && !aimsAtRenderedIntensity {
            shadowStretch(after: position, frames: Self.copyFrames)
        } else if isJump && step > 0 && shadowsLeftStretches {
            shadowStretch(after: position)
        }
        // In a recording's model a landing a few frames on is the same stretch (`isAheadOutOfReach`).
        let restarts = isJump && (aimsAtRenderedIntensity || !isAlongPath(q))
        runLength = restarts ? 1 : runLength + 1
        if isJump && step > 0 { statistics.jumps += 1 }
        statistics.steps += 1
        let carried = swellGain(for: q)
        position = q
        step += 1
        walkContour.append(model.frameLevels[q] + carried)
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
        var gain = (aimsAtRenderedIntensity ? aim.gainDecibels(model.frameScores[q]) : 0) + carried
        // A dip the loud cap asked for is heard as one (`LoudRuns`): no lift carries it back over,
        // and a landing not quite quiet enough (`probeQuietest`) plays a little lower.
        let isDip = mustDip
        if isDip {
            let under = loud.threshold - LoudRuns.dipDecibels - model.hopBandLevels[q]
            gain = min(gain, max(under, gain - LoudRuns.largestCutDecibels))
        }
        // A hop heard under the level counts as quiet, with the decoder's drift (a dip is decoded
        // without a lift): fireplace.ogg's shallow dips, decoded 1.2 dB higher, were counted but never
        // heard (longest 1.3-1.65x). (Counting only hops played 1.5 dB under instead counted birds.ogg's
        // background as loud, forced dips into it every two seconds, and its walk came within a 2 s
        // copy of the source: bit error rate 0.13.)
        let drift = isDip ? min(0, decoderDriftDecibels) : decoderDriftDecibels
        if model.hopBandLevels[q] + gain + drift > loud.threshold {
            loudFrames += 1
            quietFrames = 0
        } else {
            quietFrames += 1
            // A stretch ends with `dipFrames` quiet grains (the first is half the loud grain's crossfade).
            if quietFrames >= LoudRuns.dipFrames || !loud.caps { loudFrames = 0 }
        }
        lastLevel = model.frameLevels[q] + gain
        heard.append(lastLevel)
        return TokenStep(token: token, position: q, isJump: isJump, gainDecibels: gain, isDip: isDip)
    }
}
