import Foundation

/// A steady narrow spectral line: a tone held more than 2 s at more than 12 dB
/// above its spectral neighbours.
///
/// Real rain, streams, wind and crowds are noise-like and have none; a synthesizer
/// that leaves an oscillator or a ringing filter running does, and the ear hears
/// it as a whistle or a hum that no real place makes. Crickets and some machines
/// do hold real lines, so tests allow one only where the real recordings have it.
public struct NarrowLine: Sendable, Equatable, CustomStringConvertible {
    /// Where the line sits, in Hz (to the analysis's bin width, 5.9 Hz).
    public var frequencyHertz: Double
    /// How long it was held without a break, in seconds.
    public var heldSeconds: Double
    /// Its largest height above the median of its neighbours, in dB.
    public var prominenceDecibels: Double

    public init(frequencyHertz: Double, heldSeconds: Double, prominenceDecibels: Double) {
        self.frequencyHertz = frequencyHertz
        self.heldSeconds = heldSeconds
        self.prominenceDecibels = prominenceDecibels
    }

    public var description: String {
        let frequency =
            frequencyHertz >= 1000
            ? String(format: "%.2f kHz", frequencyHertz / 1000) : String(format: "%.0f Hz", frequencyHertz)
        return "\(frequency) held \(String(format: "%.1f", heldSeconds)) s, +\(String(format: "%.0f", prominenceDecibels)) dB"
    }
}

/// Finds steady narrow lines in a sequence of short-term power spectra.
///
/// The spectra (Hann frames of 8192 samples, 5.9 Hz bins, hop 4096) are averaged
/// in blocks of six (0.51 s), which leaves noise within about ±2 dB of its mean
/// while a held tone keeps all its height. In each block a bin is a line when it
/// is a local maximum more than 12 dB above its neighbours on both sides: above the
/// median of the bins from a third of an octave below it and above the median of
/// those up to a third of an octave above it (at least 12 bins each way), its own
/// ±4 bins left out (a Hann-windowed tone spreads over those). A line is held
/// while some block-line stays within ±2 bins of it in consecutive blocks (one
/// missing block is bridged); lines held longer than 2 s are reported.
struct NarrowLineDetector {
    static let framesPerBlock = 6
    static let lowestHertz = 100.0
    static let highestHertz = 12_000.0
    static let thresholdDecibels = 12.0
    static let minimumHeldSeconds = 2.0

    let binHertz: Double
    let blockSeconds: Double
    private var blockPower: [Double]
    private var framesInBlock = 0
    private var blockIndex = 0
    /// Lines still being followed: the bin they were last at, the blocks they span, their height.
    private var open: [(bin: Int, firstBlock: Int, lastBlock: Int, prominence: Double)] = []
    private(set) var found: [NarrowLine] = []

    init(binCount: Int, binHertz: Double, hopSeconds: Double) {
        self.binHertz = binHertz
        blockSeconds = hopSeconds * Double(Self.framesPerBlock)
        blockPower = [Double](repeating: 0, count: binCount)
    }

    /// Adds one frame's power spectrum.
    mutating func add(_ power: UnsafePointer<Double>) {
        for bin in blockPower.indices { blockPower[bin] += power[bin] }
        framesInBlock += 1
        if framesInBlock == Self.framesPerBlock {
            closeBlock()
            for bin in blockPower.indices { blockPower[bin] = 0 }
            framesInBlock = 0
        }
    }

    /// Ends the analysis: lines still open are closed and reported.
    mutating func finish() -> [NarrowLine] {
        for line in open { report(line) }
        open.removeAll()
        return found.sorted { $0.heldSeconds > $1.heldSeconds }
    }

    private mutating func closeBlock() {
        let peaks = linesInBlock()
        var continued = Set<Int>()
        var next: [(bin: Int, firstBlock: Int, lastBlock: Int, prominence: Double)] = []
        for (bin, prominence) in peaks {
            if let index = open.indices.first(where: { !continued.contains($0) && abs(open[$0].bin - bin) <= 2 }) {
                continued.insert(index)
                var line = open[index]
                line.bin = bin
                line.lastBlock = blockIndex
                line.prominence = max(line.prominence, prominence)
                next.append(line)
            } else {
                next.append((bin, blockIndex, blockIndex, prominence))
            }
        }
        for (index, line) in open.enumerated() where !continued.contains(index) {
            if blockIndex - line.lastBlock <= 1 {
                next.append(line)  // bridge one missing block
            } else {
                report(line)
            }
        }
        open = next
        blockIndex += 1
    }

    private mutating func report(_ line: (bin: Int, firstBlock: Int, lastBlock: Int, prominence: Double)) {
        let held = Double(line.lastBlock - line.firstBlock + 1) * blockSeconds
        guard held > Self.minimumHeldSeconds else { return }
        found.append(
            NarrowLine(
                frequencyHertz: Double(line.bin) * binHertz, heldSeconds: held, prominenceDecibels: line.prominence))
    }

    /// The bins of this block that stand out as lines, with their prominence in dB.
    private func linesInBlock() -> [(Int, Double)] {
        let first = Int(Self.lowestHertz / binHertz)
        let last = min(Int(Self.highestHertz / binHertz), blockPower.count - 2)
        let factor = pow(10, Self.thresholdDecibels / 10)
        var lines: [(Int, Double)] = []
        var neighbours: [Double] = []
        neighbours.reserveCapacity(80)
        var bin = first
        while bin <= last {
            let power = blockPower[bin]
            guard power > 0, power >= blockPower[bin - 1], power >= blockPower[bin + 1] else {
                bin += 1
                continue
            }
            let below = max(min(Int(Double(bin) / 1.26), bin - 12), 0)
            let above = min(max(Int(Double(bin) * 1.26), bin + 12), blockPower.count - 1)
            // The median of each side, the larger one the reference: at a steep slope or a
            // codec's low-pass edge one side falls away, and that is no line. At most ~32
            // neighbours a side, evenly spaced: the median of a sample is as good and far cheaper.
            let median = max(
                sideMedian(from: below, to: bin - 5, into: &neighbours),
                sideMedian(from: bin + 5, to: above, into: &neighbours))
            guard median > 0 else {
                bin += 1
                continue
            }
            if power > factor * median {
                lines.append((bin, 10 * log10(power / median)))
                bin += 5
            } else {
                bin += 1
            }
        }
        return lines
    }

    /// Median power of the bins `low...high` (a sample of at most ~32 of them); 0 when fewer than 4.
    private func sideMedian(from low: Int, to high: Int, into scratch: inout [Double]) -> Double {
        guard high - low >= 3 else { return 0 }
        let step = max((high - low) / 32, 1)
        scratch.removeAll(keepingCapacity: true)
        var k = low
        while k <= high {
            scratch.append(blockPower[k])
            k += step
        }
        scratch.sort()
        return scratch[scratch.count / 2]
    }
}
