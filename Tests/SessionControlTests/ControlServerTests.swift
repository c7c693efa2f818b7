import Foundation
@testable import SessionControl
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The session's socket: private, answered on the session's own thread, and unharmed
/// by bad input, floods of connections and clients that never read.
@Suite(.serialized) struct ControlServerTests {
    /// A fresh private directory with a server in it, answered by a loop standing in
    /// for the session's control thread; `handled` counts the requests it carried out.
    final class Fixture: @unchecked Sendable {
        let directory: SessionDirectory
        let server: ControlServer
        let handled = Atomic<Int>(0)
        let running = Atomic<Bool>(true)
        private var loop: Thread?

        init(session: String = "test") throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            directory = SessionDirectory(path: root.appendingPathComponent("soundscape").path)
            server = try ControlServer(session: session, directory: directory)
            server.start()
            let thread = Thread { [self] in
                while running.load(ordering: .relaxed) {
                    server.waitForRequests(timeoutMilliseconds: 50)
                    server.answerPending { request in
                        handled.add(1, ordering: .relaxed)
                        if case .prompt(let text) = request { return .refused("cannot plan \(text)") }
                        return .done(request.command)
                    }
                }
            }
            loop = thread
            thread.start()
        }

        func client() throws -> ControlClient { try ControlClient(session: server.sessionName, directory: directory) }

        deinit {
            running.store(false, ordering: .relaxed)
            server.stop()
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: directory.path).deletingLastPathComponent().path)
        }
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func theDirectoryIsPrivateAndTheSocketOnlyItsUsers() throws {
        let fixture = try Fixture()
        #expect(Self.mode(fixture.directory.path) == 0o700)
        #expect(Self.mode(fixture.server.socketPath) == 0o600)
    }

    @Test func aRequestIsCarriedOutByTheSessionsThreadAndAnswered() throws {
        let fixture = try Fixture()
        let client = try fixture.client()
        #expect(try client.send(.pause) == .done("pause"))
        #expect(try client.send(.prompt("rain")) == .refused("cannot plan rain"))
        #expect(fixture.handled.load(ordering: .relaxed) == 2)
    }

    @Test func malformedAndBinaryLinesGetAnErrorReplyAndTheConnectionGoesOn() throws {
        let fixture = try Fixture()
        let client = try fixture.client()
        try client.write(Array("{\"v\":1,\"cmd\":\n".utf8) + [0xFF, 0x00, 0xC3, 0x28, 0x0A])
        for _ in 0..<2 {
            let reply = try RequestParser.reply(client.readLine()).get()
            #expect(!reply.ok && reply.error != nil)
        }
        #expect(try client.send(.resume) == .done("resume"))
        #expect(fixture.handled.load(ordering: .relaxed) == 1)
    }

    @Test func aLineLongerThanTheLimitIsRefusedAndItsConnectionClosed() throws {
        let fixture = try Fixture()
        let client = try fixture.client()
        // Far more than one line: the server must stop reading, not buffer it all.
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        var refused = false
        for _ in 0..<100 {
            do { try client.write(chunk) } catch { break }
        }
        if let reply = try? RequestParser.reply(client.readLine()).get() {
            refused = reply.error?.contains("longer than \(ControlProtocol.maximumLineBytes) bytes") == true
        }
        #expect(refused)
        #expect(throws: ControlError.self) { _ = try client.readLine() }
        // The session still answers others.
        #expect(try fixture.client().send(.toggle) == .done("toggle"))
    }

    @Test func connectionsBeyondTheLimitAreToldSoAndTheSessionGoesOn() throws {
        let fixture = try Fixture()
        var clients: [ControlClient] = []
        for _ in 0..<ControlServer.maximumConnections { clients.append(try fixture.client()) }
        // Every connection is served before the next one is tried, so all are counted.
        for client in clients { #expect(try client.send(.status).ok) }
        var refused = 0
        for _ in 0..<500 {
            let extra = try fixture.client()
            if let reply = try? RequestParser.reply(extra.readLine()).get(), reply.error?.contains("too many") == true {
                refused += 1
            }
        }
        #expect(refused == 500)
        clients.removeAll()
        // Once the others are gone, new ones are served again.
        var served = false
        for _ in 0..<50 where !served {
            served = (try? fixture.client().send(.quit)) == .done("quit")
            if !served { usleep(20_000) }
        }
        #expect(served)
    }

    @Test func aClientThatNeverReadsIsDroppedAndOthersAreStillAnswered() throws {
        let fixture = try Fixture()
        let greedy = try fixture.client()
        // Bad lines are answered at once; never reading them fills the socket, then our bound.
        let garbage = [UInt8](repeating: UInt8(ascii: "x"), count: 100) + [UInt8(ascii: "\n")]
        var dropped = false
        for _ in 0..<200_000 {
            do { try greedy.write(garbage) } catch {
                dropped = true
                break
            }
        }
        #expect(dropped)
        #expect(try fixture.client().send(.status) == .done("status"))
    }

    @Test func aStaleSocketIsReplacedAndALiveOneKeepsItsName() throws {
        let fixture = try Fixture(session: "kept")
        #expect(throws: ControlError.sessionRunning(name: "kept", path: fixture.server.socketPath)) {
            _ = try ControlServer(session: "kept", directory: fixture.directory)
        }
        // A socket nobody listens on, as a killed session leaves it.
        let stale = fixture.directory.socketPath(for: "dead")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        _ = UnixSocket.withAddress(stale) { bind(descriptor, $0, $1) }
        close(descriptor)
        let replacement = try ControlServer(session: "dead", directory: fixture.directory)
        replacement.start()
        #expect(ControlClient.liveSessions(in: fixture.directory) == ["dead", "kept"])
        replacement.stop()
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func aSymbolicLinkWhereTheSocketGoesIsNeverFollowed() throws {
        let fixture = try Fixture()
        let target = fixture.directory.path + "/target"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("keep me".utf8)))
        let link = fixture.directory.socketPath(for: "linked")
        #expect(symlink(target, link) == 0)
        #expect(throws: ControlError.self) { _ = try ControlServer(session: "linked", directory: fixture.directory) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func aSharedDirectoryIsMadePrivateAndASymbolicLinkedOneRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let open = SessionDirectory(path: root.appendingPathComponent("open").path)
        #expect(mkdir(open.path, 0o755) == 0 && chmod(open.path, 0o755) == 0)
        try open.prepare()
        #expect(Self.mode(open.path) == 0o700)
        let linked = SessionDirectory(path: root.appendingPathComponent("linked").path)
        #expect(symlink(open.path, linked.path) == 0)
        #expect(throws: ControlError.self) { try linked.prepare() }
    }

    @Test(arguments: ["", ".hidden", "-x", "a/b", "../up", "spaced name", String(repeating: "n", count: 65), "ünï"])
    func aSessionNameThatIsNotAPlainFileNameIsRefused(name: String) {
        #expect(throws: ControlError.invalidSessionName(name)) { try SessionDirectory.validate(sessionName: name) }
    }

    @Test func theDirectoryFollowsXDGRuntimeDirAndFallsBackToAPrivateOne() {
        #expect(SessionDirectory(environment: ["XDG_RUNTIME_DIR": "/run/user/7"]).path == "/run/user/7/soundscape")
        #expect(SessionDirectory(environment: [:]).path == "/tmp/soundscape-\(getuid())")
        #expect(SessionDirectory(environment: ["XDG_RUNTIME_DIR": "relative"]).path == "/tmp/soundscape-\(getuid())")
    }
}
