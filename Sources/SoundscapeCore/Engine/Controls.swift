import Synchronization

/// A `Float` shared between threads as the bit pattern of an `Atomic<UInt32>`.
///
/// Controls are independent values (a weight, a meter reading), so relaxed
/// ordering is enough: a reader sees the new value within a period, and no
/// other memory hangs off it.
struct AtomicFloat: ~Copyable {
    private let bits: Atomic<UInt32>

    init(_ value: Float) { bits = Atomic(value.bitPattern) }

    @_noLocks
    func load() -> Float { Float(bitPattern: bits.load(ordering: .relaxed)) }

    @_noLocks
    func store(_ value: Float) { bits.store(value.bitPattern, ordering: .relaxed) }
}

/// Where a layer slot is in its life. Each transition has one owner, made
/// with compare-and-exchange so two threads never both act on one slot:
///
/// ```
/// free ──apply──► priming ──worker: ring full──► playing ──apply: removed──► fadingOut
///   ▲                │ apply: removed before it played                           │ mixer: faded to 0
///   └──worker: source dropped, ring emptied ◄── retired ◄────────────────────────┘
/// ```
enum SlotState: UInt8 {
    /// Unused: no source, empty ring.
    case free
    /// A source is installed and a worker fills its ring; the mixer does not read it yet.
    case priming
    /// The mixer reads and fades it in (or holds it at full).
    case playing
    /// Removed from the scene: the mixer still reads it while fading it out.
    case fadingOut
    /// Silent and unread: a worker may drop the source and empty the ring.
    case retired
}

/// One layer slot's shared controls: written by the control thread (the TUI,
/// `play`), read by the audio thread and the workers; meters the other way.
struct LayerControls: ~Copyable {
    /// A `SlotState` raw value.
    let state = Atomic<UInt8>(SlotState.free.rawValue)
    /// Bumped each time a new source is installed, so the mixer resets its
    /// fade-in envelope for a new layer instead of continuing the old one's.
    let generation = Atomic<UInt32>(0)
    /// Target linear gain: the weight through the fader curve, times 0 when
    /// muted or soloed away. The mixer ramps to it sample by sample.
    let gain = AtomicFloat(0)
    /// The layer's intensity (0…1), passed to its source by the workers.
    let intensity = AtomicFloat(0.5)
    /// Recent peak after the layer's gain, 0…1 (written by the mixer).
    let peak = AtomicFloat(0)
    /// Periods in which this slot's ring ran dry (written by the mixer).
    let underruns = Atomic<Int>(0)

    @_noLocks
    func loadState() -> SlotState { SlotState(rawValue: state.load(ordering: .acquiring)) ?? .free }

    /// Moves the slot from `old` to `new` if it is still in `old`; returns whether it moved.
    @_noLocks
    @discardableResult
    func transition(from old: SlotState, to new: SlotState) -> Bool {
        state.compareExchange(expected: old.rawValue, desired: new.rawValue, ordering: .acquiringAndReleasing).exchanged
    }
}

/// The mix-wide controls and readings.
struct MasterControls: ~Copyable {
    /// Target master gain (the master fader through the fader curve).
    let gain = AtomicFloat(0)
    /// Whether the user paused; the mixer fades to silence and stops reading rings.
    let paused = Atomic<Bool>(false)
    /// Fade length in frames requested by `stop(fadeSeconds:)`; −1 while no stop was asked for.
    let stopFadeFrames = Atomic<Int>(-1)
    /// The played frame at which the timer's fade begins; −1 without a timer.
    /// Stored after `timerFadeFrames`, with release, so the pair is read whole.
    let timerFadeStartFrame = Atomic<Int>(-1)
    /// Length of the timer's fade in frames.
    let timerFadeFrames = Atomic<Int>(0)
    /// Frames of playback mixed so far, not counting time spent paused (written by the mixer).
    let playedFrames = Atomic<Int>(0)
    /// Set by the mixer once a stop or timer fade has reached silence.
    let stopped = Atomic<Bool>(false)
    /// Recent peak of the mix, 0…1 (written by the mixer).
    let peak = AtomicFloat(0)
    /// Periods in which some layer ring ran dry, summed over layers (written by the mixer).
    let underruns = Atomic<Int>(0)
}

/// Maps fader positions (weights, the master) to linear gain.
///
/// A square law: 1 → 0 dB, 0.7 → −6 dB, 0.5 → −12 dB, 0.25 → −24 dB,
/// 0.1 → −40 dB, 0 → silence. Equal steps of a fader then sound like
/// roughly equal steps of loudness over the range people use, which a linear
/// gain does not (its upper half would be nearly all the same).
public enum FaderCurve {
    /// The linear gain for fader position `position` (clamped to 0…1).
    public static func gain(_ position: Float) -> Float {
        let p = min(max(position.isNaN ? 0 : position, 0), 1)
        return p * p
    }
}

/// Everything the audio thread, the workers and the control thread share,
/// allocated once when the engine is made and freed when it goes.
///
/// The mixer and the workers take the raw pointers (plain values, no
/// reference counting); this object keeps the memory alive and must outlive
/// every thread that uses them.
final class SharedControls: @unchecked Sendable {
    /// Layer slots: enough for one scene fading out while the next fades in, and some.
    let slotCount: Int
    let layers: UnsafeMutablePointer<LayerControls>
    let rings: UnsafeMutablePointer<LayerRing>
    let master: UnsafeMutablePointer<MasterControls>

    init(slotCount: Int, ringCapacitySamples: Int) {
        self.slotCount = slotCount
        layers = .allocate(capacity: slotCount)
        rings = .allocate(capacity: slotCount)
        for slot in 0..<slotCount {
            (layers + slot).initialize(to: LayerControls())
            (rings + slot).initialize(to: LayerRing(minimumCapacity: ringCapacitySamples))
        }
        master = .allocate(capacity: 1)
        master.initialize(to: MasterControls())
    }

    deinit {
        for slot in 0..<slotCount { rings[slot].deallocate() }
        layers.deinitialize(count: slotCount)
        layers.deallocate()
        rings.deinitialize(count: slotCount)
        rings.deallocate()
        master.deinitialize(count: 1)
        master.deallocate()
    }
}
