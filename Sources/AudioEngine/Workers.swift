import DSP
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The generation workers: one or two threads that keep every layer's ring
/// about 0.4 s ahead of the mixer, always topping up the emptiest ring first,
/// in blocks of 1024 frames (≈21 ms, the codec's hop).
///
/// Why 0.4 s: deep enough that a worker delayed by a busy machine (a build
/// on both cores) does not let a ring run dry, shallow enough that an
/// intensity change — which reaches the audio one ring depth later — still
/// feels immediate.
///
/// Workers own the slots' sources. Two workers never render the same slot at
/// once (a slot being rendered is marked busy under the table's lock), so
/// each ring keeps exactly one producer. The lock is never taken by the audio
/// thread. Workers also finish the life of a retired slot: they drop its
/// source and empty its ring, then mark it free for the next `apply`.
final class Workers: @unchecked Sendable {
    /// Frames rendered per `LayerSource.render` call.
    static let blockFrames = 1024
    /// How far ahead each ring is kept.
    static let targetFillSeconds = 0.4

    /// Samples (not frames) a ring holds when full enough: 0.4 s, or two
    /// periods of a sink with unusually long periods, so one `mix` never
    /// asks for more than a full ring holds.
    static func targetFillSamples(periodFrames: Int) -> Int {
        max(Int(targetFillSeconds * Double(AudioFormat.sampleRate)), 2 * periodFrames) * AudioFormat.channelCount
    }

    /// Ring capacity for a target fill: the target plus one block, rounded up to a power of two by the ring.
    static func ringCapacitySamples(targetFillSamples: Int) -> Int {
        targetFillSamples + blockFrames * AudioFormat.channelCount
    }
    /// How long a worker sleeps once every ring is topped up. Rings then
    /// drain to ≈0.35 s before the next round, which keeps them inside
    /// 0.3–0.5 s while waking each worker only 20 times a second.
    static let idleMicroseconds: UInt32 = 50_000

    /// A source and whether a worker is rendering it. A source is used by one
    /// worker at a time (the busy flag), which is what makes the box Sendable.
    private struct Entry: @unchecked Sendable {
        var source: LayerSource?
        var isBusy = false
    }

    private let shared: SharedControls
    private let table: Mutex<[Entry]>
    private let isRunning = Atomic<Bool>(false)
    private var threads: [EngineThread] = []
    /// Thread CPU time all workers spent generating, in nanoseconds.
    let cpuNanoseconds = Atomic<Int>(0)

    /// Samples each ring is topped up to.
    let targetFillSamples: Int

    init(shared: SharedControls, targetFillSamples: Int) {
        self.shared = shared
        self.targetFillSamples = targetFillSamples
        table = Mutex([Entry](repeating: Entry(), count: shared.slotCount))
    }

    /// Hands `source` to the workers for `slot`, which must be free.
    func setSource(_ source: LayerSource, forSlot slot: Int) {
        let entry = Entry(source: source)
        table.withLock { $0[slot] = entry }
    }

    /// Drops the sources of retired slots no worker is rendering, empties
    /// their rings and frees them.
    func recycleRetiredSlots() {
        let released: [LayerSource] = table.withLock { entries in
            var released: [LayerSource] = []
            for slot in 0..<shared.slotCount
            where !entries[slot].isBusy && shared.layers[slot].loadState() == .retired {
                if let source = entries[slot].source { released.append(source) }
                entries[slot].source = nil
                shared.rings[slot].reset()
                shared.layers[slot].transition(from: .retired, to: .free)
            }
            return released
        }
        _ = released  // sources are freed here, outside the lock
    }

    /// Renders one block for the emptiest ring below its target. Returns false
    /// when every ring is full enough (or no layer plays).
    func fillOneBlock(scratch: UnsafeMutablePointer<Float>) -> Bool {
        let picked: (slot: Int, source: LayerSource)? = table.withLock { entries in
            var best: (slot: Int, fill: Int)?
            for slot in 0..<shared.slotCount
            where !entries[slot].isBusy && entries[slot].source?.isReadyToRender == true {
                let state = shared.layers[slot].loadState()
                guard state == .priming || state == .playing || state == .fadingOut else { continue }
                let fill = shared.rings[slot].availableToRead
                if fill < targetFillSamples && fill < (best?.fill ?? .max) { best = (slot, fill) }
            }
            guard let best, let source = entries[best.slot].source else { return nil }
            entries[best.slot].isBusy = true
            return (best.slot, source)
        }
        guard let picked else { return false }
        let slot = picked.slot
        let intensity = shared.layers[slot].intensity.load()
        picked.source.render(into: scratch, frameCount: Self.blockFrames, intensity: intensity)
        let ring = shared.rings[slot]
        ring.write(from: scratch, count: Self.blockFrames * AudioFormat.channelCount)
        if ring.availableToRead >= targetFillSamples {
            shared.layers[slot].transition(from: .priming, to: .playing)
        }
        table.withLock { $0[slot].isBusy = false }
        return true
    }

    /// Offline mode: tops up every ring on the caller's thread, recycling retired slots first.
    func fillSynchronously(scratch: UnsafeMutablePointer<Float>) {
        let start = MonotonicClock.threadCPUNanoseconds()
        recycleRetiredSlots()
        while fillOneBlock(scratch: scratch) {}
        cpuNanoseconds.wrappingAdd(MonotonicClock.threadCPUNanoseconds() - start, ordering: .relaxed)
    }

    /// Starts `count` worker threads.
    func start(count: Int) {
        isRunning.store(true, ordering: .releasing)
        for index in 0..<max(1, count) {
            threads.append(EngineThread(name: "soundscape-gen\(index)") { [self] in run() })
        }
    }

    /// Stops the worker threads and waits for them.
    func stop() {
        isRunning.store(false, ordering: .releasing)
        for thread in threads { thread.join() }
    }

    private func run() {
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Self.blockFrames * AudioFormat.channelCount)
        defer { scratch.deallocate() }
        while isRunning.load(ordering: .acquiring) {
            let start = MonotonicClock.threadCPUNanoseconds()
            recycleRetiredSlots()
            while isRunning.load(ordering: .relaxed) && fillOneBlock(scratch: scratch) {}
            cpuNanoseconds.wrappingAdd(MonotonicClock.threadCPUNanoseconds() - start, ordering: .relaxed)
            // A layer whose source is still being made starts the moment it is ready: look more often.
            usleep(isWaitingForASource() ? Self.readinessPollMicroseconds : Self.idleMicroseconds)
        }
    }

    /// How often a worker looks for a source that has become ready.
    static let readinessPollMicroseconds: UInt32 = 5_000

    /// Whether some layer waits for its source (`LayerSource.isReadyToRender`).
    private func isWaitingForASource() -> Bool {
        table.withLock { entries in
            entries.contains { entry in entry.source.map { !$0.isReadyToRender } ?? false }
        }
    }

}
