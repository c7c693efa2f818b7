/// One `ctl` connection as the server holds it: what it sent but has not been read
/// as a request yet, what waits to be written to it, and whether it waits for an answer.
///
/// A connection has at most one request in flight: until the session answers it, the
/// server reads nothing more from it, so its memory stays one line plus one read.
struct ServerConnection {
    let id: UInt64
    let descriptor: Int32
    var input = LineBuffer()
    /// Reply bytes not yet written.
    var output: [UInt8] = []
    /// A request of this connection is with the session.
    var awaitingReply = false
    /// The connection broke the protocol (an endless line): close it once its error reply is out.
    var closeWhenFlushed = false
    /// The client shut down its sending side; answer what it sent, then close.
    var peerClosed = false
    /// Monotonic seconds of the last byte read or reply queued.
    var lastActivity: Double

    init(id: UInt64, descriptor: Int32, now: Double) {
        self.id = id
        self.descriptor = descriptor
        lastActivity = now
    }

    /// Whether the server should read from it now.
    var wantsToRead: Bool { !awaitingReply && !closeWhenFlushed && !peerClosed && !input.hasCompleteLine }

    /// Whether it is done: nothing more will come from either side.
    var isFinished: Bool {
        guard output.isEmpty, !awaitingReply else { return false }
        return closeWhenFlushed || (peerClosed && !input.hasCompleteLine)
    }

    mutating func queue(_ reply: ControlReply) {
        output += RequestParser.line(reply)
    }
}
