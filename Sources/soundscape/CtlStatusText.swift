import Foundation
import SessionControl

/// `ctl status` for a person: one row per field, one per layer.
enum CtlStatusText {
    static func render(_ status: SessionStatus) -> String {
        var lines = ["session  \(status.session) (pid \(status.pid))"]
        if !status.scene.isEmpty { lines.append("scene    \(status.scene)") }
        if !status.prompt.isEmpty { lines.append("prompt   \(status.prompt)") }
        let width = status.layers.map(\.name.count).max() ?? 0
        for (position, layer) in status.layers.enumerated() {
            var row = (position == 0 ? "layers   " : "         ") + "\(layer.index)  "
            row += layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
            row += "  weight " + number(layer.weight) + "  intensity " + number(layer.intensity)
            if layer.muted { row += "  muted" }
            if layer.solo { row += "  solo" }
            if let underruns = layer.underruns, underruns > 0 {
                row += "  \(underruns) underrun\(underruns == 1 ? "" : "s")"
            }
            lines.append(row)
        }
        if status.layers.isEmpty { lines.append("layers   none") }
        lines.append("master   " + number(status.master))
        lines.append(
            "state    "
                + (status.waitingForDevice ? "waiting for \(status.device)" : (status.paused ? "paused" : "playing")))
        lines.append("timer    " + (status.timerRemainingSeconds.map { clock($0) + " left" } ?? "off"))
        lines.append("evolve   " + (status.evolve ? "on" : "off"))
        let latency = status.latencyMilliseconds > 0 ? " (\(Int(status.latencyMilliseconds.rounded())) ms)" : ""
        lines.append(
            "device   \(status.device)\(latency), \(status.xruns) xruns, "
                + (status.reconnections == 0
                    ? "" : "\(status.reconnections) reconnection\(status.reconnections == 1 ? "" : "s"), ")
                + "\(status.ringUnderruns) ring underruns, "
                + "played \(clock(status.playedSeconds))")
        if let cpu = status.cpuPercent {
            lines.append(String(format: "cpu      %.1f %% of one core (the whole process)", cpu))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let hours = total / 3600
        let minutes = total / 60 % 60
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, total % 60)
            : String(format: "%d:%02d", minutes, total % 60)
    }
}
