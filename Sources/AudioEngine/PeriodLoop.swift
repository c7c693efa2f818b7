import Synchronization

// The audio thread's loop, inside the same fence as `Mixer.swift`: no
// allocation, no locks, no retain or release, no logging. The one call the
// compiler cannot check is the sink's `write` (a protocol call into the
// device backend); it is made through `_unsafePerformance`, and the `Sink`
// contract holds every backend's `write` to the same rules.

/// Mixes a period, hands it to the sink, and repeats until a close is asked
/// for, a stop or timer fade has reached silence, or the sink fails.
///
/// Everything after the loop — stopping the workers, draining and closing the
/// device — is the control side's work (`Engine.waitUntilStopped()`), never
/// the audio thread's.
struct PeriodLoop {
    /// Why the loop ended.
    enum Ending: Equatable {
        /// `Engine.close()` asked for it.
        case closed
        /// A stop or timer fade reached silence.
        case fadedOut
        /// The sink failed; the error is in the failure slot.
        case sinkFailed
    }

    var mixer: Mixer
    /// Not retained: the engine owns the sink and outlives the loop.
    unowned(unsafe) let sink: any Sink
    let buffer: UnsafeMutablePointer<Float>
    let master: UnsafeMutablePointer<MasterControls>
    /// Where a failing `write` leaves its error for the control side.
    let failure: UnsafeMutablePointer<SinkError?>

    @_noLocks
    mutating func run() -> Ending {
        let frames = mixer.maximumFrames
        while !master.pointee.closeRequested.load(ordering: .relaxed) {
            let playing = mixer.mix(into: buffer, frameCount: frames)
            let written: Bool = _unsafePerformance { writePeriod(frameCount: frames) }
            if !written { return .sinkFailed }
            if !playing { return .fadedOut }
            let waiting: Bool = _unsafePerformance { sink.isWaitingForDevice }
            if waiting {
                if let ending = waitForDevice() { return ending }
                // The period that was lost with the device is not played again; what
                // follows starts from silence, as after a pause.
                mixer.fadeInAfterGap()
            }
        }
        return .closed
    }

    /// While the device is gone: nothing is mixed, so layers, timer and fades keep their
    /// place. Returns nil once the device is back, or how the loop ends when a close or a
    /// stop comes first (a stop's fade could not be heard, so it ends at once).
    @_noLocks
    private func waitForDevice() -> Ending? {
        while true {
            if master.pointee.closeRequested.load(ordering: .relaxed) { return .closed }
            if master.pointee.stopFadeFrames.load(ordering: .relaxed) >= 0 { return .fadedOut }
            let back: Bool = _unsafePerformance { sink.waitForDevice(milliseconds: Self.waitSliceMilliseconds) }
            if back { return nil }
        }
    }

    /// How often a wait for the device looks for a close or a stop.
    static let waitSliceMilliseconds = 50

    /// The device write, outside the compiler's check (see the file's header).
    private func writePeriod(frameCount: Int) -> Bool {
        do throws(SinkError) {
            try sink.write(buffer, frameCount: frameCount)
            return true
        } catch {
            failure.pointee = error
            return false
        }
    }
}
