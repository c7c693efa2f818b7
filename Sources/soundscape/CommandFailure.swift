import ArgumentParser
import Foundation

/// The exit codes the commands document.
enum ExitStatus {
    /// The audio device is missing, busy, or stopped working.
    static let device: Int32 = 2
    /// The output file could not be written.
    static let output: Int32 = 3
    /// The prompt or scene names something that cannot play.
    static let scene: Int32 = 4
}

/// Ends a command with one line on stderr and a documented exit code.
///
/// ArgumentParser prints errors it does not know as "Error: …" with status 1;
/// ours say what went wrong and what to do, and say it with the status a script can act on.
enum CommandFailure {
    /// Prints "soundscape: message" and returns the `ExitCode` to throw.
    static func exit(_ message: CustomStringConvertible, status: Int32) -> ExitCode {
        printToStandardError("soundscape: \(message.description.replacingOccurrences(of: "\n", with: " "))")
        return ExitCode(status)
    }
}

/// Writes `text` to stderr as it is, unbuffered.
func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
