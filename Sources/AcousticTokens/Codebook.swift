import DSP
/// The codec's vocabulary: k-means centroids in feature space, the token of
/// every corpus frame, the member frames (grains) of every codeword, and a
/// loudness/density score per codeword that intensity conditioning aims at.
public struct Codebook: Sendable, Equatable {
    /// Codewords.
    public let size: Int
    /// `size × Features.dimension` centroid values.
    public let centroids: [Float]
    /// The token of each corpus frame.
    public let tokens: [UInt16]
    /// Corpus frames belonging to each codeword.
    public let members: [[Int32]]
    /// Mean loudness/density score of each codeword's members (see `AcousticModel`).
    public let scores: [Float]
    /// Codewords whose members are steady noise (flat spectrum, no transient):
    /// the decoder resynthesises these with random phase.
    public let isNoiseLike: [Bool]

    /// Codebook size for a corpus of `frameCount` frames: about eight frames
    /// per codeword, so each codeword has several grains to choose from,
    /// within 128…512 (≈ 20 s … 90 s of audio spans the range).
    public static func size(forFrameCount frameCount: Int) -> Int {
        min(512, max(128, frameCount / 8), max(1, frameCount))
    }

    public init(
        size: Int, centroids: [Float], tokens: [UInt16], members: [[Int32]], scores: [Float], isNoiseLike: [Bool]
    ) {
        self.size = size
        self.centroids = centroids
        self.tokens = tokens
        self.members = members
        self.scores = scores
        self.isNoiseLike = isNoiseLike
    }

    /// Trains by k-means (k-means++ seeding, then Lloyd iterations) on
    /// `features`. `frameScores` gives each frame's loudness/density score;
    /// the seed makes training deterministic, so a corpus always gives the
    /// same model.
    public static func train(features: Features, frameScores: [Float], iterations: Int = 8, seed: UInt64 = 1) -> Codebook {
        let n = features.frameCount
        let d = Features.dimension
        let k = size(forFrameCount: n)
        var random = Random(seed: seed)
        var centroids = [Float](repeating: 0, count: k * d)
        var assignment = [Int](repeating: 0, count: n)
        features.vectors.withUnsafeBufferPointer { x in
            centroids.withUnsafeMutableBufferPointer { c in
                seedCentroids(x, n: n, d: d, k: k, into: c, random: &random)
                var sums = [Float](repeating: 0, count: k * d)
                var counts = [Int](repeating: 0, count: k)
                for iteration in 0...iterations {
                    var changed = 0
                    for i in 0..<n {
                        let best = nearest(x.baseAddress! + i * d, centroids: c, k: k, d: d)
                        if best != assignment[i] || iteration == 0 { changed += 1 }
                        assignment[i] = best
                    }
                    if iteration == iterations || changed == 0 { break }
                    for j in 0..<(k * d) { sums[j] = 0 }
                    for j in 0..<k { counts[j] = 0 }
                    for i in 0..<n {
                        let a = assignment[i]
                        counts[a] += 1
                        for j in 0..<d { sums[a * d + j] += x[i * d + j] }
                    }
                    for a in 0..<k where counts[a] > 0 {
                        for j in 0..<d { c[a * d + j] = sums[a * d + j] / Float(counts[a]) }
                    }
                    // An empty cluster keeps its centroid; it simply has no members.
                }
            }
        }
        var members = [[Int32]](repeating: [], count: k)
        for i in 0..<n { members[assignment[i]].append(Int32(i)) }
        var scores = [Float](repeating: 0, count: k)
        var noiseLike = [Bool](repeating: false, count: k)
        for a in 0..<k where !members[a].isEmpty {
            var score: Float = 0, flat: Float = 0, transient: Float = 0
            for m in members[a] {
                score += frameScores[Int(m)]
                flat += features.flatness[Int(m)]
                transient += features.transient[Int(m)]
            }
            let count = Float(members[a].count)
            scores[a] = score / count
            noiseLike[a] = flat / count > noiseFlatness && transient / count < noiseTransient
        }
        // Empty codewords take the mean score so they never attract intensity.
        let used = (0..<k).filter { !members[$0].isEmpty }
        let meanScore = used.map { scores[$0] }.reduce(0, +) / Float(max(1, used.count))
        for a in 0..<k where members[a].isEmpty { scores[a] = meanScore }
        return Codebook(
            size: k, centroids: centroids, tokens: assignment.map { UInt16($0) }, members: members, scores: scores,
            isNoiseLike: noiseLike)
    }

    /// Mean spectral flatness above which a codeword counts as noise.
    static let noiseFlatness: Float = 0.5
    /// Mean transient measure below which a codeword counts as steady.
    static let noiseTransient: Float = 0.45

    /// Squared distance between two codewords' centroids.
    func distance(_ a: Int, _ b: Int) -> Float {
        let d = Features.dimension
        var sum: Float = 0
        for j in 0..<d {
            let diff = centroids[a * d + j] - centroids[b * d + j]
            sum += diff * diff
        }
        return sum
    }

    /// k-means++: each next centroid is a frame drawn with probability
    /// proportional to its squared distance from the nearest chosen one.
    private static func seedCentroids(
        _ x: UnsafeBufferPointer<Float>, n: Int, d: Int, k: Int, into c: UnsafeMutableBufferPointer<Float>,
        random: inout Random
    ) {
        var nearestDistance = [Float](repeating: .greatestFiniteMagnitude, count: n)
        var chosen = random.below(n)
        for a in 0..<k {
            for j in 0..<d { c[a * d + j] = x[chosen * d + j] }
            var total: Double = 0
            for i in 0..<n {
                var sum: Float = 0
                for j in 0..<d {
                    let diff = x[i * d + j] - c[a * d + j]
                    sum += diff * diff
                }
                nearestDistance[i] = min(nearestDistance[i], sum)
                total += Double(nearestDistance[i])
            }
            guard total > 0 else {
                // Fewer distinct frames than codewords: the rest copy frame 0 and stay empty.
                for b in (a + 1)..<k where b < k { for j in 0..<d { c[b * d + j] = c[j] } }
                return
            }
            var target = Double(random.unit()) * total
            chosen = n - 1
            for i in 0..<n {
                target -= Double(nearestDistance[i])
                if target <= 0 {
                    chosen = i
                    break
                }
            }
        }
    }

    @inline(__always)
    private static func nearest(_ v: UnsafePointer<Float>, centroids c: UnsafeMutableBufferPointer<Float>, k: Int, d: Int)
        -> Int
    {
        var best = 0
        var bestDistance = Float.greatestFiniteMagnitude
        for a in 0..<k {
            var sum: Float = 0
            for j in 0..<d {
                let diff = v[j] - c[a * d + j]
                sum += diff * diff
            }
            if sum < bestDistance {
                bestDistance = sum
                best = a
            }
        }
        return best
    }
}
