import DSP
import Synchronization

/// Plays mixes: one source per layer, generation workers filling a ring per
/// layer, and a real-time mixer writing periods to a `Sink`.
///
/// Two ways to run it:
/// - Live: `apply(mix)`, then `start()`. A real-time audio thread runs the
///   `PeriodLoop`, blocking in `sink.write` as the device paces it; 1–2 worker
///   threads generate ahead. Drive it with the `EngineControl` setters from
///   any thread; `stop(fadeSeconds:)` then `waitUntilStopped()` to end. When
///   playback stops (stop, timer, or a device error, which
///   `status.stopReason` explains) `waitUntilStopped()` stops the workers
///   and closes the sink on the caller's thread, never the audio thread.
/// - Offline: `apply(mix)`, then `renderOffline(frames:)` as often as
///   needed, then `close()`. No threads: generation and mixing run on the
///   caller's thread as fast as the CPU allows, in constant memory, so an
///   eight-hour file render needs no pacing. Timers and fades work the same,
///   counted in rendered frames.
///
/// The engine owns its control model (`EngineStatus`'s layers, master, solo,
/// pause, timer, evolve) and knows no sound, token or scene: a layer is a
/// name its `SoundProvider` turns into a `LayerSource`.
///
/// ```swift
/// let engine = Engine(sink: sink, provider: provider, seed: 42)
/// try engine.apply(Mix(layers: [MixLayer(sound: "pink-noise")]))
/// engine.start()
/// engine.setTimer(seconds: 600, fadeSeconds: 30)
/// engine.waitUntilStopped()
/// ```
public final class Engine: EngineControl, @unchecked Sendable {
    /// Most layers one mix may have. Twice as many slots exist, so a full
    /// mix can fade out while the next fades in, plus room for quick changes.
    public static let maximumLayers = 12
    /// How long layers added or removed by `apply` take to fade in or out.
    public static let crossfadeSeconds = Double(Mixer.crossfadeSeconds)

    enum Mode: UInt8 { case idle, live, offline }

    /// The control model, guarded by `control`.
    struct ControlState: @unchecked Sendable {
        var mix = Mix()
        /// The slot playing each of `mix.layers`.
        var layerSlots: [Int] = []
        var solo: Int?
        /// Linear gain every layer gets on top of its weight, so the mix meets its loudness target.
        var stagingGain: Float = 1
        var evolving = false
        /// Told after every `setEvolving` (the evolve driver's wake-up).
        var evolvingObservers: [@Sendable () -> Void] = []
        var seeds: Random
        var stopReason: String?
        /// CPU readings (the process's and the workers') and the time (wall clock live,
        /// audio played offline) they were taken at, for `cpuPercent`.
        var cpuSample = (process: 0, workers: 0, seconds: 0.0)
        var cpuPercent = 0.0
        var generationCPUPercent = 0.0
        /// Slots whose ring is locked in memory, and whether the system refused a lock.
        var lockedRings: Set<Int> = []
        var ringLockRefused = false
    }

    let sink: Sink
    let provider: SoundProvider
    private let workerCount: Int
    let shared: SharedControls
    let workers: Workers
    private var mixer: Mixer
    private let periodBuffer: UnsafeMutablePointer<Float>
    private let offlineScratch: UnsafeMutablePointer<Float>
    /// Where the audio thread leaves a sink error for the control side.
    let sinkFailure: UnsafeMutablePointer<SinkError?>
    let control: Mutex<ControlState>
    /// Serialises whole `apply` calls, which make sources outside `control`'s lock.
    let applying = Mutex(())
    let mode = Atomic<UInt8>(Mode.idle.rawValue)
    private let sinkClosed = Atomic<Bool>(false)
    let finished = Atomic<Bool>(false)
    let audioThreadIsRealTime = Atomic<Bool>(false)
    private var audioThread: EngineThread?
    let startedAt = MonotonicClock.seconds()

