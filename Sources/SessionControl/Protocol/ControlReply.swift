/// A session's answer to one request, one JSON line: `{"v":1,"ok":true}`,
/// `{"v":1,"ok":true,"message":"added rain"}`, `{"v":1,"ok":true,"status":{…}}`,
/// or `{"v":1,"ok":false,"error":"no layer 'snow'; layers: rain, thunder"}`.
public struct ControlReply: Codable, Equatable, Sendable {
    public var version: Int
    public var ok: Bool
    /// What the session did, in words ("planned: rain, thunder"), when there is more to say than ok.
    public var message: String?
    /// Why the request was refused, in one line.
    public var error: String?
    /// The session's state, answering `status`.
    public var status: SessionStatus?

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case ok, message, error, status
    }

    public init(ok: Bool, message: String? = nil, error: String? = nil, status: SessionStatus? = nil) {
        version = ControlProtocol.version
        self.ok = ok
        self.message = message
        self.error = error
        self.status = status
    }

    /// Done, perhaps with a word about it.
    public static func done(_ message: String? = nil) -> ControlReply { ControlReply(ok: true, message: message) }

    /// Refused, with the reason on one line.
    public static func refused(_ reason: String) -> ControlReply {
        ControlReply(ok: false, error: reason.replacingNewlines())
    }
}

extension String {
    /// The text on one line: newlines become spaces.
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
