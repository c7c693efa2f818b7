import Foundation

/// Turns one request line into a `ControlRequest`, or into the one-line reason it is
/// not one. Whatever arrives — binary garbage, deep nesting, huge numbers, a line
/// past the limit — the answer is a value, never a crash.
public enum RequestParser {
    public static func parse(_ line: [UInt8]) -> Result<ControlRequest, ControlError> {
        guard line.count <= ControlProtocol.maximumLineBytes else {
            return .failure(.lineTooLong(limit: ControlProtocol.maximumLineBytes))
        }
        guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
            return .failure(.badRequest("the request line is empty; send one JSON object per line"))
        }
        guard String(validating: line, as: UTF8.self) != nil else {
            return .failure(.badRequest("the request is not UTF-8 text; send one JSON object per line"))
        }
        do {
            return .success(try JSONDecoder().decode(ControlRequest.self, from: Data(line)))
        } catch let error as ControlError {
            return .failure(error)
        } catch {
            return .failure(.badRequest("the request is not valid JSON; send one JSON object per line, like {\"v\":1,\"cmd\":\"status\"}"))
        }
    }

    /// A request or reply as one line of JSON, newline included.
    public static func line(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Our own types always encode; a failure here is a bug in them, not input.
        guard let data = try? encoder.encode(value) else { preconditionFailure("cannot encode \(value)") }
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// Reads a reply line.
    public static func reply(_ line: [UInt8]) -> Result<ControlReply, ControlError> {
        guard let reply = try? JSONDecoder().decode(ControlReply.self, from: Data(line)) else {
            let text = String(decoding: line.prefix(80), as: UTF8.self)
            return .failure(.badReply("the session answered something that is not a reply: \(Quoted(text))"))
        }
        guard reply.version == ControlProtocol.version else {
            return .failure(.badReply("the session speaks protocol version \(reply.version), this ctl \(ControlProtocol.version); use the same soundscape for both"))
        }
        return .success(reply)
    }
}