    /// An engine that will play into `sink`, making layers with `provider`.
    ///
    /// - Parameters:
    ///   - seed: fixes every layer's randomness, so the same seed and the
    ///     same calls render the same audio offline; nil differs every run.
    ///   - workerCount: generation threads in live mode (1 or 2 make sense
    ///     on a laptop).
    public init(sink: Sink, provider: SoundProvider, seed: UInt64? = nil, workerCount: Int = 1) {
        self.sink = sink
        self.provider = provider
        self.workerCount = max(1, workerCount)
        let periodFrames = max(1, sink.periodFrames)
        let targetFill = Workers.targetFillSamples(periodFrames: periodFrames)
        shared = SharedControls(
            slotCount: 2 * Self.maximumLayers + 8,
            ringCapacitySamples: Workers.ringCapacitySamples(targetFillSamples: targetFill, periodFrames: periodFrames))
        workers = Workers(shared: shared, periodFrames: periodFrames)
        mixer = Mixer(shared: shared, maximumFrames: periodFrames)
        periodBuffer = .allocate(capacity: periodFrames * AudioFormat.channelCount)
        periodBuffer.initialize(repeating: 0, count: periodFrames * AudioFormat.channelCount)
        offlineScratch = .allocate(capacity: Workers.blockFrames * AudioFormat.channelCount)
        sinkFailure = .allocate(capacity: 1)
        sinkFailure.initialize(to: nil)
        control = Mutex(ControlState(seeds: seed.map { Random(seed: $0) } ?? Random()))
        shared.master.pointee.gain.store(FaderCurve.gain(Mix().master))
    }

    deinit {
        // Threads hold the engine strongly, so none is running by now.
        workers.stop()
        closeSink()
        mixer.deallocate()
        periodBuffer.deallocate()
        offlineScratch.deallocate()
        sinkFailure.deinitialize(count: 1)
        sinkFailure.deallocate()
    }

    // MARK: Running

    /// Starts live playback: the worker threads and the audio thread. Call once.
    ///
    /// `onStopped` is called once, on the audio thread after its loop has ended (a stop or
    /// the timer faded out, the device failed, a close) and `status.isStopped` is true, so a
    /// front end can sleep until then instead of looking now and then. Nothing real-time is
    /// left to delay by then; keep it short all the same (write a byte to a pipe).
    public func start(onStopped: (@Sendable () -> Void)? = nil) {
        guard
            mode.compareExchange(
                expected: Mode.idle.rawValue, desired: Mode.live.rawValue, ordering: .acquiringAndReleasing
            ).exchanged
        else { preconditionFailure("Engine.start() called twice or after offline rendering") }
        // The process's CPU counts from here: what it spent before (loading, training) is not playback.
        let processCPU = MonotonicClock.processCPUNanoseconds()
        let now = MonotonicClock.seconds() - startedAt
        control.withLock { $0.cpuSample = (processCPU, workers.cpuNanoseconds.load(ordering: .relaxed), now) }
        let dueInRealTime = sink.isDueInRealTime
        workers.start(count: workerCount, realTime: dueInRealTime)
        audioThread = EngineThread(name: "soundscape-mix") { [self] in
            // Real-time scheduling for a device, where the system allows it: then two
            // CPU-bound programs beside us cannot delay a period. Otherwise normal priority.
            if dueInRealTime {
                audioThreadIsRealTime.store(RealTimePriority.requestForCurrentThread(), ordering: .relaxed)
            }
            var loop = PeriodLoop(
                mixer: mixer, sink: sink, buffer: periodBuffer, master: shared.master, failure: sinkFailure,
                wake: shared.wake)
            _ = loop.run()
            // Release: the control side reads the sink failure once it sees this.
            shared.master.pointee.stopped.store(true, ordering: .releasing)
            onStopped?()
        }
    }

    /// Blocks the caller until live playback has stopped, then stops the
    /// workers and closes the sink (letting the device play out what it
    /// holds), or discards its output when `discardingOutput` (a file that
    /// should not exist after a failure). Returns at once on an engine that was never started.
    public func waitUntilStopped(discardingOutput: Bool = false) {
        guard Mode(rawValue: mode.load(ordering: .relaxed)) == .live, let audioThread else {
            if discardingOutput { closeSink(discarding: true) }
            return
        }
        precondition(!audioThread.isCurrent, "waitUntilStopped() on the audio thread")
        audioThread.join()
        finishLivePlayback(discardingOutput: discardingOutput)
    }

