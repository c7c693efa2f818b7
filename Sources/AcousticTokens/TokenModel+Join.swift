/// Where a built-in sound's jump may land without leaving a hole (issue 20).
///
/// A jump is heard as what the landing's corpus frame followed cut to what
/// the walk just played. Jump table candidates are chosen by a three-frame
/// context, so their corpus lead-in sounds like the walk; random probes
/// (taken when the revisit window, the n-gram memory or the run rule have
/// used the candidates up) were weighed only by a contour spread over the
/// whole corpus, and a built-in corpus spans its quiet and loud intensities,
/// so a probe could land in the bed between a thunder roll's rumbles, or in
/// the wind between chimes, in the middle of a ringing chime: 20–30 dB down
/// at once, a hole of a tenth of a second or more, 150–250 a minute through
/// tokens against a source with none.
///
/// So a landing must join: the frame before it in the corpus may lie at
/// most `joinDropDecibels` under the frame the walk just played, and the
/// quarter second before it within `joinQuarterDecibels` of the walk's last
/// quarter second, all as heard: at the gains the aim plays them at (a blend
/// of two intensity segments brings both to the level between them, so
/// their corpus levels, up to 14 dB apart in chimes at 0.5, are not what is
/// heard). Only when no allowed landing joins does the walk take one that
/// does not (`next`). A beat rules its own landings, and a recording's
/// model keeps its own choices (issue 20 found no holes there).
extension TokenModel {
    /// Largest fall (dB) from the frame the walk played to the frame a landing follows in the corpus.
    static let joinDropDecibels: Float = 10
    /// Largest difference (dB) between the walk's quarter-second level and the landing's.
    static let joinQuarterDecibels: Float = 6

    /// Whether landing on `q` would cut the walk's level down or across (see above).
    @inline(__always)
    func breaksJoin(_ q: Int) -> Bool {
        guard joinsByLevel, aimsAtRenderedIntensity, q > 0, step > 0 else { return false }
        let gain = aim.gainDecibels(model.frameScores[q - 1])
        if lastLevel - (model.frameLevels[q - 1] + gain) > Self.joinDropDecibels { return true }
        guard let quarter = heard.quarterMean else { return false }
        return abs(quarter - (contour.level[q - 1] + gain)) > Self.joinQuarterDecibels
    }
}
