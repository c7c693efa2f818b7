/// Where a jump may not land just after the walk left a stretch.
extension TokenModel {
    /// Frames after a stretch the walk just left (≈ 0.26 s) that stay out
    /// of reach for `shadowFrames`.
    static let shadowLength = 12
    /// How long they stay out of reach (≈ 1 s).
    static let shadowFrames = 47

    /// Whether this walk shadows the stretches it leaves: where the settings
    /// say, else where the corpus swells. Elsewhere the decoder's independent
    /// random phases (noise) and the fingerprint tests (calls, drops) have
    /// kept copies away, and in a short corpus (a built-in sound's 12 s
    /// segment, a 5 s fixture segment) a shadow after every jump takes
    /// landings the intensity needs: light-to-heavy rain's level at 0.5
    /// fell 3 dB with it.
    var shadowsLeftStretches: Bool { settings.shadowsLeftStretches ?? swellContour.swells }

    /// Whether a jump must keep out of the stretch ahead of the walk's own
    /// position (`isRecent`): just ahead (`shadowLength`) where it shadows
    /// left stretches; and in a recording's model, once the verbatim run is
    /// at its limit or a loud stretch must end (`LoudRuns`: the quiet
    /// after a call lies a few frames on), the next two seconds ahead. There a landing a few
    /// frames on is the same stretch, and the verbatim count goes on through
    /// it (`emit`): a 20 s mixed corpus's walk, once the loud cap
    /// (`LoudRuns`) had moved it onto other steps, jumped from 281 to 282,
    /// restarted its count, and played 203–337 with one 5-frame skip, a 2 s
    /// copy of the corpus (bit error rate 0.002); and birds.ogg's, kept out
    /// of only the next quarter second, played 1.1 s of the source, skipped
    /// 0.3 s and went on (a 2 s block 0.13 from the source). A built-in
    /// sound's walk is left as its hole rates were tuned (issue 20).
    @inline(__always)
    func isAheadOutOfReach(_ q: Int) -> Bool {
        guard q > position else { return false }
        if shadowsLeftStretches && q <= position + Self.shadowLength { return true }
        return !aimsAtRenderedIntensity && (runLength >= maxRun || mustDip) && q <= position + Self.copyFrames
    }

    /// Two seconds of frames: the length of a copy the walk must never make.
    static let copyFrames = 94

    /// Whether landing on `q` goes on along the walk's own path, a few frames on.
    @inline(__always)
    func isAlongPath(_ q: Int) -> Bool { q > position && q <= position + Self.shadowLength }

    /// (The stretch just ahead of the walk's own position is out of reach
    /// too, `isRecent`: a forced jump that lands a frame or a few on is a
    /// continuation in disguise — swell fixture, 160 s: a run cut at its
    /// verbatim limit went on from the very next frame, 1.6 s straight.)
    ///
    /// Marks the frames just after `left` (the position the walk jumped
    /// away from) as recently landed on, for `shadowFrames` steps.
    ///
    /// Without it a short detour could hand the walk back to where it left
    /// off: a run cut at its verbatim limit, five frames elsewhere, then the
    /// same run resumed seven frames on — the source copied for over 2 s
    /// with a blink in it (swell fixture: a 2 s block 13 % from the source
    /// by fingerprint, once the decoder held phase along paths there and no
    /// longer hid it, `DecoderSettings.holdsPhaseAlongPath`). Landing
    /// a second or more later, or further on, breaks the copy: a 2 s
    /// block can then match at most one side of the detour.
    @inline(__always)
    func shadowStretch(after left: Int, frames: Int = TokenModel.shadowLength) {
        let end = min(n - 1, left + frames)
        guard left + 1 <= end else { return }
        for q in (left + 1)...end {
            // `isRecent` holds while step − lastLanded ≤ revisitFrames: back-date so it holds `shadowFrames` steps.
            let until = step + Self.shadowFrames - revisitFrames[q]
            if until > lastLanded[q] { lastLanded[q] = until }
        }
    }
}
