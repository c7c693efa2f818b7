import Synchronization

/// The first stop signal received, for a loop that checks it between steps.
final class StopSignal: Sendable {
    private let number = Atomic<Int32>(0)

    /// The signal's number, 0 while none came.
    var received: Int32 { number.load(ordering: .relaxed) }

    func record(_ signal: Int32) {
        _ = number.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    }
}
