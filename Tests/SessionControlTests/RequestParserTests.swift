import DSP
import Foundation
@testable import SessionControl
import Testing

/// The `ctl` protocol's request parser: every request `ctl` can send reads back as
/// itself, and whatever else arrives is refused in one line — never a crash.
@Suite struct RequestParserTests {
    static func parse(_ text: String) -> Result<ControlRequest, ControlError> {
        RequestParser.parse(Array(text.utf8))
    }

    static func refusal(_ text: String) -> String? {
        if case .failure(let error) = parse(text) { return error.description }
        return nil
    }

    @Test func everyCommandReadsFromItsDocumentedLine() throws {
        let examples: [(String, ControlRequest)] = [
            (#"{"v":1,"cmd":"status"}"#, .status),
            (#"{"v":1,"cmd":"set","layer":"rain","weight":0.4}"#, .set(layer: "rain", change: .init(weight: 0.4))),
            (
                #"{"v":1,"cmd":"set","layer":"2","intensity":1,"mute":true}"#,
                .set(layer: "2", change: .init(intensity: 1, muted: true))
            ),
            (#"{"v":1,"cmd":"master","value":0}"#, .master(0)),
            (#"{"v":1,"cmd":"add","sound":"rain:window"}"#, .add(sound: "rain:window")),
            (#"{"v":1,"cmd":"remove","layer":"thunder"}"#, .remove(layer: "thunder")),
            (#"{"v":1,"cmd":"prompt","text":"rain on a tin roof"}"#, .prompt("rain on a tin roof")),
            (#"{"v":1,"cmd":"scene","name":"/home/me/evening.toml"}"#, .scene("/home/me/evening.toml")),
            (#"{"v":1,"cmd":"save","name":"evening"}"#, .save(name: "evening")),
            (#"{"v":1,"cmd":"timer","minutes":25}"#, .timer(minutes: 25)),
            (#"{"v":1,"cmd":"timer","minutes":"off"}"#, .timer(minutes: nil)),
            (#"{"v":1,"cmd":"evolve","on":false}"#, .evolve(false)),
            (#" {"cmd":"pause","v":1} "#, .pause),
            (#"{"v":1,"cmd":"resume"}"#, .resume),
            (#"{"v":1,"cmd":"toggle"}"#, .toggle),
            (#"{"v":1,"cmd":"quit"}"#, .quit),
        ]
        for (line, expected) in examples {
            #expect(try Self.parse(line).get() == expected, "\(line)")
        }
    }

    @Test func badRequestsAreRefusedNamingWhatIsWrong() {
        let cases: [(String, String)] = [
            (#"{"cmd":"status"}"#, "\"v\":1"),
            (#"{"v":2,"cmd":"status"}"#, "version 2"),
            (#"{"v":1,"cmd":"dance"}"#, "'dance'"),
            (#"{"v":1,"cmd":"set","layer":"rain","wieght":0.4}"#, "'wieght'"),
            (#"{"v":1,"cmd":"set","layer":"rain"}"#, "set needs"),
            (#"{"v":1,"cmd":"set","layer":"rain","weight":1.5}"#, "from 0 to 1"),
            (#"{"v":1,"cmd":"set","layer":"rain","weight":"loud"}"#, "\"weight\" must be a number"),
            (#"{"v":1,"cmd":"master"}"#, "needs \"value\""),
            (#"{"v":1,"cmd":"timer","minutes":0}"#, "minutes"),
            (#"{"v":1,"cmd":"timer","minutes":100000}"#, "1440"),
            (#"{"v":1,"cmd":"prompt","text":"  "}"#, "empty"),
            (#"{"v":1,"cmd":"save","name":"a\nb"}"#, "control character"),
            (#"{"v":1,"cmd":"evolve","on":"yes"}"#, "true or false"),
            (#"[1,2]"#, "one JSON object"),
            (#"{"v":1,"cmd":"status""#, "not valid JSON"),
            ("", "empty"),
        ]
        for (line, expected) in cases {
            let reason = Self.refusal(line)
            #expect(reason?.contains(expected) == true, "\(line) → \(reason ?? "accepted")")
        }
    }

    @Test func aLineLongerThanTheLimitIsRefusedByItsLength() {
        let text = #"{"v":1,"cmd":"prompt","text":""# + String(repeating: "a", count: ControlProtocol.maximumLineBytes)
            + #""}"#
        #expect(Self.refusal(text) == ControlError.lineTooLong(limit: ControlProtocol.maximumLineBytes).description)
    }

    // MARK: Property and fuzz tests

    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["SOUNDSCAPE_FUZZ_COUNT"].flatMap(Int.init) ?? 3_000
    static let seed = environment["SOUNDSCAPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_207

    static func randomText(_ random: inout Random) -> String {
        let alphabet = Array("abc xyz:-_.0123456789/é☔\"\\'{}")
        var text = String((0...random.below(12)).map { _ in alphabet[random.below(alphabet.count)] })
        if text.allSatisfy(\.isWhitespace) { text = "rain" }
        return text
    }

    static func randomUnit(_ random: inout Random) -> Double {
        [0, 1, 0.5, Double(random.unit())][random.below(4)]
    }

    static func randomRequest(_ random: inout Random) -> ControlRequest {
        switch random.below(14) {
        case 0: return .status
        case 1:
            var change = ControlRequest.LayerChange()
            while change.isEmpty {
                if random.below(2) == 0 { change.weight = randomUnit(&random) }
                if random.below(2) == 0 { change.intensity = randomUnit(&random) }
                if random.below(2) == 0 { change.muted = random.below(2) == 0 }
            }
            return .set(layer: randomText(&random), change: change)
        case 2: return .master(randomUnit(&random))
        case 3: return .add(sound: randomText(&random))
        case 4: return .remove(layer: randomText(&random))
        case 5: return .prompt(randomText(&random))
        case 6: return .scene(randomText(&random))
        case 7: return .save(name: randomText(&random))
        case 8: return .timer(minutes: random.below(3) == 0 ? nil : Double(1 + random.below(1440)))
        case 9: return .evolve(random.below(2) == 0)
        case 10: return .pause
        case 11: return .resume
        case 12: return .toggle
        default: return .quit
        }
    }

    @Test func everyRequestCtlCanSendReadsBackAsItself() {
        var random = Random(seed: Self.seed)
        for round in 0..<Self.count {
            let request = Self.randomRequest(&random)
            let line = RequestParser.line(request)
            #expect(line.last == UInt8(ascii: "\n") && line.dropLast().firstIndex(of: UInt8(ascii: "\n")) == nil)
            let parsed = RequestParser.parse(Array(line.dropLast()))
            #expect((try? parsed.get()) == request, "round \(round): \(String(decoding: line, as: UTF8.self))")
        }
    }

    /// Every refusal is one line, short enough to read, and never echoes a whole payload.
    static func checkRefusalIsOneShortLine(_ bytes: [UInt8], label: String) {
        switch RequestParser.parse(bytes) {
        case .success: break
        case .failure(let error):
            let text = error.description
            #expect(!text.contains("\n") && !text.contains("\r"), "\(label): \(text)")
            #expect(!text.isEmpty && text.count < 300, "\(label): \(text.count) characters")
        }
    }

    @Test func randomBytesAreRefusedInOneLineOrReadAsARequest() {
        var random = Random(seed: Self.seed &+ 1)
        for round in 0..<Self.count {
            let length = random.below(4) == 0 ? random.below(2_048) : random.below(64)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.nextUInt32()) }
            if round % 2 == 0 { bytes = bytes.map { 0x20 + $0 % 0x5F } }
            Self.checkRefusalIsOneShortLine(bytes, label: "random bytes, round \(round)")
        }
    }

    @Test func mutatedRequestsAreRefusedInOneLineOrReadAsValidRequests() {
        var random = Random(seed: Self.seed &+ 2)
        let pieces = Array(#"{}[]":,0-1e999.5truefalsenull\u0000\"v""cmd""layer""weight""minutes"é"#.utf8)
        for round in 0..<Self.count {
            var bytes = Array(RequestParser.line(Self.randomRequest(&random)).dropLast())
            for _ in 0...random.below(4) {
                let at = random.below(bytes.count + 1)
                switch random.below(4) {
                case 0: if at < bytes.count { bytes.remove(at: at) }
                case 1: bytes.insert(pieces[random.below(pieces.count)], at: at)
                case 2: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.nextUInt32()) }
                default:
                    let end = min(bytes.count, at + random.below(8))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                }
            }
            let label = "mutation round \(round): \(String(decoding: bytes, as: UTF8.self))"
            Self.checkRefusalIsOneShortLine(bytes, label: label)
            // Whatever is accepted is a request the session can carry out as it is.
            if case .success(let request) = RequestParser.parse(bytes) {
                let again = RequestParser.parse(Array(RequestParser.line(request).dropLast()))
                #expect((try? again.get()) == request, "\(label)")
            }
        }
    }

    @Test func deepNestingHugeNumbersAndLongStringsAreRefusedWithoutACrash() {
        let limit = ControlProtocol.maximumLineBytes
        let hostile: [String] = [
            String(repeating: "[", count: limit / 2),
            String(repeating: "{\"a\":", count: limit / 6),
            #"{"v":1,"cmd":"master","value":1e400}"#,
            #"{"v":1e400,"cmd":"status"}"#,
            #"{"v":1,"cmd":"master","value":-0.0000000001}"#,
            #"{"v":1,"cmd":"prompt","text":""# + String(repeating: "é", count: limit / 3) + #""}"#,
            #"{"v":1,"cmd":"status","v":2}"#,
            "\u{FEFF}{\"v\":1,\"cmd\":\"status\"}",
        ]
        for text in hostile { Self.checkRefusalIsOneShortLine(Array(text.utf8), label: String(text.prefix(60))) }
        #expect(Self.refusal(#"{"v":1,"cmd":"master","value":1e400}"#) != nil)
    }
}
