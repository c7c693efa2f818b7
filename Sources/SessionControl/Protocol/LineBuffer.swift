/// Bytes read from a connection, cut into lines, never holding more than one line
/// of at most `maximumLineBytes` plus what the last read brought.
///
/// The reader decides how much to read: while `nextLine()` returns a line, the
/// server handles it before reading more, so a client that sends faster than its
/// requests are answered waits in its own socket buffer, not in our memory.
public struct LineBuffer: Sendable {
    public let maximumLineBytes: Int
    private var bytes: [UInt8] = []
    /// Bytes at the front already searched for a newline.
    private var searched = 0

    public init(maximumLineBytes: Int = ControlProtocol.maximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Bytes held, complete lines and the unfinished one.
    public var count: Int { bytes.count }

    /// True when the unfinished line is already longer than a line may be: the
    /// connection is sending something that is not the protocol.
    public var isOverflowing: Bool {
        !hasCompleteLine && bytes.count > maximumLineBytes
    }

    /// Whether a whole line waits to be taken.
    public var hasCompleteLine: Bool {
        // Bytes before `searched` hold no newline: `nextLine` looked at them.
        bytes[searched...].contains(UInt8(ascii: "\n"))
    }

    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
    }

    public mutating func append(contentsOf chunk: some Sequence<UInt8>) {
        bytes.append(contentsOf: chunk)
    }

    /// The next whole line without its newline (and without a carriage return before
    /// it), or nil when the line is unfinished. A line longer than `maximumLineBytes`
    /// is returned too; the caller refuses it by its length.
    public mutating func nextLine() -> [UInt8]? {
        guard let end = bytes[searched...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = bytes.count
            return nil
        }
        var line = Array(bytes[..<end])
        bytes.removeFirst(end + 1)
        searched = 0
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }
}
