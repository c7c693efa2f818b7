#if canImport(Glibc)
    import Glibc
#endif

/// The scheduling the generation workers got: above ordinary processes where the system
/// allows, so CPU-bound programs beside us cannot starve a layer's ring.
///
/// Workers run in bursts (a fraction of a second of audio every half second or so) and
/// sleep in between, so a real-time policy cannot hog a core. Tried in order:
/// `SCHED_RR` at priority 1 (below the audio thread's `RealTimePriority.priority`, above
/// every normal thread), then a nice value of −10, then normal priority.
public enum GenerationPriority: UInt8, Sendable, Equatable {
    /// The workers have not started (offline rendering, or before `start()`).
    case unknown
    case realTime
    case raised
    /// The system refused both (no CAP_SYS_NICE, RLIMIT_RTPRIO and RLIMIT_NICE at 0).
    case normal
    /// Normal priority by choice: the engine feeds no device (the null sink, a file).
    case notNeeded

    /// The SCHED_RR priority asked for.
    static let realTimePriority: Int32 = 1
    /// The nice value asked for when real-time is refused.
    static let niceValue: Int32 = -10

    /// Raises the calling thread as far as allowed and says how far it got.
    static func raiseCurrentThread() -> GenerationPriority {
        var parameters = sched_param()
        parameters.sched_priority = realTimePriority
        if pthread_setschedparam(pthread_self(), Int32(SCHED_RR), &parameters) == 0 { return .realTime }
        // Linux keeps a nice value per thread: PRIO_PROCESS with 0 sets the calling thread's only.
        if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceValue) == 0 { return .raised }
        return .normal
    }

    /// For people: how the workers run.
    public var description: String {
        switch self {
        case .unknown: return "not started"
        case .realTime: return "real-time priority (SCHED_RR \(Self.realTimePriority))"
        case .raised: return "raised priority (nice \(Self.niceValue))"
        case .normal: return "normal priority"
        case .notNeeded: return "normal priority (no device to keep up with)"
        }
    }
}
