/// Where the mixer's periods go: the sound device, an audio file, or nowhere.
///
/// Like cmus's output plugins, a sink is a short table of operations; each
/// backend is one file in SoundscapeIO. `write` is the only call made on the
/// audio thread, so implementations must not allocate, lock or log in it.
public protocol Sink: AnyObject {
    /// A name for the status line and errors ("default", "out.wav", "null").
    var name: String { get }
    /// Frames the mixer should hand over per `write` (one device period).
    var periodFrames: Int { get }
    /// The output latency the sink was opened with, in milliseconds (0 for files).
    var latencyMilliseconds: Double { get }
    /// Underruns the device reported and recovered from so far.
    var xrunCount: Int { get }
    /// Called on the audio thread before each period is mixed: waits until the device has
    /// room for a period, so the mix reflects the controls as late as possible (a change then
    /// waits at most one buffer, not a buffer and a period, before it is queued). Sinks that
    /// pace in `write` (or do not pace) return at once. Same rules as `write`.
    func waitForRoom()
    /// Writes `frameCount` interleaved stereo frames, blocking as the device paces.
    func write(_ frames: UnsafePointer<Float>, frameCount: Int) throws(SinkError)
    /// Lets the queued audio play out (devices) or finishes the file, then releases it.
    func close()
    /// Gives up the output: a device stops at once, a file being written is deleted
    /// (it was never complete). For playback that ended in an error or a cancel.
    func discard()
    /// A file on disk that holds the unfinished output until `close` moves it into place;
    /// a signal handler that must exit at once deletes it. Nil for devices.
    var unfinishedFilePath: String? { get }
    /// Why finishing the output failed in `close` (a full disk when the file was finalised); nil when it did not.
    var closeError: SinkError? { get }

    // Reconnection: a device sink may, instead of failing when its device goes away, wait for
    // it to come back. Its `write` then returns normally and `isWaitingForDevice` turns true;
    // the period loop stops mixing (so the scene keeps its place) and calls `waitForDevice`
    // until the device is back, then fades in.

    /// True from the moment the device went away until it is open again.
    var isWaitingForDevice: Bool { get }
    /// Called on the audio thread while `isWaitingForDevice`: waits up to `milliseconds` for
    /// the device to be open again and returns true once it is (the next `write` plays).
    /// Must not allocate, lock or log: it only sleeps and reads atomics.
    func waitForDevice(milliseconds: Int) -> Bool
    /// Times the device came back after going away.
    var reconnectionCount: Int { get }

    // Resting: once a pause has faded to silence and the device holds nothing but that
    // silence, there is nothing to play. A device sink then stops the device, and the period
    // loop sleeps until playback resumes instead of waking every period to write silence.

    /// Called on the audio thread when the device holds only silence: stops the device (pauses
    /// it, or drops its queue of silence). Returns false when the sink must go on taking periods
    /// (a file records a pause as silence). Same rules as `write`: no allocation, no locks.
    func suspend() -> Bool
    /// Called on the audio thread after a `suspend` that returned true, before the next `write`.
    func resume()

    /// True for a sound device, whose periods are due on time: the audio thread and the
    /// generation workers then ask for real-time scheduling. A file, the null sink or a test
    /// double is not late for anyone, and a real-time thread feeding one as fast as it can
    /// would take cores from every ordinary process (a sound server among them).
    var isDueInRealTime: Bool { get }
}

extension Sink {
    /// Devices have nothing to delete: discarding is closing.
    public func discard() { close() }
    public var unfinishedFilePath: String? { nil }
    public var closeError: SinkError? { nil }
    /// Files and null sinks never lose their device.
    public var isWaitingForDevice: Bool { false }
    public func waitForDevice(milliseconds: Int) -> Bool { true }
    public var reconnectionCount: Int { 0 }
    /// Pacing in `write` is enough for sinks without a device queue.
    public func waitForRoom() {}
    /// Files and sinks that do not pace keep taking periods while paused.
    public func suspend() -> Bool { false }
    public func resume() {}
    /// Only a device is due in real time.
    public var isDueInRealTime: Bool { false }
}

/// Why a sink failed, with what the user can do about it.
public enum SinkError: Error, Equatable, CustomStringConvertible {
    /// The device does not exist or cannot be opened.
    case deviceUnavailable(device: String, reason: String)
    /// The device is held by another program.
    case deviceBusy(device: String)
    /// The device went away while playing.
    case deviceLost(device: String, reason: String)
    /// The output file could not be created or written.
    case fileFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .deviceUnavailable(let device, let reason):
            return "cannot open audio device '\(device)': \(reason); choose another with --device NAME or write a file with --output FILE"
        case .deviceBusy(let device):
            return "audio device '\(device)' is busy (another program holds it); choose another with --device NAME or write a file with --output FILE"
        case .deviceLost(let device, let reason):
            return "audio device '\(device)' stopped working: \(reason)"
        case .fileFailed(let path, let reason):
            return "cannot write '\(path)': \(reason)"
        }
    }
}
