import AudioEngine
import CALSA
import DSP
import Glibc
import Synchronization

/// Plays periods on an ALSA device: float, interleaved stereo, 48 kHz.
///
/// Opened, by default, with a 120 ms buffer of three 40 ms periods. The period loop
/// waits for room for a period (`waitForRoom`) before it mixes one, so a control change
/// is queued at most one buffer before it is played; the buffer is what bounds that
/// latency, and the period is as long as the buffer allows, because every period wakes
/// the audio thread and a sound server's client thread (see `periodMilliseconds`).
/// `write` then finds the room and does not block; the device's draining paces the mixer. Underruns are recovered with `snd_pcm_recover` and
/// counted; they are never fatal. A device that fails for any other reason
/// (unplugged, sound server gone) ends playback with `SinkError.deviceLost`, or,
/// opened with `reconnect`, is waited for: a `DeviceReconnector` reopens it in the
/// background while the period loop waits (see `Sink.isWaitingForDevice`).
///
/// `write` and `close` are called from one thread at a time (the audio thread,
/// then whoever stops it); `xrunCount` is safe from any thread. A device that
/// stalls (takes no audio for 2 s) counts as lost, so `write` never hangs forever.
public final class AlsaSink: Sink, @unchecked Sendable {
    /// A device's periods are due on time: its threads ask for real-time scheduling.
    public var isDueInRealTime: Bool { true }
    /// The default device name: whatever ALSA's configuration calls `default`.
    public static let defaultDevice = "default"
    /// The default buffer. A weight, mute or intensity change reaches the device's queue
    /// at most this long before it is played (the mixer's 20 ms gain ramp starts at its
    /// first sample; what the engine itself adds is `bench`'s key-to-audible figure).
    /// Chosen for cost as well as latency: through PulseAudio's ALSA plugin each period
    /// wakes the audio thread once and the plugin's client thread about three times, and
    /// those wake-ups, not mixing, were most of what playback cost. 32 ms periods (31 a
    /// second) cost half of what 16 ms periods in a 48 ms buffer did (0.78 % of a core
    /// against 1.53 % for `play` with six layers), and 40 ms periods (25 a second, the
    /// longest period allowed) about 13 % less again (0.76 against 0.87 %), which is what
    /// brings live playback under a third of a GStreamer loop mix. The audio thread wakes
    /// with 80 ms still queued. A desktop player's buffer is longer still (GStreamer's
    /// pulsesink defaults to 200 ms); a soundscape's keys are felt, not played in time.
    /// `--latency` still sets any buffer from 10 ms, for a player who wants keys faster.
    public static let defaultLatencyMilliseconds = 120.0
    /// Periods per buffer. PulseAudio's ALSA plugin grants no fewer than three (asked for
    /// two, it shortens the period), and with three the audio thread wakes with two periods
    /// still queued, as much margin against a late wake-up as 10 ms periods had.
    public static let periodsPerBuffer = 3
    /// The longest period: a long buffer (asked for on a loaded machine) gets more periods
    /// rather than longer ones, so the audio thread still wakes well before the queue runs dry.
    public static let maximumPeriodMilliseconds = 40.0

    /// The period for a buffer of `latencyMilliseconds`: a third of it, at most 40 ms.
    /// Each period costs a wake-up of the audio thread and of a sound server's client thread
    /// (PulseAudio's plugin sends a period's audio and is asked for the next one), which,
    /// not mixing, is most of what playback costs; so periods are as long as latency allows.
    public static func periodMilliseconds(forLatencyMilliseconds latency: Double) -> Double {
        min(maximumPeriodMilliseconds, latency / Double(periodsPerBuffer))
    }

    public let name: String
    public let periodFrames: Int
    public let latencyMilliseconds: Double
    public var xrunCount: Int { xruns.load(ordering: .relaxed) }

    /// The open PCM; nil once closed, and while waiting for a lost device.
    private var pcm: OpaquePointer?
    /// Reopens the device after a loss; nil when a loss ends playback.
    private let reconnector: DeviceReconnector?
    private let xruns = Atomic<Int>(0)
    /// Set once the device failed, so `close` drops instead of draining a dead device.
    private var failed = false
    /// How the device was stopped for a rest (see `Sink.suspend`); nil while it plays.
    private var suspension: Suspension?
    /// Set by a `waitForRoom` that found room for a period, so the `write` after it need not
    /// ask the device again (through PulseAudio's plugin each wait is a poll, a lock and
    /// several calls into the client library, once per period).
    private var hasRoom = false

