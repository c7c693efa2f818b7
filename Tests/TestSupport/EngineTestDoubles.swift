import AudioEngine
import DSP
import SoundLibrary
import Synchronization


#if canImport(Glibc)
    import Glibc
#endif

/// A sink that keeps what the mixer wrote, so tests can look at the output
/// sample by sample. Optionally fails after some periods, like a lost device,
/// and optionally sleeps per period so a live audio thread does not race.
package final class RecordingSink: Sink, @unchecked Sendable {
    package let name = "recording"
    package let periodFrames: Int
    package let latencyMilliseconds: Double = 0
    package let xrunCount = 0
    private let recorded = Mutex<[Float]>([])
    private let writes = Atomic<Int>(0)
    private let closes = Atomic<Int>(0)
    private let failAfterWrites: Int?
    private let pacingMicroseconds: UInt32
    private let keepFrames: Int

    package init(periodFrames: Int = 480, failAfterWrites: Int? = nil, pacingMicroseconds: UInt32 = 0, keepFrames: Int = .max) {
        self.periodFrames = periodFrames
        self.failAfterWrites = failAfterWrites
        self.pacingMicroseconds = pacingMicroseconds
        self.keepFrames = keepFrames
    }

    package func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        let count = writes.wrappingAdd(1, ordering: .relaxed).newValue
        if let failAfterWrites, count > failAfterWrites {
            throw SinkError.deviceLost(device: name, reason: "unplugged by the test")
        }
        recorded.withLock { samples in
            if samples.count / 2 < keepFrames {
                samples.append(contentsOf: UnsafeBufferPointer(start: frames, count: frameCount * 2))
            }
        }
        if pacingMicroseconds > 0 { usleep(pacingMicroseconds) }
    }

    package func close() { closes.wrappingAdd(1, ordering: .relaxed) }

    package var samples: [Float] { recorded.withLock { $0 } }
    package var frameCount: Int { recorded.withLock { $0.count / 2 } }
    package var closeCount: Int { closes.load(ordering: .relaxed) }
}

/// A source playing a constant level on each channel: with DC input the
/// output is the gain itself, so gain ramps and fades can be read directly.
package final class ConstantSource: LayerSource, @unchecked Sendable {
    package let left: Float, right: Float
    /// Blocks rendered before the source hangs (a stalled generator); nil never hangs.
    package let hangAfterBlocks: Int?
    package let released = Atomic<Bool>(false)
    package let lastIntensity = Atomic<UInt32>(0)
    private var blocks = 0

    package init(left: Float, right: Float, hangAfterBlocks: Int? = nil) {
        self.left = left
        self.right = right
        self.hangAfterBlocks = hangAfterBlocks
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        lastIntensity.store(intensity.bitPattern, ordering: .relaxed)
        blocks += 1
        if let hangAfterBlocks, blocks > hangAfterBlocks {
            while !released.load(ordering: .acquiring) { usleep(1_000) }
        }
        for i in 0..<frameCount {
            output[2 * i] = left
            output[2 * i + 1] = right
        }
    }
}

/// Makes `ConstantSource`s named in a table, and falls back to the built-in
/// sounds for everything else. Remembers what it made.
package final class TestProvider: SoundProvider, @unchecked Sendable {
    private let table: [String: @Sendable () -> LayerSource]
    private struct Made: @unchecked Sendable { var sources: [String: [LayerSource]] = [:] }
    private let made = Mutex(Made())

    package init(_ table: [String: @Sendable () -> LayerSource]) { self.table = table }

    package func makeSource(for layer: MixLayer, seed: UInt64) throws -> LayerSource {
        let source = try table[layer.sound].map { $0() } ?? SynthesizerProvider().makeSource(for: layer, seed: seed)
        let box = Made(sources: [layer.sound: [source]])
        made.withLock { $0.sources[layer.sound, default: []] += box.sources[layer.sound]! }
        return source
    }

    package func sources(named name: String) -> [LayerSource] {
        made.withLock { Made(sources: $0.sources) }.sources[name] ?? []
    }
}

/// Frames in `seconds` of audio.
package func frames(_ seconds: Double) -> Int { Int(seconds * Double(AudioFormat.sampleRate)) }

/// The largest difference between consecutive samples of one channel in `samples[range of frames]`.
package func largestStep(_ samples: [Float], channel: Int, frames: Range<Int>) -> Float {
    var largest: Float = 0
    for frame in frames.dropFirst() {
        largest = max(largest, abs(samples[2 * frame + channel] - samples[2 * (frame - 1) + channel]))
    }
    return largest
}
