import Foundation

/// `soundscape bench`'s cold start: the child `play` with an empty model cache,
/// as on a new machine, where every layer's model must be trained. Layers play
/// their synthesizers while their models train (`HandoverSource`), so first
/// audio should stay close to the warm figure.
extension BenchCommand {
    /// Launch-to-first-audio of `runs` children, each with its own empty `XDG_CACHE_HOME`.
    static func coldFirstAudio(_ executable: String, _ arguments: [String], runs: Int, seconds: Double) throws
        -> [Double]
    {
        var figures: [Double] = []
        for _ in 0..<runs {
            let cache = FileManager.default.temporaryDirectory
                .appendingPathComponent("soundscape-bench-cold-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            let run = try runChild(
                executable, arguments, sampleAfterSeconds: seconds / 2, environmentChanges: ["XDG_CACHE_HOME": cache.path])
            guard run.exitStatus == 0 else {
                throw ValidationErrorMessage(
                    "the cold-cache child `soundscape \(arguments.joined(separator: " "))` failed (\(run.exitStatus)): \(run.standardError)")
            }
            if let first = run.firstAudioMilliseconds { figures.append(first) }
        }
        return figures
    }
}
