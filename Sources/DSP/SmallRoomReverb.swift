/// A cheap stereo room for the indoor sounds: four damped comb filters into two
/// allpasses per channel (Schroeder/Freeverb topology), mono in, stereo out.
///
/// Indoor sounds are heard through the room they are in — a tick without its
/// wall reflections sounds like a test tone — but a laptop must run many of
/// them, so this is the smallest room that does not ring: a few hundred
/// operations per sample, buffers allocated once in `init`.
package final class SmallRoomReverb {
    private static let combLengths = [1116, 1188, 1277, 1356]
    private static let allpassLengths = [556, 441]
    /// Extra delay on the right channel so the two sides decorrelate.
    private static let stereoSpread = 23

    private let storage: UnsafeMutablePointer<Float>
    private let storageCount: Int
    private var lines: [DelayLine] = []
    private var combFilterStates = [Float](repeating: 0, count: 8)
    private let feedback: Float
    private let damping: Float

    private struct DelayLine {
        var base: Int
        var length: Int
        var index: Int = 0
    }

    /// A room whose size scales the delay lengths (0.3 = a small study, 1 ≈ a
    /// large reading room, up to 1.6); `decay` (0…1) is the comb feedback and
    /// `damping` (0…1) how fast the highs die in the tail.
    package init(size: Float, decay: Float, damping: Float) {
        let scale = min(max(size, 0.2), 1.6)
        var lengths: [Int] = []
        for channel in 0..<2 {
            let extra = channel == 0 ? 0 : Self.stereoSpread
            for length in Self.combLengths { lengths.append(Int(Float(length + extra) * scale)) }
            for length in Self.allpassLengths { lengths.append(Int(Float(length + extra) * scale)) }
        }
        storageCount = lengths.reduce(0, +)
        storage = .allocate(capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        var base = 0
        for length in lengths {
            lines.append(DelayLine(base: base, length: max(length, 1)))
            base += length
        }
        feedback = 0.7 + 0.28 * min(max(decay, 0), 1)
        self.damping = min(max(damping, 0), 0.95)
    }

    deinit { storage.deallocate() }

    /// Feeds one mono sample and returns the wet left and right samples.
    @inline(__always)
    package func process(_ input: Float) -> (left: Float, right: Float) {
        let scaled = input * 0.12
        return (channel(0, scaled), channel(1, scaled))
    }

    @inline(__always)
    private func channel(_ channel: Int, _ input: Float) -> Float {
        let first = channel * 6
        var sum: Float = 0
        for comb in 0..<4 {
            let lineIndex = first + comb
            let line = lines[lineIndex]
            let position = line.base + line.index
            let delayed = storage[position]
            // One-pole low-pass inside the loop: highs decay faster, as in a real room.
            let state = delayed * (1 - damping) + combFilterStates[channel * 4 + comb] * damping
            combFilterStates[channel * 4 + comb] = state
            storage[position] = input + state * feedback
            lines[lineIndex].index = line.index + 1 == line.length ? 0 : line.index + 1
            sum += delayed
        }
        for allpass in 0..<2 {
            let lineIndex = first + 4 + allpass
            let line = lines[lineIndex]
            let position = line.base + line.index
            let delayed = storage[position]
            let output = delayed - sum
            storage[position] = sum + delayed * 0.5
            lines[lineIndex].index = line.index + 1 == line.length ? 0 : line.index + 1
            sum = output
        }
        return sum
    }
}
