import DSP

/// The slow playhead whose contour the walk's level follows (`SwellContour`).
extension TokenModel {
    /// Seconds the playhead follows the corpus before it rejoins elsewhere: drawn from this range.
    static let swellHoldSeconds: ClosedRange<Float> = 4...10
    /// A rejoin lands at least this far (frames, ≈ 4 s) from where it left.
    static let swellMinimumLeap = 188
    /// Largest gain (dB) a grain is moved by to meet the playhead: a swell's
    /// whole range (the fine walk's grains often stand 10 dB off the
    /// playhead: a limit of 10 left +8 dB at 0.5–2 Hz), but no grain of
    /// near-silence is lifted to a crest.
    static let swellGainLimit: Float = 20
    /// Random places a rejoin weighs (every few seconds: cheap).
    static let swellProbes = 256
    /// Squared spreads of level/slope mismatch a rejoin trades for one unit of intensity preference.
    static let swellJoinStrength: Float = 8
    /// A rejoin keeps out of what the playhead passed in its last this many
    /// steps: `swellRevisitShare` of the corpus, at most `swellRevisitSeconds`.
    static let swellRevisitShare: Float = 0.6
    static let swellRevisitSeconds: Float = 30

    /// Steps for which a place the playhead passed stays out of a rejoin's reach.
    var swellRevisitFrames: Int {
        let cap = Int(Self.swellRevisitSeconds * Float(AudioFormat.sampleRate) / Float(Framing.hopFrames))
        return min(cap, Int(Self.swellRevisitShare * Float(n)))
    }

    /// Gain (dB) that puts grain `q`'s slow level on the playhead's, after
    /// moving the playhead one frame on (0 where the corpus does not swell).
    @inline(__always)
    func swellGain(for q: Int) -> Float {
        guard swellContour.swells else { return 0 }
        if swell.position < 0 {
            swell.position = q
            swell.framesLeft = swellHold()
        } else {
            swell.position += 1
            swell.framesLeft -= 1
            // Rejoin in a trough, where a step of a dB is a small step of sound
            // (at a crest the same step is ten times louder); waiting too long
            // for one, or at the corpus's end, rejoin anyway.
            let inTrough = swellContour.smooth[swell.position] <= swellContour.trough
            if (swell.framesLeft <= 0 && inTrough) || swell.framesLeft <= -swellHold()
                || swell.position >= n - SwellContour.radius
            {
                rejoinSwell()
            }
        }
        swell.lastCovered[swell.position] = step
        let gain = contourWeight * (swellContour.smooth[swell.position] - swellContour.smooth[q])
        return min(Self.swellGainLimit, max(-Self.swellGainLimit, gain))
    }

    func swellHold() -> Int {
        let range = Self.swellHoldSeconds
        let seconds = range.lowerBound + random.unit() * (range.upperBound - range.lowerBound)
        return Int(seconds * Float(AudioFormat.sampleRate) / Float(Framing.hopFrames))
    }

    /// Moves the playhead to the place whose slow level and slope meet its
    /// own best among `swellProbes` random ones, so the contour goes on
    /// without a step or a turn. Away from 0.5 a recording's intensity tilt
    /// weighs too, so the playhead drifts to the quieter or louder swells.
    ///
    /// The places it may rejoin are those it has not passed lately
    /// (`swellRevisitFrames`), nor will pass within its next four seconds
    /// (`swellMinimumLeap`, the least it plays before it may rejoin again):
    /// over a minute it then covers the corpus's contour as evenly as the
    /// corpus holds it. Without this a short corpus looped: wind.ogg (15 s,
    /// one gust in its first half, troughs in its second) rejoined at the
    /// corpus's end into the trough that best met the end's level, four
    /// seconds back, again and again — 60–90 % of a two-minute walk in the
    /// last 30 % of the corpus, one seed never in the gust at all. The slow
    /// level then lacked the gust (−5 dB at 0.05–0.1 Hz), and staged to the
    /// recording's loudness the rare gust it played stood louder than the
    /// source's over the source's midpoint, so its dips under that level
    /// were gone: one "event" held 4.9× the source's longest (issue 13).
    /// Only when no probe is free of the playhead's recent path does it
    /// rejoin by level and slope alone.
    func rejoinSwell() {
        let from = min(swell.position, n - 1)
        let tilt = aimsAtRenderedIntensity ? 0 : Self.tiltStrength * (2 * intensity - 1)
        let revisit = swellRevisitFrames
        var chosen = -1, chosenFresh = -1
        var closest = Float.infinity, closestFresh = Float.infinity
        for _ in 0..<Self.swellProbes {
            let q = SwellContour.radius + random.below(max(1, n - 4 * SwellContour.radius))
            guard abs(q - from) >= Self.swellMinimumLeap, isAimed(q) else { continue }
            let d = swellContour.distance(from, q) - preference(q, tilt: tilt) / Self.swellJoinStrength
            if d < closest {
                closest = d
                chosen = q
            }
            if d < closestFresh && isFreshForSwell(q, revisit: revisit) {
                closestFresh = d
                chosenFresh = q
            }
        }
        if chosenFresh >= 0 { chosen = chosenFresh }
        swell.position = chosen >= 0 ? chosen : max(0, min(from, n - SwellContour.radius - 1))
        swell.lastCovered[swell.position] = step
        swell.framesLeft = swellHold()
    }

    /// Whether the playhead's next four seconds from `q` (sampled each
    /// second) keep out of what it passed in its last `revisit` steps.
    @inline(__always)
    func isFreshForSwell(_ q: Int, revisit: Int) -> Bool {
        let second = Self.swellMinimumLeap / 4
        var p = q
        while p <= min(n - 1, q + Self.swellMinimumLeap) {
            if step - swell.lastCovered[p] <= revisit { return false }
            p += second
        }
        return true
    }
}
