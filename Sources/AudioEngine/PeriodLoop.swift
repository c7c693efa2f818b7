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
        }
        return .closed
    }

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
