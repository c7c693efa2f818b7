/// The token model's jump candidates: for each corpus position, up to
/// `AcousticModel.candidatesPerPosition` positions whose recent context
/// resembles it (−1 pads unused slots), with each one's context distance.
///
/// In memory after training; on disk once the model is cached, like the
/// corpus: the walk jumps a few times a second and reads just that
/// position's candidates, so the table (≈0.9 MB for a 72 s corpus) never
/// needs to be resident while a layer plays.
public struct JumpTable: Sendable, Equatable {
    private let storedTargets: StoredArray<Int32>
    private let storedDistances: StoredArray<Float>
    /// Corpus positions covered.
    public var positionCount: Int { storedTargets.count / AcousticModel.candidatesPerPosition }

    /// A table held in memory: `targets` and `distances` have
    /// `candidatesPerPosition` entries per position.
    public init(targets: [Int32], distances: [Float]) {
        precondition(targets.count == distances.count && targets.count % AcousticModel.candidatesPerPosition == 0)
        storedTargets = StoredArray(targets)
        storedDistances = StoredArray(distances)
    }

    /// A table of `positionCount` positions whose targets (Int32) and
    /// distances (Float) stay in `file` at the given byte offsets.
    init(file: ModelFileReader, positionCount: Int, targetsOffset: Int, distancesOffset: Int) {
        let count = positionCount * AcousticModel.candidatesPerPosition
        storedTargets = StoredArray(file: file, byteOffset: targetsOffset, count: count)
        storedDistances = StoredArray(file: file, byteOffset: distancesOffset, count: count)
    }

    /// Every position's candidates, in order. Reads a file-backed table
    /// whole: for saving and tests, never while playing.
    public var targets: [Int32] { storedTargets.elements }

    /// The context distance of each entry of `targets`.
    public var distances: [Float] { storedDistances.elements }

    /// Copies `position`'s `candidatesPerPosition` targets and distances into
    /// the caller's buffers. Never allocates; a file-backed table reads them
    /// with two `pread`s (a generation worker's work, never the audio thread's).
    /// A target may be −1 (no candidate); callers check the range of the rest.
    @inline(__always)
    func candidates(
        at position: Int, targets: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Float>
    ) {
        let slots = AcousticModel.candidatesPerPosition
        storedTargets.copy(from: position * slots, count: slots, into: targets)
        storedDistances.copy(from: position * slots, count: slots, into: distances)
    }
}
