/// Finds, for every corpus position, the places whose recent context sounds
/// like it: where the token model may jump and continue the corpus from.
///
/// Context distance between positions p and q is a weighted sum of codeword
/// distances over the last three frames (p, p−1, p−2 against q, q−1, q−2) plus
/// the distance between what would follow (p+1 against q+1), so a jump lands
/// where the sound was already going, plus how far apart p and q stand in
/// their level contours (`LevelContour`), so it lands where the slow rise or
/// fall was going too. Candidates are kept per intensity
/// bucket as well as overall, so every position can reach light and heavy
/// parts of the corpus and intensity conditioning always has a way there.
struct JumpTableBuilder {
    let codebook: Codebook
    let scoreRange: ClosedRange<Float>
    /// Each frame's level, dB: the contour jumps keep.
    let decibels: [Float]
    /// What one spread of contour mismatch costs, in units of the mean
    /// distance between two codewords.
    static let contourWeight: Float = 0.5
    /// Candidates closer than this to p (in frames) are useless: they replay what just played.
    let minimumSeparation = 24

    struct Table {
        var targets: [Int32]
        var distances: [Float]
        var scale: Float
    }

    func build() -> Table {
        let tokens = codebook.tokens.map(Int.init)
        let n = tokens.count
        let k = codebook.size
        var pair = [Float](repeating: 0, count: k * k)
        for a in 0..<k {
            for b in a..<k {
                let d = codebook.distance(a, b)
                pair[a * k + b] = d
                pair[b * k + a] = d
            }
        }
        let slots = AcousticModel.candidatesPerPosition
        let buckets = AcousticModel.scoreBuckets
        let perBucket = 4
        let overall = slots - buckets * perBucket
        let span = scoreRange.upperBound - scoreRange.lowerBound
        let contour = LevelContour(decibels: decibels)
        var pairTotal: Float = 0
        for d in pair { pairTotal += d }
        let contourCost = Self.contourWeight * pairTotal / Float(max(1, k * k))
        // The bucket a jump to q lands in: the score of the codeword at q + 1.
        let bucketOf: [Int] = (0..<n).map { q in
            guard q + 1 < n else { return 0 }
            let s = (codebook.scores[tokens[q + 1]] - scoreRange.lowerBound) / span
            return min(buckets - 1, max(0, Int(s * Float(buckets))))
        }
        var targets = [Int32](repeating: -1, count: n * slots)
        var distances = [Float](repeating: .infinity, count: n * slots)
        var bestDistances: [Float] = []
        let weights: [Float] = [1, 0.75, 0.5]
        let lookaheadWeight: Float = 0.5
        var bucketTargets = [Int32](repeating: -1, count: buckets * perBucket)
        var bucketDistances = [Float](repeating: .infinity, count: buckets * perBucket)
        var topTargets = [Int32](repeating: -1, count: overall)
        var topDistances = [Float](repeating: .infinity, count: overall)
        pair.withUnsafeBufferPointer { pair in
            tokens.withUnsafeBufferPointer { s in
                for p in 0..<n {
                    for i in 0..<bucketTargets.count { bucketTargets[i] = -1; bucketDistances[i] = .infinity }
                    for i in 0..<overall { topTargets[i] = -1; topDistances[i] = .infinity }
                    for q in 2..<(n - 1) where abs(q - p) >= minimumSeparation {
                        var d: Float = 0
                        for back in 0..<3 {
                            let a = s[max(0, p - back)], b = s[q - back]
                            d += weights[back] * pair[a * k + b]
                        }
                        if p + 1 < n { d += lookaheadWeight * pair[s[p + 1] * k + s[q + 1]] }
                        d += contourCost * contour.distance(p, q)
                        insert(Int32(q), d, into: &topTargets, &topDistances, range: 0..<overall)
                        let b = bucketOf[q]
                        insert(Int32(q), d, into: &bucketTargets, &bucketDistances, range: (b * perBucket)..<((b + 1) * perBucket))
                    }
                    for i in 0..<overall {
                        targets[p * slots + i] = topTargets[i]
                        distances[p * slots + i] = topDistances[i]
                    }
                    for i in 0..<bucketTargets.count {
                        // A bucket candidate already in the overall list would be sampled twice.
                        let q = bucketTargets[i]
                        guard q >= 0, !topTargets.contains(q) else { continue }
                        targets[p * slots + overall + i] = q
                        distances[p * slots + overall + i] = bucketDistances[i]
                    }
                    if topDistances[0].isFinite { bestDistances.append(topDistances[0]) }
                }
            }
        }
        bestDistances.sort()
        let median = bestDistances.isEmpty ? 1 : bestDistances[bestDistances.count / 2]
        return Table(targets: targets, distances: distances, scale: max(median * 2, 1e-3))
    }

    /// Keeps the `range` slice of `targets` sorted by distance, best first.
    @inline(__always)
    private func insert(
        _ q: Int32, _ d: Float, into targets: inout [Int32], _ distances: inout [Float], range: Range<Int>
    ) {
        guard d < distances[range.upperBound - 1] else { return }
        var i = range.upperBound - 1
        while i > range.lowerBound && distances[i - 1] > d {
            distances[i] = distances[i - 1]
            targets[i] = targets[i - 1]
            i -= 1
        }
        distances[i] = d
        targets[i] = q
    }
}