    private enum Suspension {
        /// `snd_pcm_pause`: the device keeps its silence and goes on from there.
        case paused
        /// The device cannot pause: its queue of silence was dropped; it starts again once refilled.
        case dropped
    }

    /// alsa-lib's own stderr lines would break the one-line error the user sees.
    private static let silenceLibraryMessages: Void = soundscape_alsa_silence_errors()

    /// How long `write` waits on the device in one go before counting a stall.
    private static let waitSliceMilliseconds: Int32 = 100
    /// A device that takes no audio for this long is treated as gone.
    private static let stallLimitMilliseconds: Int32 = 2_000

    /// Opens `device` for playback.
    ///
    /// - Parameters:
    ///   - device: An ALSA PCM name (`default`, `pulse`, `plughw:1,0`, …).
    ///   - latencyMilliseconds: The buffer length; nil means `defaultLatencyMilliseconds`.
    ///     The period is a third of it, at most 40 ms (`periodMilliseconds(forLatencyMilliseconds:)`).
    ///   - reconnect: When the device goes away while playing, wait for it to come back
    ///     (reopening it with back-off) instead of failing with `.deviceLost`.
    ///   - onDeviceEvent: Told, on a thread of the sink's own, when a device waited for
    ///     goes away and when it is back.
    /// - Throws: `.deviceBusy` when another program holds the device,
    ///   `.deviceUnavailable` when it does not exist or cannot play this format.
    public init(
        device: String = AlsaSink.defaultDevice, latencyMilliseconds: Double? = nil, reconnect: Bool = false,
        onDeviceEvent: (@Sendable (DeviceEvent) -> Void)? = nil
    ) throws(SinkError) {
        name = device
        AlsaSink.silenceLibraryMessages
        let rate = Double(AudioFormat.sampleRate)
        let bufferMilliseconds = latencyMilliseconds ?? AlsaSink.defaultLatencyMilliseconds
        let periodMilliseconds = AlsaSink.periodMilliseconds(forLatencyMilliseconds: bufferMilliseconds)
        let requestedPeriod = Int((periodMilliseconds * rate / 1000).rounded())
        let requestedBuffer = Int((bufferMilliseconds * rate / 1000).rounded())
        let (handle, period, buffer) = try AlsaSink.open(device, periodFrames: requestedPeriod, bufferFrames: requestedBuffer)
        periodFrames = period
        self.latencyMilliseconds = Double(buffer) * 1000 / rate
        pcm = handle
        // The device comes back as it was first opened; the mixer's period stays what it is.
        reconnector =
            reconnect
            ? DeviceReconnector(
                device: device,
                open: { () throws(SinkError) -> OpaquePointer in
                    try AlsaSink.open(device, periodFrames: requestedPeriod, bufferFrames: requestedBuffer).pcm
                }, onEvent: onDeviceEvent) : nil
    }

    /// Opens and configures `device`; the PCM and the period and buffer it granted, in frames.
    private static func open(
        _ device: String, periodFrames: Int, bufferFrames: Int
    ) throws(SinkError) -> (pcm: OpaquePointer, period: Int, buffer: Int) {
        var handle: OpaquePointer?
        // A sound-server plugin starts its client thread while opening; at normal
        // priority a busy machine starves it and the server underruns (xruns).
        let openResult = RealTimePriority.withPriorityForThreadsStarted {
            snd_pcm_open(&handle, device, SND_PCM_STREAM_PLAYBACK, 0)
        }
        guard openResult >= 0, let handle else { throw AlsaSink.openError(openResult, device: device) }
        do {
            let (period, buffer) = try AlsaSink.configure(
                handle, device: device, periodFrames: periodFrames, bufferFrames: bufferFrames)
            return (handle, period, buffer)
        } catch {
            snd_pcm_close(handle)
            throw error
        }
    }

    deinit { close() }

