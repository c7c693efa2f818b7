extension Engine {
    /// Locks `slot`'s ring in memory the first time the slot is used, so seconds of audio
    /// generated ahead are never paged out and faulted back in on the audio thread. Rings
    /// of slots never used stay untouched (no memory). Where the system refuses
    /// (RLIMIT_MEMLOCK), the ring works unlocked and the status says so.
    func lockRingInMemory(_ slot: Int, in state: inout ControlState) {
        guard !state.lockedRings.contains(slot), !state.ringLockRefused else { return }
        if shared.rings[slot].lockInMemory() {
            state.lockedRings.insert(slot)
        } else {
            state.ringLockRefused = true
        }
    }
}
