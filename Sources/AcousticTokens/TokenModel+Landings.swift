#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a jump lands when the jump table offers nothing allowed: random
/// probes of the corpus, weighed like candidates, and the beat and revisit
/// rules every landing obeys.
extension TokenModel {
    /// A random position, weighted by the intensity tilt only; −1 when none
    /// of the probes is allowed. With a `beat` (≥ 0) each probe moves forward
    /// to the first position at that phase.
    func probe(tilt: Float, allowRecent: Bool, allowRepeat: Bool, beat: Float = -1, cycle: Float = 0) -> Int {
        var count = 0
        var best = -Float.infinity
        let keepsContour = beat < 0
        // On a beat, probes are drawn from the positions at that phase (and
        // across the wrap of the cycle), not found by scanning
        // forward from random places: scanning cost a beat-locked sound (a
        // heartbeat, a train) half its speed.
        let near = beat >= 0 ? Int(beat.rounded()) : 0
        let wraps = beat >= 0 && (beat < 1.5 || beat > cycle - 1.5)
        let wrapped = !wraps ? near : beat > cycle / 2 ? Int((beat - cycle).rounded()) : Int((beat + cycle).rounded())
        for _ in 0..<Self.probes {
            var q = 1 + random.below(n - 1)
            if beat >= 0 {
                q = -1
                for attempt in 0..<4 {
                    let phase = attempt & 1 == 0 ? near : wrapped
                    guard phase >= 0, phase < beatIndex.count, !beatIndex[phase].isEmpty else { continue }
                    let drawn = Int(beatIndex[phase][random.below(beatIndex[phase].count)])
                    if drawn > 0 && onBeat(drawn, beat, cycle) {
                        q = drawn
                        break
                    }
                }
                if q < 0 { continue }
            }
            if !isAimed(q) || (!allowRecent && isRecent(q)) || (keepsContour && breaksJoin(q)) || !dipsUnderLoudLevel(q) {
                continue
            }
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
    func probeRun(tilt: Float) -> Int {
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
            guard q > 0, q < n, isAimed(q), !breaksJoin(q), dipsUnderLoudLevel(q), !isRecent(q),
                !memory.contains(hash(appending: tokens[q]))
            else {
                continue
            }
            weights[count] = preference(q, tilt: tilt) + contourFit(q)
            choices[count] = q
            best = max(best, weights[count])
            count += 1
        }
        return count == 0 ? -1 : sample(count: count, best: best)
    }

    /// Whether what the walk played has been heard loud as long as the
    /// corpus's longest loud stretch (less the hop a jump's crossfade
    /// smears), so the next frames must dip (`LoudRuns`). The cap is the
    /// source's where the recording plays as itself (0.5) and lengthens as
    /// the intensity tilts the walk away from its balance (by the square of
    /// `contourWeight`: 4× at 0.25 and 0.75), gone at 0 and 1: there the
    /// tilt is asked to make the recording louder or quieter than it ever
    /// is (a light-to-heavy rain corpus lost its rise of level with
    /// intensity to the cap's dips: 1 dB at 1, 0.2 dB from 0.5 to 0.75
    /// with the cap lengthened by `contourWeight` alone).
    var mustDip: Bool {
        loud.caps && beatless
            && Float(loudFrames + 1) >= Float(loud.longest) / max(contourWeight * contourWeight, 1e-6)
    }

    /// Whether playing `q` next keeps the loud cap: anything does until the
    /// walk must dip; then the walk plays `LoudRuns.dipFrames` grains from
    /// quiet stretches of the corpus, so `q` must begin (or go on) a
    /// stretch of quiet hops long enough for what the dip has left, and one
    /// more. The first grain's hop is half the crossfade from the loud grain
    /// before it, and a noise grain, resynthesised from its whole window's
    /// spectrum, spreads its window's level over both its hops: a grain is
    /// heard quiet only where the hop after its own is quiet too. (wind.ogg:
    /// a dip of two quiet hops came out 1.7 dB over the level, and one clean
    /// quiet hop, straddled by the measure's 20 ms frames, was no dip to it.)
    /// The gain the dip plays at is held under the loud level (`emit`), so a
    /// swell's lift cannot undo it.
    @inline(__always)
    func dipsUnderLoudLevel(_ q: Int) -> Bool {
        guard mustDip else { return true }
        let quiet = loud.threshold - LoudRuns.dipDecibels
        let levels = model.hopBandLevels
        let last = min(n - 1, q + LoudRuns.dipFrames - quietFrames)
        for p in q...last where levels[p] > quiet { return false }
        return true
    }

    /// The random landing whose hop is quietest among `probes` aimed,
    /// unused ones (−1 when none is): when no landing dips under the loud
    /// level, the loud stretch still ends as low as the corpus allows.
    func probeQuietest(tilt: Float) -> Int {
        var chosen = -1
        var quietest = Float.infinity
        for _ in 0..<Self.probes {
            let q = 1 + random.below(n - 1)
            guard isAimed(q), !isRecent(q), !memory.contains(hash(appending: tokens[q])) else { continue }
            var level = -Float.infinity
            for p in q...min(n - 1, q + LoudRuns.dipFrames) { level = max(level, model.hopBandLevels[p]) }
            if level < quietest {
                quietest = level
                chosen = q
            }
        }
        return chosen
    }

    /// The first aimed position from a random one on: the last resort when
    /// no probe fell in the aimed segments (there always are some).
    func scanForAimed() -> Int {
        let start = random.below(n)
        for i in 0..<n where isAimed((start + i) % n) { return (start + i) % n }
        return start
    }

    /// Whether position `q` is at beat phase `beat` of a cycle `cycle` frames long.
    @inline(__always)
    func onBeat(_ q: Int, _ beat: Float, _ cycle: Float) -> Bool {
        guard phases[q] >= 0, abs(cycles[q] - cycle) <= settings.tempoTolerance * cycle else { return false }
        let d = abs(phases[q] - beat)
        // Phase wraps: the end of one cycle is the start of the next.
        return min(d, abs(cycle - d)) <= settings.beatToleranceFrames
    }

    @inline(__always)
    func sample(count: Int, best: Float) -> Int {
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
    func isRecent(_ q: Int) -> Bool {
        step - lastLanded[q] <= revisitFrames[q] || step - lastContinued[q] <= revisitFrames[q]
            || isAheadOutOfReach(q)
    }
}
