/// The level contour of what the walk has played (`LevelContour`'s three
/// components over the emitted frames), kept in O(1) per step so landings
/// can be chosen by how well they carry the walk's own slow rise and fall
/// on, not only the last three frames. Never allocates after init.
struct WalkContour {
    private var ring: [Float]
    private var next = 0
    private var filled = 0
    private var quarterSum: Float = 0
    private var secondSum: Float = 0
    private var fourSum: Float = 0

    static let quarterFrames = 12
    static let secondFrames = 47
    static let fourFrames = 188

    init() { ring = [Float](repeating: 0, count: Self.fourFrames) }

    /// Adds the level (dB) of the frame just played.
    mutating func append(_ decibels: Float) {
        let x = max(decibels, -100)
        let size = Self.fourFrames
        // Values leaving each window: those `window` frames back.
        if filled >= Self.quarterFrames { quarterSum -= ring[(next + size - Self.quarterFrames) % size] }
        if filled >= Self.secondFrames { secondSum -= ring[(next + size - Self.secondFrames) % size] }
        if filled >= Self.fourFrames { fourSum -= ring[next] }
        ring[next] = x
        quarterSum += x
        secondSum += x
        fourSum += x
        next = (next + 1) % size
        filled += 1
        // Float sums drift: recompute them now and then.
        if filled % 4096 == 0 { recompute() }
    }

    private mutating func recompute() {
        let size = Self.fourFrames
        var q: Float = 0, s: Float = 0, f: Float = 0
        for back in 1...size {
            let v = ring[(next + size - back) % size]
            if back <= Self.quarterFrames { q += v }
            if back <= Self.secondFrames { s += v }
            f += v
        }
        quarterSum = q
        secondSum = s
        fourSum = f
    }

    /// The mean level of the last quarter second; nil until a quarter second was played.
    var quarterMean: Float? { filled >= Self.quarterFrames ? quarterSum / Float(Self.quarterFrames) : nil }

    /// How far the walk's contour stands from corpus position `q`'s, in
    /// squared spreads (as `LevelContour.distance`); 0 until a second was played.
    @inline(__always)
    func distance(to q: Int, in contour: LevelContour) -> Float {
        guard filled >= Self.secondFrames else { return 0 }
        let quarter = quarterSum / Float(Self.quarterFrames)
        let second = secondSum / Float(Self.secondFrames)
        let four = fourSum / Float(min(filled, Self.fourFrames))
        let a = (quarter - contour.level[q]) / contour.levelSpread
        let b = (quarter - second - contour.rise[q]) / contour.riseSpread
        let c = (second - four - contour.swell[q]) / contour.swellSpread
        return a * a + b * b + c * c
    }
}