    /// Sets float stereo 48 kHz with the nearest period and buffer the device allows;
    /// returns the period and buffer it granted, in frames.
    private static func configure(
        _ pcm: OpaquePointer, device: String, periodFrames: Int, bufferFrames: Int
    ) throws(SinkError) -> (period: Int, buffer: Int) {
        var hw: OpaquePointer?
        var sw: OpaquePointer?
        guard snd_pcm_hw_params_malloc(&hw) == 0, let hw, snd_pcm_sw_params_malloc(&sw) == 0, let sw else {
            throw .deviceUnavailable(device: device, reason: "out of memory")
        }
        defer {
            snd_pcm_hw_params_free(hw)
            snd_pcm_sw_params_free(sw)
        }
        func check(_ result: Int32, _ what: String) throws(SinkError) {
            if result < 0 {
                throw .deviceUnavailable(device: device, reason: "\(what): \(describe(result))")
            }
        }
        try check(snd_pcm_hw_params_any(pcm, hw), "cannot read its capabilities")
        try check(snd_pcm_hw_params_set_rate_resample(pcm, hw, 1), "cannot resample")
        try check(
            snd_pcm_hw_params_set_access(pcm, hw, SND_PCM_ACCESS_RW_INTERLEAVED),
            "does not take interleaved samples")
        try check(
            snd_pcm_hw_params_set_format(pcm, hw, SND_PCM_FORMAT_FLOAT_LE),
            "does not take float samples (try plughw: instead of hw:)")
        try check(
            snd_pcm_hw_params_set_channels(pcm, hw, UInt32(AudioFormat.channelCount)),
            "does not play stereo (try plughw: instead of hw:)")
        var rate = UInt32(AudioFormat.sampleRate)
        var direction: Int32 = 0
        try check(snd_pcm_hw_params_set_rate_near(pcm, hw, &rate, &direction), "does not play 48 kHz")
        guard rate == UInt32(AudioFormat.sampleRate) else {
            throw .deviceUnavailable(device: device, reason: "plays \(rate) Hz, not 48000 Hz (try plughw: instead of hw:)")
        }
        var buffer = snd_pcm_uframes_t(bufferFrames)
        try check(snd_pcm_hw_params_set_buffer_size_near(pcm, hw, &buffer), "refuses a \(bufferFrames)-frame buffer")
        var period = snd_pcm_uframes_t(periodFrames)
        direction = 0
        try check(snd_pcm_hw_params_set_period_size_near(pcm, hw, &period, &direction), "refuses a \(periodFrames)-frame period")
        try check(snd_pcm_hw_params(pcm, hw), "cannot be configured")
        snd_pcm_hw_params_get_period_size(hw, &period, &direction)
        snd_pcm_hw_params_get_buffer_size(hw, &buffer)

        try check(snd_pcm_sw_params_current(pcm, sw), "cannot read its software parameters")
        // Start only once the buffer is full, so the first periods do not underrun.
        try check(snd_pcm_sw_params_set_start_threshold(pcm, sw, buffer - buffer % period), "refuses a start threshold")
        // Wake the writer as soon as one period of space is free.
        try check(snd_pcm_sw_params_set_avail_min(pcm, sw, period), "refuses a wake-up size")
        try check(snd_pcm_sw_params(pcm, sw), "cannot be configured")
        return (Int(period), Int(buffer))
    }

    public var isWaitingForDevice: Bool { reconnector?.isWaiting ?? false }

    public var reconnectionCount: Int { reconnector?.reconnectionCount ?? 0 }

    public func waitForDevice(milliseconds: Int) -> Bool {
        guard let reconnector else { return true }
        guard let reopened = reconnector.takeReopened(waitingUpTo: milliseconds) else { return false }
        pcm = reopened
        return true
    }

    /// Pauses the device (a sound server corks the stream and stops waking us), or, where it
    /// cannot pause, drops its queue, which holds only silence by now. Not while waiting for a
    /// lost device: then there is nothing to stop.
    public func suspend() -> Bool {
        guard let pcm, suspension == nil else { return false }
        if snd_pcm_pause(pcm, 1) == 0 {
            suspension = .paused
        } else {
            snd_pcm_drop(pcm)
            suspension = .dropped
        }
        return true
    }

