import AudioEngine
import CSystemdBus
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The session as an MPRIS media player on the D-Bus session bus, so media keys, desktop
/// panels and `playerctl` pause it and set its volume: `org.mpris.MediaPlayer2.soundscape`
/// (`.instancePID` when another session holds that name), on a thread of its own.
///
/// It changes nothing itself: PlayPause, Play, Pause, Stop, Quit and Volume become `ctl`
/// requests carried out by the session's control thread, and the properties it shows come
/// from the status that thread publishes. Stop pauses: a soundscape has no start to return to.
public final class MediaPlayerService: @unchecked Sendable {
    public static let busName = "org.mpris.MediaPlayer2.soundscape"
    /// How often the properties follow the session (and a stop request is noticed).
    static let refreshMicroseconds: UInt64 = 100_000

    /// The name taken on the bus.
    public private(set) var name = ""
    private let control: ControlServer
    private let stopping = Atomic<Bool>(false)
    private var thread: EngineThread?

    private init(control: ControlServer) {
        self.control = control
    }

    /// Connects to the session bus and starts serving; the reason in one line when there is
    /// no session bus or the name cannot be had (the session then plays on without MPRIS).
    public static func start(control: ControlServer) -> Result<MediaPlayerService, ControlError> {
        let service = MediaPlayerService(control: control)
        let opened = Mutex<Result<String, ControlError>?>(nil)
        // sd-bus objects belong to one thread: open the connection on the thread that serves it.
        service.thread = EngineThread(name: "soundscape-mpris") { [service] in
            var error: Int32 = 0
            var chosen = [CChar](repeating: 0, count: 256)
            let context = Unmanaged.passUnretained(service).toOpaque()
            let bus = soundscape_mpris_open(
                busName, { context, command, value in
                    Unmanaged<MediaPlayerService>.fromOpaque(context!).takeUnretainedValue().handle(command, value)
                }, context, &error, &chosen, chosen.count)
            guard let bus else {
                opened.withLock { $0 = .failure(.noMediaKeys(errno: -error)) }
                return
            }
            let name = String(decoding: chosen.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            opened.withLock { $0 = .success(name) }
            service.serve(bus)
            soundscape_mpris_close(bus)
        }
        while true {
            if let result = opened.withLock({ $0 }) {
                switch result {
                case .success(let name):
                    service.name = name
                    return .success(service)
                case .failure(let error):
                    service.thread?.join()
                    return .failure(error)
                }
            }
            usleep(1_000)
        }
    }

    /// Stops serving and leaves the bus. Safe to call twice.
    public func stop() {
        stopping.store(true, ordering: .releasing)
        thread?.join()
    }

    private func serve(_ bus: OpaquePointer) {
        while !stopping.load(ordering: .acquiring) {
            if let status = control.publishedStatus {
                _ = soundscape_mpris_update(
                    bus, status.paused ? "Paused" : "Playing", status.master, status.title)
            }
            // A broken connection (the bus went away) ends MPRIS; the session plays on.
            guard soundscape_mpris_run_once(bus, Self.refreshMicroseconds) >= 0 else { return }
        }
    }

    private func handle(_ command: Int32, _ value: Double) {
        switch Int(command) {
        case Int(SOUNDSCAPE_MPRIS_PLAY_PAUSE): control.submit(.toggle)
        case Int(SOUNDSCAPE_MPRIS_PLAY): control.submit(.resume)
        case Int(SOUNDSCAPE_MPRIS_PAUSE), Int(SOUNDSCAPE_MPRIS_STOP): control.submit(.pause)
        case Int(SOUNDSCAPE_MPRIS_QUIT): control.submit(.quit)
        case Int(SOUNDSCAPE_MPRIS_SET_VOLUME): control.submit(.master(min(max(value, 0), 1)))
        default: break
        }
    }
}