    /// Offline mode: mixes `frames` frames into the sink as fast as the CPU
    /// allows, generating synchronously. Returns the frames written, fewer
    /// than asked when a stop or the timer ended playback. Call `close()`
    /// after the last call to finish the output.
    @discardableResult
    public func renderOffline(frames: Int) throws(SinkError) -> Int {
        let previous = Mode(rawValue: mode.load(ordering: .relaxed))
        precondition(previous != .live, "renderOffline(frames:) on an engine playing live")
        mode.store(Mode.offline.rawValue, ordering: .relaxed)
        var written = 0
        while written < frames && !shared.master.pointee.stopped.load(ordering: .acquiring) {
            let count = min(mixer.maximumFrames, frames - written)
            workers.fillSynchronously(scratch: offlineScratch)
            _ = mixer.mix(into: periodBuffer, frameCount: count)
            do {
                try sink.write(periodBuffer, frameCount: count)
            } catch {
                control.withLock { $0.stopReason = error.description }
                finished.store(true, ordering: .releasing)
                throw error
            }
            written += count
        }
        return written
    }

    /// Offline benchmarking of the audio thread's work: mixes `periods`
    /// periods of `sink.periodFrames` frames, generating synchronously between
    /// them as `renderOffline` does, and returns how long each mix alone took,
    /// in seconds. The audio is discarded, not written to the sink.
    public func measureMixDurations(periods: Int) -> [Double] {
        precondition(Mode(rawValue: mode.load(ordering: .relaxed)) != .live, "measureMixDurations on a live engine")
        mode.store(Mode.offline.rawValue, ordering: .relaxed)
        var durations: [Double] = []
        durations.reserveCapacity(periods)
        for _ in 0..<periods {
            workers.fillSynchronously(scratch: offlineScratch)
            let start = MonotonicClock.seconds()
            _ = mixer.mix(into: periodBuffer, frameCount: mixer.maximumFrames)
            durations.append(MonotonicClock.seconds() - start)
        }
        return durations
    }

    /// Ends playback at once (no fade), stops every thread and closes the
    /// sink, or discards its output when `discardingOutput`. Safe to call
    /// more than once; a no-op after playback stopped.
    public func close(discardingOutput: Bool = false) {
        shared.master.pointee.closeRequested.store(true, ordering: .releasing)
        shared.wake.post()
        if let audioThread {
            precondition(!audioThread.isCurrent, "close() on the audio thread")
            audioThread.join()
            finishLivePlayback(discardingOutput: discardingOutput)
        } else {
            closeSink(discarding: discardingOutput)
            finished.store(true, ordering: .releasing)
        }
    }

    /// After the audio thread's loop: record why it ended, stop the workers, close the sink.
    private func finishLivePlayback(discardingOutput: Bool) {
        if let failure = sinkFailure.pointee {
            control.withLock { $0.stopReason = failure.description }
        }
        shared.master.pointee.stopped.store(true, ordering: .releasing)
        workers.stop()
        closeSink(discarding: discardingOutput)
        finished.store(true, ordering: .releasing)
    }

    private func closeSink(discarding: Bool = false) {
        guard !sinkClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if discarding { sink.discard() } else { sink.close() }
    }
}

/// Why the engine refused a request.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// The mix has more layers than the engine mixes.
    case tooManyLayers(count: Int, maximum: Int)
    /// Earlier changes are still fading out and hold every free slot.
    case layersStillFading

    public var description: String {
        switch self {
        case .tooManyLayers(let count, let maximum):
            return "the scene has \(count) layers but at most \(maximum) can play; remove some layers"
        case .layersStillFading:
            return
                "too many layers are still fading out from earlier scene changes; try again in \(Int(Engine.crossfadeSeconds)) seconds"
        }
    }
}
