import Synchronization

/// Replacing what a ring holds without waiting for it to play out: a *jump*.
///
/// A ring runs seconds ahead (`Workers.targetFillSeconds`), so audio baked with an old
/// intensity would otherwise be heard for seconds after a change. Instead the producer
/// marks the current write position (`beginJump`) and goes on writing the source's next
/// samples — the fresh take, rendered at the new intensity — after the stale ones. The
/// consumer, as soon as enough of the fresh take is there, crossfades from its read
/// position into the start of the fresh take over `fadeSamples`, and skips what lay
/// between. Nothing is rewritten in place, so the ring stays single-producer,
/// single-consumer and lock-free: the producer only appends and publishes one index, the
/// consumer only reads and moves its read index forward.
///
/// The fresh take continues the same generator: it is not a re-render of the skipped
/// moments but what follows them. For a texture the two are alike; for a sound with
/// events, events in the skipped part are never heard (see `Workers`).
extension LayerRing {
    /// Producer: the samples written from now on start a fresh take. False (and nothing
    /// changes) while an earlier jump is still waiting for the consumer.
    @discardableResult
    func beginJump() -> Bool {
        guard jumpTarget.pointee.load(ordering: .acquiring) < 0 else { return false }
        jumpTarget.pointee.store(writeIndex.pointee.load(ordering: .relaxed), ordering: .releasing)
        return true
    }

    /// Producer: samples of the fresh take written so far, or nil when no jump waits.
    var pendingJumpFreshSamples: Int? {
        let target = jumpTarget.pointee.load(ordering: .acquiring)
        return target < 0 ? nil : writeIndex.pointee.load(ordering: .relaxed) &- target
    }

    /// Consumer side, like `read(into:count:)`, but takes a pending jump: once the fresh
    /// take holds the whole fade plus this call's samples, the next `fadeSamples` samples
    /// fade from the old take into the fresh one with complementary raised-cosine gains
    /// (their sum is 1, so a sound the same on both sides keeps its level exactly, and
    /// neither gain has a corner: no click), then reading continues in the fresh take.
    /// `spare` holds `count` samples of scratch. `fadeSamples` must be even (whole frames).
    /// Returns how many samples were there, as `read` does.
    @_noLocks
    func read(
        into destination: UnsafeMutablePointer<Float>, count: Int, spare: UnsafeMutablePointer<Float>, fadeSamples: Int
    ) -> Int {
        if consumerFresh.pointee < 0 {
            let target = jumpTarget.pointee.load(ordering: .acquiring)
            if target < 0 { return read(into: destination, count: count) }
            let read = readIndex.pointee.load(ordering: .relaxed)
            let written = writeIndex.pointee.load(ordering: .acquiring)
            if target &- read < fadeSamples {
                // The old take is all but played: the fresh one follows on seamlessly
                // (it is the same generator's next samples), so nothing needs skipping.
                // (Workers let a source start a fresh take clean, with nothing carried
                // over, only with 0.2 s of old audio in the ring, so never here.)
                jumpTarget.pointee.store(-1, ordering: .releasing)
                return self.read(into: destination, count: count)
            }
            if written &- target < fadeSamples &+ count { return self.read(into: destination, count: count) }
            consumerFresh.pointee = target
            consumerFaded.pointee = 0
        }
        let read = readIndex.pointee.load(ordering: .relaxed)
        let written = writeIndex.pointee.load(ordering: .acquiring)
        let fresh = consumerFresh.pointee
        let faded = consumerFaded.pointee
        // The old take has at least the rest of the fade before the fresh one begins.
        let fading = Swift.min(count, fadeSamples &- faded)
        copyOut(from: read, count: fading, into: destination)
        let got = Swift.min(count, written &- fresh)
        copyOut(from: fresh, count: got, into: spare)
        for i in got..<count { spare[i] = 0 }
        let step = 1 / Float(fadeSamples / 2)
        var frame = 0
        while 2 &* frame < fading {
            // sin²(p·π/2) = (1 − cos p·π)/2: the raised cosine, from the mixer's sine.
            let root = Mixer.equalPower(Float(faded / 2 &+ frame) * step)
            let gain = root * root
            let left = 2 &* frame, right = left &+ 1
            destination[left] += (spare[left] - destination[left]) * gain
            destination[right] += (spare[right] - destination[right]) * gain
            frame &+= 1
        }
        for i in fading..<count { destination[i] = spare[i] }
        if faded &+ fading >= fadeSamples {
            // Done: the read index moves to the fresh take, past the skipped samples.
            consumerFresh.pointee = -1
            readIndex.pointee.store(fresh &+ got, ordering: .releasing)
            jumpTarget.pointee.store(-1, ordering: .releasing)
        } else {
            consumerFresh.pointee = fresh &+ got
            consumerFaded.pointee = faded &+ fading
            readIndex.pointee.store(read &+ fading, ordering: .releasing)
        }
        return got
    }

    /// Copies `count` samples starting at ring position `index` (consumer side).
    @_noLocks
    private func copyOut(from index: Int, count: Int, into destination: UnsafeMutablePointer<Float>) {
        if count <= 0 { return }
        let start = index & mask
        let first = Swift.min(count, capacity &- start)
        copy(storage + start, to: destination, count: first)
        if first < count { copy(storage, to: destination + first, count: count &- first) }
    }
}