    /// Starts the device again after `suspend`. A failure here shows in the next `write`,
    /// which recovers or reconnects as for any other failure.
    public func resume() {
        guard let pcm, let how = suspension else { return }
        suspension = nil
        if how == .paused && snd_pcm_pause(pcm, 0) == 0 { return }
        // Dropped (or it would not go on): prepared, it starts once the writes fill the buffer.
        snd_pcm_drop(pcm)
        snd_pcm_prepare(pcm)
    }

    /// Waits until the device can take a period without blocking (or for one wait slice, or
    /// until it fails: `write` then deals with it), so the period mixed next is mixed as late as
    /// possible. Not while resting or waiting for a lost device.
    public func waitForRoom() {
        guard let pcm, suspension == nil else { return }
        hasRoom = snd_pcm_wait(pcm, AlsaSink.waitSliceMilliseconds) > 0
    }

    public func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError) {
        guard let pcm else { return }
        let result = AlsaSink.writeAll(pcm, frames, frameCount: frameCount, hasRoom: hasRoom, xruns: xruns)
        hasRoom = false
        if result < 0, let reconnector {
            // Hand the dead device over and wait for it (the period loop sees isWaitingForDevice).
            self.pcm = nil
            reconnector.deviceLost(pcm, code: result)
        } else if result < 0 {
            // The cold path: the device is gone; building the message may allocate.
            failed = true
            throw .deviceLost(device: name, reason: AlsaSink.describe(result))
        }
    }

    /// Writes every frame, waiting on the device in short slices (not before the first write
    /// when `hasRoom`: a wait just found room for it). Returns 0, or a negative errno when the
    /// device failed in a way recovery cannot fix.
    /// Runs on the audio thread: no allocation, no locks — only ALSA calls and
    /// atomics. (`@_noAllocation` cannot be used here: it rejects every C call.)
    private static func writeAll(
        _ pcm: OpaquePointer, _ frames: UnsafePointer<Float>, frameCount: Int, hasRoom: Bool,
        xruns: borrowing Atomic<Int>
    ) -> Int32 {
        var written = 0
        var stalledMilliseconds: Int32 = 0
        var skipWait = hasRoom
        while written < frameCount {
            let ready = skipWait ? 1 : snd_pcm_wait(pcm, waitSliceMilliseconds)
            skipWait = false
            if ready == 0 {
                // Timed out: a running device always frees space within one buffer.
                stalledMilliseconds += waitSliceMilliseconds
                if stalledMilliseconds >= stallLimitMilliseconds { return -ETIMEDOUT }
                continue
            }
            stalledMilliseconds = 0
            var result: Int
            if ready < 0 {
                result = Int(ready)
            } else {
                let remaining = snd_pcm_uframes_t(frameCount - written)
                result = snd_pcm_writei(pcm, frames + written * AudioFormat.channelCount, remaining)
            }
            if result >= 0 {
                written += result
                continue
            }
            let error = Int32(result)
            if error == -EAGAIN || error == -EINTR { continue }
            guard error == -EPIPE || error == -ESTRPIPE else { return error }
            if error == -EPIPE { xruns.add(1, ordering: .relaxed) }
            let recovered = snd_pcm_recover(pcm, error, 1)
            if recovered < 0 { return recovered }
        }
        return 0
    }

    public func close() {
        // First the reconnector, which may hold a dead or a reopened device of its own.
        reconnector?.stop()
        guard let pcm else { return }
        self.pcm = nil
        // Let the last periods play out, unless the device is dead or resting (it holds only silence).
        if failed || suspension != nil {
            snd_pcm_drop(pcm)
        } else {
            snd_pcm_drain(pcm)
        }
        snd_pcm_close(pcm)
    }

    /// What a failed `snd_pcm_open` of `device` means for the user: EBUSY is another
    /// program holding the device (an exclusive `hw` device, or dmix's slave);
    /// anything else, that the device cannot be used at all.
    static func openError(_ code: Int32, device: String) -> SinkError {
        code == -EBUSY ? .deviceBusy(device: device) : .deviceUnavailable(device: device, reason: describe(code))
    }

    /// ALSA's words for an error code ("No such file or directory", "Connection refused").
    static func describe(_ code: Int32) -> String {
        if code == -ETIMEDOUT { return "it took no audio for \(stallLimitMilliseconds / 1000) s" }
        if code == -ENOENT { return "no such device" }
        return String(cString: snd_strerror(code))
    }
}
