import Synchronization

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
    /// Bumped when a change of intensity must be heard at once (a person's key, a
    /// new mix): the worker then re-renders the ring's lead (a jump). Evolve's slow
    /// drift does not bump it: its changes ride in behind the lead, and no event
    /// already rendered into the lead is skipped.
    let jumpRequests = Atomic<UInt32>(0)
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
