import AudioEngine
import CALSA
import Glibc
import Synchronization

/// What happened to a device that `AlsaSink` waits for; reported on the reconnector's own
/// thread (never the audio thread), for `play` to print.
public enum DeviceEvent: Sendable, Equatable {
    /// The device went away; `reason` is ALSA's word for it. Playback waits.
    case waiting(device: String, reason: String)
    /// The device is open again after `seconds` away; playback goes on.
    case back(device: String, seconds: Double)
}

/// Reopens a lost ALSA device in the background, trying again with back-off, and hands the
/// new PCM to the audio thread.
///
/// The audio thread never opens or closes a device (both allocate and lock inside alsa-lib):
/// on a failure it passes the dead PCM here (`deviceLost`) and then only polls an atomic
/// (`takeReopened`). The handover is a three-phase atomic:
///
///     playing ──deviceLost (audio thread)──▶ waiting ──reopen (this thread)──▶ reopened
///        ▲                                                                        │
///        └──────────────────────takeReopened (audio thread)──────────────────────┘
///
/// Each PCM pointer is written before the releasing store of the phase that hands it over
/// and read after the acquiring load that sees it, so one side owns it at a time.
///
/// Bounded while waiting: one attempt at a time, 50 ms after the loss and then twice as long
/// each time up to `maximumBackoffSeconds`, so the device is found at most half a second
/// (plus the time an open takes) after it is back. Nothing is queued or kept per attempt.
final class DeviceReconnector: @unchecked Sendable {
    /// The longest pause between attempts: the device is back in use within this much of its return.
    static let maximumBackoffSeconds = 0.5
    static let firstBackoffSeconds = 0.05

    private enum Phase: Int {
        case playing, waiting, reopened
    }

    private let phase = Atomic<Int>(Phase.playing.rawValue)
    private let closing = Atomic<Bool>(false)
    private let reconnections = Atomic<Int>(0)
    /// The error code of the loss, for the event's reason.
    private let lossCode = Atomic<Int32>(0)
    /// Handed from the audio thread to this one.
    private var lostPCM: OpaquePointer?
    /// Handed from this thread to the audio thread.
    private var reopenedPCM: OpaquePointer?
    /// Wakes the reconnector's thread: posted by the audio thread (sem_post neither
    /// allocates nor blocks) and by `stop`.
    private let wake: UnsafeMutablePointer<sem_t>
    private var thread: EngineThread?
    private let device: String
    private let open: () throws(SinkError) -> OpaquePointer
    private let onEvent: (@Sendable (DeviceEvent) -> Void)?

    /// - Parameters:
    ///   - open: Opens and configures the device as the sink first did; called on this thread.
    ///   - onEvent: Told when the device goes away and when it is back, on this thread.
    init(
        device: String, open: @escaping () throws(SinkError) -> OpaquePointer,
        onEvent: (@Sendable (DeviceEvent) -> Void)?
    ) {
        self.device = device
        self.open = open
        self.onEvent = onEvent
        wake = .allocate(capacity: 1)
        sem_init(wake, 0, 0)
        thread = EngineThread(name: "soundscape-recon") { [self] in run() }
    }

    deinit {
        stop()
        sem_destroy(wake)
        wake.deallocate()
    }

    /// True from the loss until the audio thread has taken the reopened device.
    var isWaiting: Bool { phase.load(ordering: .relaxed) != Phase.playing.rawValue }

    var reconnectionCount: Int { reconnections.load(ordering: .relaxed) }

    /// Audio thread: the device failed with `code`; `pcm` is dead and now this side's to close.
    func deviceLost(_ pcm: OpaquePointer, code: Int32) {
        lostPCM = pcm
        lossCode.store(code, ordering: .relaxed)
        phase.store(Phase.waiting.rawValue, ordering: .releasing)
        sem_post(wake)
    }

    /// Audio thread: the reopened device once it is there, waiting up to `milliseconds`
    /// in short sleeps; nil while it is still away.
    func takeReopened(waitingUpTo milliseconds: Int) -> OpaquePointer? {
        var waited = 0
        while true {
            if phase.load(ordering: .acquiring) == Phase.reopened.rawValue {
                let pcm = reopenedPCM
                reopenedPCM = nil
                reconnections.add(1, ordering: .relaxed)
                phase.store(Phase.playing.rawValue, ordering: .releasing)
                return pcm
            }
            if waited >= milliseconds { return nil }
            let slice = min(5, milliseconds - waited)
            var pause = timespec(tv_sec: 0, tv_nsec: slice * 1_000_000)
            nanosleep(&pause, nil)
            waited += slice
        }
    }

    /// Ends the reconnector's thread (an attempt under way finishes first) and closes any
    /// device it holds. Called by the sink's `close`, after the audio thread has ended.
    func stop() {
        guard let thread else { return }
        closing.store(true, ordering: .releasing)
        sem_post(wake)
        thread.join()
        self.thread = nil
        if phase.load(ordering: .acquiring) == Phase.reopened.rawValue, let pcm = reopenedPCM {
            snd_pcm_close(pcm)
            reopenedPCM = nil
        }
    }

    /// The reconnector's thread: sleeps until a loss, then tries to reopen until it can.
    private func run() {
        while true {
            while sem_wait(wake) != 0 {}  // EINTR: wait again
            if closing.load(ordering: .acquiring) { return }
            guard phase.load(ordering: .acquiring) == Phase.waiting.rawValue, let dead = lostPCM else {
                continue
            }
            lostPCM = nil
            let lostAt = MonotonicClock.seconds()
            // Said first: closing a device whose server hangs (stopped, not dead) can block
            // until the server runs again.
            onEvent?(.waiting(device: device, reason: AlsaSink.describe(lossCode.load(ordering: .relaxed))))
            snd_pcm_drop(dead)
            snd_pcm_close(dead)
            var backoff = Self.firstBackoffSeconds
            while !closing.load(ordering: .acquiring) {
                if !sleep(seconds: backoff) { return }
                if let pcm = try? open() {
                    // A close that came while the device was opening: nobody will take it.
                    if closing.load(ordering: .acquiring) {
                        snd_pcm_close(pcm)
                        return
                    }
                    reopenedPCM = pcm
                    phase.store(Phase.reopened.rawValue, ordering: .releasing)
                    onEvent?(.back(device: device, seconds: MonotonicClock.seconds() - lostAt))
                    break
                }
                backoff = min(backoff * 2, Self.maximumBackoffSeconds)
            }
        }
    }

    /// Sleeps `seconds` in short slices; false when a stop came first.
    private func sleep(seconds: Double) -> Bool {
        let end = MonotonicClock.seconds() + seconds
        while MonotonicClock.seconds() < end {
            if closing.load(ordering: .acquiring) { return false }
            var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
            nanosleep(&pause, nil)
        }
        return !closing.load(ordering: .acquiring)
    }
}
