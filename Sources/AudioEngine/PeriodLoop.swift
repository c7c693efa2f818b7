import DSP
import Synchronization

// The audio thread's loop, inside the same fence as `Mixer.swift`: no
// allocation, no locks, no retain or release, no logging. The one call the
// compiler cannot check is the sink's `write` (a protocol call into the
// device backend); it is made through `_unsafePerformance`, and the `Sink`
// contract holds every backend's `write` to the same rules.

/// Waits for the device to have room, mixes a period, hands it to the sink, and repeats until a close is asked
/// for, a stop or timer fade has reached silence, or the sink fails.
///
/// While paused, once the fade has reached silence and a device buffer's worth of
/// silence has followed it (so the device holds nothing else), the loop rests: it asks
/// the sink to stop the device and sleeps on `wake` until a resume, a stop or a close.
/// A paused session then costs no CPU at all; resuming starts the device again and
/// fades in over the pause fade, as always.
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
    /// Posted by the control side on a resume, a stop or a close: ends a rest.
    let wake: WakeSignal
    /// Silent periods written since the pause fade reached silence.
    private var silentPeriods = 0
    /// Set when the sink would not suspend: it takes silence for the rest of the pause.
    private var sinkKeepsPlaying = false
    /// Silent periods after which the device holds nothing but silence: its buffer, in periods.
    private let periodsToFlush: Int

    init(
        mixer: Mixer, sink: any Sink, buffer: UnsafeMutablePointer<Float>,
        master: UnsafeMutablePointer<MasterControls>, failure: UnsafeMutablePointer<SinkError?>, wake: WakeSignal
    ) {
        self.mixer = mixer
        self.sink = sink
        self.buffer = buffer
        self.master = master
        self.failure = failure
        self.wake = wake
        let bufferFrames = sink.latencyMilliseconds * Double(AudioFormat.sampleRate) / 1000
        periodsToFlush = Int((bufferFrames / Double(max(1, mixer.maximumFrames))).rounded(.up)) + 1
    }

    @_noLocks
    mutating func run() -> Ending {
        let frames = mixer.maximumFrames
        while !master.pointee.closeRequested.load(ordering: .relaxed) {
            // Mixed just before the device takes it: a control change is queued within one
            // period of being made, instead of waiting behind a period mixed in advance.
            _unsafePerformance { sink.waitForRoom() }
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
            if mixer.isPausedInSilence {
                silentPeriods &+= 1
                if silentPeriods >= periodsToFlush && !sinkKeepsPlaying, let ending = rest() { return ending }
            } else {
                silentPeriods = 0
                sinkKeepsPlaying = false
            }
        }
        return .closed
    }

    /// Paused and silent: stops the device and sleeps until the pause ends. Returns nil to
    /// play on (the device started again, the mixer fading in or finishing a stop), or how the
    /// loop ends when a close comes first (the device stays stopped; closing it is the control
    /// side's work).
    @_noLocks
    private mutating func rest() -> Ending? {
        let suspended: Bool = _unsafePerformance { sink.suspend() }
        guard suspended else {
            sinkKeepsPlaying = true
            return nil
        }
        while true {
            if master.pointee.closeRequested.load(ordering: .relaxed) { return .closed }
            // A stop while paused ends at once (the mixer finishes in the next period).
            if master.pointee.stopFadeFrames.load(ordering: .relaxed) >= 0 { break }
            if !master.pointee.paused.load(ordering: .relaxed) { break }
            _unsafePerformance { wake.wait() }
        }
        _unsafePerformance { sink.resume() }
        silentPeriods = 0
        return nil
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
