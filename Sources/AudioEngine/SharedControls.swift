/// The mixer and the workers take the raw pointers (plain values, no
/// reference counting); this object keeps the memory alive and must outlive
/// every thread that uses them.
final class SharedControls: @unchecked Sendable {
    /// Layer slots: enough for one scene fading out while the next fades in, and some.
    let slotCount: Int
    let layers: UnsafeMutablePointer<LayerControls>
    let rings: UnsafeMutablePointer<LayerRing>
    let master: UnsafeMutablePointer<MasterControls>
    /// Ends the audio thread's rest while paused (see `PeriodLoop`).
    let wake = WakeSignal()
    /// Wakes the generation workers: the mixer posts it every `Workers.refillSeconds` of
    /// audio played, the controls when something new needs generating.
    let workerWake = WakeSignal()

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
        wake.deallocate()
        workerWake.deallocate()
    }
}
