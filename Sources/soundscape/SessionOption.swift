import ArgumentParser
import Foundation
import SessionControl

/// `--session NAME` for the commands that play: the name `soundscape ctl` reaches them by.
struct SessionOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Name this session for `soundscape ctl --session NAME` (letters, digits, '.', '_', '-'). Default: the process id.",
            valueName: "name"))
    var session: String?

    func validate() throws {
        if let session {
            do { try SessionDirectory.validate(sessionName: session) } catch {
                throw ValidationError("--session: \(error)")
            }
        }
    }

    /// Starts listening for `ctl`. A name another live session holds ends the command
    /// (exit 64); any other failure is said once on stderr and the session plays on
    /// without remote control.
    func listen() throws -> ControlServer? {
        let name = session ?? String(getpid())
        do {
            let server = try ControlServer(session: name, directory: SessionDirectory())
            server.start()
            return server
        } catch ControlError.sessionRunning(let name, let path) {
            throw CommandFailure.exit(
                ControlError.sessionRunning(name: name, path: path), status: ExitCode.validationFailure.rawValue)
        } catch {
            printToStandardError("soundscape: no remote control (soundscape ctl) for this session: \(error)")
            return nil
        }
    }
}

extension ControlServer {
    /// Offers the session to media keys and desktops over MPRIS; nil and the reason, in
    /// one line, when there is no D-Bus session bus (the session plays on without it).
    func offerMediaKeys() -> (service: MediaPlayerService?, problem: String?) {
        switch MediaPlayerService.start(control: self) {
        case .success(let service): return (service, nil)
        case .failure(let error): return (nil, error.description)
        }
    }
}
