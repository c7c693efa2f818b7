import Foundation

/// Any JSON object key: decoding lists the keys a request has, so an unknown or
/// misspelt one ("wieght") is refused by name instead of silently doing nothing.
struct WireKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension ControlRequest: Codable {
    /// The keys each command takes besides "v" and "cmd".
    static let fields: [String: [String]] = [
        "status": [], "set": ["layer", "weight", "intensity", "mute"], "master": ["value"], "add": ["sound"],
        "remove": ["layer"], "prompt": ["text"], "scene": ["name"], "save": ["name"], "timer": ["minutes"],
        "evolve": ["on"], "pause": [], "resume": [], "toggle": [], "quit": [],
    ]

    public init(from decoder: Decoder) throws {
        let object: KeyedDecodingContainer<WireKey>
        do {
            object = try decoder.container(keyedBy: WireKey.self)
        } catch {
            throw ControlError.badRequest("a request is one JSON object, like {\"v\":1,\"cmd\":\"status\"}")
        }
        let reader = FieldReader(object: object)
        guard object.contains(WireKey("v")) else {
            throw ControlError.badRequest("the request has no protocol version: add \"v\":\(ControlProtocol.version)")
        }
        let version = try reader.integer("v")
        guard version == ControlProtocol.version else {
            throw ControlError.badRequest(
                "protocol version \(version) is not spoken here; this session speaks version \(ControlProtocol.version)")
        }
        let command = try reader.text("cmd")
        guard let allowed = Self.fields[command] else {
            throw ControlError.badRequest(
                "unknown command \(Quoted(command)); commands: \(Self.fields.keys.sorted().joined(separator: ", "))")
        }
        let known = Set(allowed + ["v", "cmd"])
        if let unknown = object.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            let takes = allowed.isEmpty ? "no fields" : allowed.joined(separator: ", ")
            throw ControlError.badRequest("\(command) takes \(takes), not \(Quoted(unknown))")
        }
        switch command {
        case "status": self = .status
        case "set":
            let change = LayerChange(
                weight: try reader.optionalUnit("weight"), intensity: try reader.optionalUnit("intensity"),
                muted: try reader.optionalBoolean("mute"))
            guard !change.isEmpty else {
                throw ControlError.badRequest("set needs a weight, an intensity or mute")
            }
            self = .set(layer: try reader.text("layer"), change: change)
        case "master": self = .master(try reader.unit("value"))
        case "add": self = .add(sound: try reader.text("sound"))
        case "remove": self = .remove(layer: try reader.text("layer"))
        case "prompt": self = .prompt(try reader.text("text"))
        case "scene": self = .scene(try reader.text("name"))
        case "save": self = .save(name: try reader.text("name"))
        case "timer": self = .timer(minutes: try reader.minutesOrOff("minutes"))
        case "evolve": self = .evolve(try reader.boolean("on"))
        case "pause": self = .pause
        case "resume": self = .resume
        case "toggle": self = .toggle
        default: self = .quit
        }
    }

    public func encode(to encoder: Encoder) throws {
        var object = encoder.container(keyedBy: WireKey.self)
        try object.encode(ControlProtocol.version, forKey: WireKey("v"))
        try object.encode(command, forKey: WireKey("cmd"))
        switch self {
        case .status, .pause, .resume, .toggle, .quit: break
        case .set(let layer, let change):
            try object.encode(layer, forKey: WireKey("layer"))
            try object.encodeIfPresent(change.weight, forKey: WireKey("weight"))
            try object.encodeIfPresent(change.intensity, forKey: WireKey("intensity"))
            try object.encodeIfPresent(change.muted, forKey: WireKey("mute"))
        case .master(let value): try object.encode(value, forKey: WireKey("value"))
        case .add(let sound): try object.encode(sound, forKey: WireKey("sound"))
        case .remove(let layer): try object.encode(layer, forKey: WireKey("layer"))
        case .prompt(let text): try object.encode(text, forKey: WireKey("text"))
        case .scene(let name), .save(let name): try object.encode(name, forKey: WireKey("name"))
        case .timer(let minutes):
            if let minutes { try object.encode(minutes, forKey: WireKey("minutes")) } else {
                try object.encode("off", forKey: WireKey("minutes"))
            }
        case .evolve(let on): try object.encode(on, forKey: WireKey("on"))
        }
    }
}

/// Reads one request's fields, each refused in one line naming the field and what it must be.
private struct FieldReader {
    let object: KeyedDecodingContainer<WireKey>

    func integer(_ name: String) throws -> Int {
        guard let value = try? object.decode(Int.self, forKey: WireKey(name)) else {
            throw ControlError.badRequest("\"\(name)\" must be a whole number")
        }
        return value
    }

    func text(_ name: String) throws -> String {
        let key = WireKey(name)
        guard object.contains(key) else { throw ControlError.badRequest("the request needs \"\(name)\"") }
        guard let value = try? object.decode(String.self, forKey: key) else {
            throw ControlError.badRequest("\"\(name)\" must be a string")
        }
        guard !value.allSatisfy(\.isWhitespace) else { throw ControlError.badRequest("\"\(name)\" is empty") }
        guard value.count <= ControlProtocol.maximumTextLength else {
            throw ControlError.badRequest(
                "\"\(name)\" is longer than \(ControlProtocol.maximumTextLength) characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ControlError.badRequest("\"\(name)\" holds a control character")
        }
        return value
    }

    func unit(_ name: String) throws -> Double {
        guard let value = try optionalUnit(name) else { throw ControlError.badRequest("the request needs \"\(name)\"") }
        return value
    }

    /// A number from 0 to 1: weights, intensities and the master are fader positions.
    func optionalUnit(_ name: String) throws -> Double? {
        let key = WireKey(name)
        guard object.contains(key) else { return nil }
        guard let value = try? object.decode(Double.self, forKey: key) else {
            throw ControlError.badRequest("\"\(name)\" must be a number from 0 to 1")
        }
        guard value.isFinite, (0...1).contains(value) else {
            throw ControlError.badRequest("\"\(name)\" is \(value); it must be from 0 to 1")
        }
        return value
    }

    func boolean(_ name: String) throws -> Bool {
        guard let value = try optionalBoolean(name) else { throw ControlError.badRequest("the request needs \"\(name)\"") }
        return value
    }

    func optionalBoolean(_ name: String) throws -> Bool? {
        let key = WireKey(name)
        guard object.contains(key) else { return nil }
        guard let value = try? object.decode(Bool.self, forKey: key) else {
            throw ControlError.badRequest("\"\(name)\" must be true or false")
        }
        return value
    }

    /// Minutes of a timer, or the string "off" (nil).
    func minutesOrOff(_ name: String) throws -> Double? {
        let key = WireKey(name)
        guard object.contains(key) else { throw ControlError.badRequest("the request needs \"\(name)\"") }
        if let text = try? object.decode(String.self, forKey: key), text == "off" { return nil }
        let longest = ControlProtocol.longestTimerMinutes
        guard let minutes = try? object.decode(Double.self, forKey: key), minutes.isFinite, minutes > 0,
            minutes <= longest
        else {
            throw ControlError.badRequest("\"\(name)\" must be a number of minutes from above 0 to \(Int(longest)), or \"off\"")
        }
        return minutes
    }
}
