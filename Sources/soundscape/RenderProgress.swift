import AudioEngine
import DSP
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reports a render's progress on stderr: one self-rewriting line on a terminal
/// (percent, speed in × real time, time left), plain lines every 10% otherwise.
final class RenderProgress {
    private let path: String
    private let totalFrames: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let startSeconds = MonotonicClock.seconds()
    private var lastDrawSeconds = 0.0
    private var lastDecile = -1

    init(path: String, totalFrames: Int) {
        self.path = path
        self.totalFrames = max(totalFrames, 1)
    }

    func update(framesWritten: Int, force: Bool = false) {
        let now = MonotonicClock.seconds()
        let fraction = min(1, Double(framesWritten) / Double(totalFrames))
        let elapsed = max(now - startSeconds, 1e-6)
        let audioSeconds = Double(framesWritten) / Double(AudioFormat.sampleRate)
        let speed = audioSeconds / elapsed
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line =
            "rendering \(path)  " + String(format: "%3.0f%%  %.0f× real time", fraction * 100, speed)
            + "  ETA \(RenderProgress.clock(remaining))"
        if isTerminal {
            // Redraw at most ten times a second; the terminal is not the bottleneck we measure.
            guard force || now - lastDrawSeconds >= 0.1 else { return }
            lastDrawSeconds = now
            writeStandardError("\r\u{1B}[K" + line)
        } else {
            let decile = Int(fraction * 10)
            guard decile > lastDecile else { return }
            lastDecile = decile
            writeStandardError(line + "\n")
        }
    }

    func finish(success: Bool) {
        if isTerminal { writeStandardError("\n") }
        if success {
            let elapsed = MonotonicClock.seconds() - startSeconds
            let audio = Double(totalFrames) / Double(AudioFormat.sampleRate)
            writeStandardError("soundscape: wrote \(path) " + String(format: "(%.1f s of audio in %.2f s)\n", audio, elapsed))
        }
    }

    private static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600
            ? String(format: "%d:%02d:%02d", whole / 3600, whole % 3600 / 60, whole % 60)
            : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
