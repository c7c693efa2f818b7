/// The token model's jump candidates: for each corpus position, up to
/// `AcousticModel.candidatesPerPosition` positions whose recent context
/// resembles it (−1 pads unused slots), with each one's context distance.
///
/// In memory after training; on disk once the model is cached, like the
/// corpus: the walk jumps a few times a second and reads just that
/// position's candidates, so the table (≈0.9 MB for a 72 s corpus) never
/// needs to be resident while a layer plays.
public struct JumpTable: Sendable, Equatable {
    private enum Storage: Sendable {
        case memory(targets: [Int32], distances: [Float])
        case file(ModelFileReader, targetsOffset: Int, distancesOffset: Int)
    }

    private let storage: Storage
    /// Corpus positions covered.
    public let positionCount: Int

    /// A table held in memory: `targets` and `distances` have
    /// `candidatesPerPosition` entries per position.
    public init(targets: [Int32], distances: [Float]) {
        precondition(targets.count == distances.count && targets.count % AcousticModel.candidatesPerPosition == 0)
        storage = .memory(targets: targets, distances: distances)
        positionCount = targets.count / AcousticModel.candidatesPerPosition
    }

    /// A table of `positionCount` positions whose targets (Int32) and
    /// distances (Float) stay in `file` at the given byte offsets.
    init(file: ModelFileReader, positionCount: Int, targetsOffset: Int, distancesOffset: Int) {
        storage = .file(file, targetsOffset: targetsOffset, distancesOffset: distancesOffset)
        self.positionCount = positionCount
    }

    /// Every position's candidates, in order. Reads a file-backed table
    /// whole: for saving and tests, never while playing.
    public var targets: [Int32] {
        switch storage {
        case .memory(let targets, _): return targets
        case .file(let file, let offset, _): return Self.readAll(Int32.self, file, offset, positionCount)
        }
    }

    /// The context distance of each entry of `targets`.
    public var distances: [Float] {
        switch storage {
        case .memory(_, let distances): return distances
        case .file(let file, _, let offset): return Self.readAll(Float.self, file, offset, positionCount)
        }
    }

    /// Copies `position`'s `candidatesPerPosition` targets and distances into
    /// the caller's buffers. Never allocates; a file-backed table reads them
    /// with two `pread`s (a generation worker's work, never the audio thread's).
    /// A target may be −1 (no candidate); callers check the range of the rest.
    @inline(__always)
    func candidates(
        at position: Int, targets: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Float>
    ) {
        let slots = AcousticModel.candidatesPerPosition
        let start = position * slots
        switch storage {
        case .memory(let allTargets, let allDistances):
            allTargets.withUnsafeBufferPointer { targets.update(from: $0.baseAddress! + start, count: slots) }
            allDistances.withUnsafeBufferPointer { distances.update(from: $0.baseAddress! + start, count: slots) }
        case .file(let file, let targetsOffset, let distancesOffset):
            file.read(at: targetsOffset + start * 4, byteCount: slots * 4, into: targets)
            file.read(at: distancesOffset + start * 4, byteCount: slots * 4, into: distances)
        }
    }

    public static func == (a: JumpTable, b: JumpTable) -> Bool {
        a.positionCount == b.positionCount && a.targets == b.targets && a.distances == b.distances
    }

    private static func readAll<T>(_ type: T.Type, _ file: ModelFileReader, _ offset: Int, _ positions: Int) -> [T] {
        let count = positions * AcousticModel.candidatesPerPosition
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            file.read(at: offset, byteCount: count * MemoryLayout<T>.stride, into: buffer.baseAddress!)
            initialized = count
        }
    }
}
