import DSP
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The generation workers: one or two threads that keep every layer's ring
/// seconds ahead of the mixer, always topping up the emptiest ring first, in
/// blocks of 1024 frames (≈21 ms, the codec's hop).
///
/// Why a lead of seconds: a worker delayed by a busy machine (two CPU-bound
/// programs on two cores) must not let a ring run dry, and memory is cheap
/// (2.4 s of stereo fits a 1 MiB ring a layer). Controls stay fast all the same: weight,
/// mute and solo act in the mixer, after the ring, and an intensity change
/// makes the worker *jump* (LayerRing+Jump.swift): it goes on rendering the
/// layer at the new intensity behind the stale audio, and the mixer crossfades
/// into that fresh take within a period and skips the stale seconds. So a
/// change is heard within a block and a fade (≈10–30 ms) plus the device's
/// buffer, whatever the lead. The fresh take continues the same generator, so
/// no source needs to snapshot or rewind its state; the cost is that the
/// skipped seconds are never heard (for textures nothing is lost; for sounds
/// with events — a thunder roll, a bird's song — an event generated into the
/// skipped part is dropped, and one sounding at the jump fades out over the
/// 10 ms crossfade). Only a change someone asked to hear at once jumps
/// (`LayerControls.jumpRequests`): evolve's slow drift comes in behind the
/// lead instead, since a jump every 0.02 of drift dropped the thunder rolls and
/// bird songs rendered into the skipped lead. Changes smaller than
/// `jumpThreshold` do not jump either: they are below what a listener hears.
///
/// Workers sleep on a signal, not a timer: after a round (every ring topped
/// up to its lead) they wait until the mixer has played `refillSeconds` and
/// wakes them (`SharedControls.workerWake`), or a control does (`wake()`: a
/// new layer, an intensity change, a resume, a stop). While paused or while
/// nothing plays, nothing wakes them: they cost nothing.
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
    static let targetFillSeconds = 2.4
    /// A new layer starts playing once its ring holds this much; the rest of the lead follows.
    static let primeSeconds = 0.25
    /// After a round, workers sleep until the mixer has played this much (it wakes them).
    static let refillSeconds = 0.5
    /// The mixer's crossfade into a fresh take after an intensity change.
    static let jumpFadeFrames = 480
    /// Intensity changes at least this large re-render the ring's lead (a jump).
    static let jumpThreshold: Float = 0.02

    /// Samples (not frames) a ring holds when full enough: the lead, or two
    /// periods of a sink with unusually long periods, so one `mix` never
    /// asks for more than a full ring holds.
    static func targetFillSamples(periodFrames: Int) -> Int {
        max(Int(targetFillSeconds * Double(AudioFormat.sampleRate)), 2 * periodFrames) * AudioFormat.channelCount
    }

    /// How much of a fresh take workers render, before anything else, while the mixer has
    /// not crossed into it yet: enough that the ring is not nearly dry right after the
    /// jump (the rest of the lead follows at the usual priority). The mixer crosses as soon
    /// as the fade and one period are there, so this is not a latency.
    static let freshTakeSeconds = 0.2

    /// `freshTakeSeconds`, at least the fade and two periods, in whole blocks, as samples.
    static func jumpLeadSamples(periodFrames: Int) -> Int {
        let frames = max(Int(freshTakeSeconds * Double(AudioFormat.sampleRate)), jumpFadeFrames + 2 * periodFrames)
        return (frames + blockFrames - 1) / blockFrames * blockFrames * AudioFormat.channelCount
    }

    /// Ring capacity: the lead and a block, plus room for a fresh take and a block
    /// behind it while a jump waits; rounded up to a power of two by the ring.
    static func ringCapacitySamples(targetFillSamples: Int, periodFrames: Int) -> Int {
        targetFillSamples + jumpLeadSamples(periodFrames: periodFrames) + 2 * blockFrames * AudioFormat.channelCount
    }

    /// A source and whether a worker is rendering it. A source is used by one
    /// worker at a time (the busy flag), which is what makes the box Sendable.
    private struct Entry: @unchecked Sendable {
        var source: LayerSource?
        var isBusy = false
        /// The intensity the ring's audio was rendered at since the last jump; NaN before the first block.
        var ringIntensity = Float.nan
        /// The slot's `jumpRequests` the last jump answered.
        var jumpRequestsAnswered: UInt32 = 0
    }

    /// What a worker does next for a slot.
    private enum Work { case topUp, beginJump, freshTake }

    private let shared: SharedControls
    private let table: Mutex<[Entry]>
    private let isRunning = Atomic<Bool>(false)
    private var threads: [EngineThread] = []
    /// Posted by the mixer every `refillSeconds` of audio played and by the controls.
    private var signal: WakeSignal { shared.workerWake }
    /// Thread CPU time all workers spent generating, in nanoseconds.
    let cpuNanoseconds = Atomic<Int>(0)
    /// A `GenerationPriority` raw value: what the workers' scheduling became.
    let priority = Atomic<UInt8>(GenerationPriority.unknown.rawValue)

    /// Samples each ring is topped up to.
    let targetFillSamples: Int
    /// Samples a new layer's ring needs before it plays.
    let primeSamples: Int
    /// Samples of a fresh take rendered first while the mixer has not crossed into it.
    let jumpLeadSamples: Int
    private let blockSamples = Workers.blockFrames * AudioFormat.channelCount

    init(shared: SharedControls, periodFrames: Int) {
        self.shared = shared
        targetFillSamples = Self.targetFillSamples(periodFrames: periodFrames)
        primeSamples = min(
            targetFillSamples,
            max(Int(Self.primeSeconds * Double(AudioFormat.sampleRate)), 2 * periodFrames) * AudioFormat.channelCount)
        jumpLeadSamples = Self.jumpLeadSamples(periodFrames: periodFrames)
        table = Mutex([Entry](repeating: Entry(), count: shared.slotCount))
    }

    /// Hands `source` to the workers for `slot`, which must be free.
    func setSource(_ source: LayerSource, forSlot slot: Int) {
        let entry = Entry(source: source)
        table.withLock { $0[slot] = entry }
    }

    /// Ends a worker's sleep: something may need generating (a new layer, an intensity
    /// change, a resume). Never blocks; extra wakes are harmless.
    func wake() { signal.post() }

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

    /// Renders one block for the slot that needs it most: a fresh take after an
    /// intensity change first, then the emptiest ring below its lead. Returns false
    /// when every ring is full enough (or no layer plays).
    func fillOneBlock(scratch: UnsafeMutablePointer<Float>) -> Bool {
        let picked: (slot: Int, source: LayerSource, work: Work)? = table.withLock { entries in
            var best: (slot: Int, urgency: Int, work: Work)?
            for slot in 0..<shared.slotCount
            where !entries[slot].isBusy && entries[slot].source?.isReadyToRender == true {
                let state = shared.layers[slot].loadState()
                guard state == .priming || state == .playing || state == .fadingOut else { continue }
                guard let (urgency, work) = need(slot, state: state, entry: entries[slot]) else { continue }
                if urgency < (best?.urgency ?? .max) { best = (slot, urgency, work) }
            }
            guard let best, let source = entries[best.slot].source else { return nil }
            entries[best.slot].isBusy = true
            return (best.slot, source, best.work)
        }
        guard let picked else { return false }
        let slot = picked.slot
        let ring = shared.rings[slot]
        // Requests first: the engine stores an intensity before it asks for the jump,
        // so the intensity read next is at least as new as the request.
        let requests = shared.layers[slot].jumpRequests.load(ordering: .acquiring)
        let intensity = shared.layers[slot].intensity.load()
        // A fresh take may start clean, with nothing of the old intensity carried over
        // (`LayerSource.beginFreshTake`), only if the mixer will crossfade into it: it
        // does unless the old take is all but played when it comes to the jump. So only
        // with a fresh take's lead of old audio still in the ring, and the jump is marked
        // only once the first block is rendered, so the mixer meets the mark and the
        // block together, not the mark while the block is still being made.
        if picked.work == .beginJump && ring.availableToRead >= jumpLeadSamples { picked.source.beginFreshTake() }
        picked.source.render(into: scratch, frameCount: Self.blockFrames, intensity: intensity)
        // Never refused: only this worker writes the ring, and `need` saw no jump waiting.
        if picked.work == .beginJump { ring.beginJump() }
        ring.write(from: scratch, count: blockSamples)
        if ring.availableToRead >= primeSamples {
            shared.layers[slot].transition(from: .priming, to: .playing)
        }
        table.withLock { entries in
            // The ring now holds this intensity unless older audio, rendered before a
            // change, is still ahead of it without a jump to skip it.
            let first = entries[slot].ringIntensity.isNaN
            if first || picked.work != .topUp { entries[slot].ringIntensity = intensity }
            // A request is answered by a jump, or needs none: the layer's first
            // block, or a change too small to hear (a later drift must not jump for it).
            if first || picked.work == .beginJump || abs(intensity - entries[slot].ringIntensity) < Self.jumpThreshold {
                entries[slot].jumpRequestsAnswered = requests
            }
            entries[slot].isBusy = false
        }
        return true
    }

    /// How urgently `slot` needs a block (smaller first) and what kind, or nil.
    private func need(_ slot: Int, state: SlotState, entry: Entry) -> (Int, Work)? {
        let ring = shared.rings[slot]
        if let fresh = ring.pendingJumpFreshSamples {
            // A fresh take the mixer waits for: before anything else, while there is room.
            guard fresh < jumpLeadSamples, ring.availableToWrite >= blockSamples else { return nil }
            return (Int.min + fresh, .freshTake)
        }
        let intensity = shared.layers[slot].intensity.load()
        // Only a playing layer jumps: a priming one is not heard yet, and one fading out is leaving.
        let asked = shared.layers[slot].jumpRequests.load(ordering: .acquiring) != entry.jumpRequestsAnswered
        if state == .playing, asked, !entry.ringIntensity.isNaN, abs(intensity - entry.ringIntensity) >= Self.jumpThreshold,
            ring.availableToWrite >= blockSamples
        {
            return (Int.min + jumpLeadSamples, .beginJump)
        }
        let fill = ring.availableToRead
        return fill < targetFillSamples ? (fill, .topUp) : nil
    }

    /// Offline mode: tops up every ring on the caller's thread, recycling retired slots first.
    func fillSynchronously(scratch: UnsafeMutablePointer<Float>) {
        let start = MonotonicClock.threadCPUNanoseconds()
        recycleRetiredSlots()
        while fillOneBlock(scratch: scratch) {}
        cpuNanoseconds.wrappingAdd(MonotonicClock.threadCPUNanoseconds() - start, ordering: .relaxed)
    }

    /// Starts `count` worker threads, raised above ordinary processes when they feed a
    /// device (`realTime`), else at normal priority.
    func start(count: Int, realTime: Bool) {
        isRunning.store(true, ordering: .releasing)
        for index in 0..<max(1, count) {
            threads.append(EngineThread(name: "soundscape-gen\(index)") { [self] in run(raised: realTime) })
        }
    }

    /// Stops the worker threads and waits for them.
    func stop() {
        isRunning.store(false, ordering: .releasing)
        for _ in threads { signal.post() }
        for thread in threads { thread.join() }
    }

    private func run(raised wantsRaise: Bool) {
        let raised = wantsRaise ? GenerationPriority.raiseCurrentThread() : .notNeeded
        // With two workers the first one to report decides; both get the same answer.
        priority.store(raised.rawValue, ordering: .relaxed)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Self.blockFrames * AudioFormat.channelCount)
        defer { scratch.deallocate() }
        while isRunning.load(ordering: .acquiring) {
            let start = MonotonicClock.threadCPUNanoseconds()
            recycleRetiredSlots()
            while isRunning.load(ordering: .relaxed) && fillOneBlock(scratch: scratch) {}
            cpuNanoseconds.wrappingAdd(MonotonicClock.threadCPUNanoseconds() - start, ordering: .relaxed)
            guard isRunning.load(ordering: .acquiring) else { break }
            if needsPolling() { signal.wait(seconds: Self.readinessPollSeconds) } else { signal.wait() }
        }
    }

    /// How often a worker looks for a source that has become ready.
    static let readinessPollSeconds = 0.005

    /// Whether a worker should look again in a few milliseconds rather than sleep until
    /// woken: a source is still being made (its layer starts the moment it is ready), or
    /// the mixer has yet to cross into a fresh take (after the crossing the ring holds only
    /// the fresh take, and needs its lead back soon).
    private func needsPolling() -> Bool {
        let paused = shared.master.pointee.paused.load(ordering: .relaxed)
        return table.withLock { entries in
            for slot in 0..<shared.slotCount {
                guard let source = entries[slot].source else { continue }
                let state = shared.layers[slot].loadState()
                guard state == .playing || state == .fadingOut || state == .priming else { continue }
                if !source.isReadyToRender { return true }
                if !paused && shared.rings[slot].pendingJumpFreshSamples != nil { return true }
            }
            return false
        }
    }
}
