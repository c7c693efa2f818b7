/// The two lines at the bottom of the mixer: the status line (device,
/// latency, ring, CPU, xruns, reconnections, timer, evolve; "waiting for
/// DEVICE" while a lost device is away) and the key hints.
///
/// Both are lists of fields that fit the width whole or not at all: a
/// narrow terminal drops the least useful fields rather than cutting one in
/// the middle ("xr", "H/L inte").
enum BottomLines {
    /// One status field and how readily it is dropped (higher goes first).
    struct Field: Equatable {
        var text: String
        var dropOrder: Int
    }

    /// The status fields in the order shown. The timer and xruns stay the
    /// longest: a user watches the one, and the other says the audio is in trouble.
    static func statusFields(_ state: ViewState) -> [Field] {
        let status = state.status
        var fields: [Field] = []
        if !status.deviceName.isEmpty { fields.append(Field(text: status.deviceName, dropOrder: 3)) }
        fields.append(Field(text: "latency \(Int(status.latencyMilliseconds.rounded())) ms", dropOrder: 5))
        fields.append(Field(text: "ring \(Format.fixed(status.minimumRingFillSeconds, decimals: 2)) s", dropOrder: 6))
        fields.append(Field(text: "cpu \(Format.fixed(status.cpuPercent, decimals: 1))%", dropOrder: 4))
        fields.append(Field(text: "xruns \(status.xruns)", dropOrder: 2))
        if status.reconnections > 0 {
            fields.append(Field(text: "reconnected \(status.reconnections)", dropOrder: 2))
        }
        fields.append(Field(text: timerField(state), dropOrder: 1))
        fields.append(Field(text: status.isEvolving ? "evolving" : "evolve off", dropOrder: 7))
        return fields
    }

    /// "timer 24:13", "fading 0:12" in the final fade, or "no timer".
    /// Times are shown in the scaled clock, so a test's minute reads as a minute.
    static func timerField(_ state: ViewState) -> String {
        guard let remaining = state.status.timerRemainingSeconds else { return "no timer" }
        let fade = state.timerFadeSeconds / state.timeScale
        if remaining <= fade { return "fading " + Format.clock(remaining * state.timeScale) }
        return "timer " + Format.clock(remaining * state.timeScale)
    }

    static func drawStatus(_ state: ViewState, row: Int, on screen: inout ScreenModel, glyphs: Glyphs) {
        let status = state.status
        // Waiting for a lost device outranks a pause: it is why nothing is heard.
        let flag =
            status.isStopped
            ? "STOPPED"
            : status.isWaitingForDevice ? "waiting for \(status.deviceName)" : (status.isPaused ? "PAUSED" : nil)
        let separator = DisplayWidth.of(glyphs.separator)
        // A space each side, and the flag with its separator, are always there.
        let room = screen.width - 2 - (flag.map { DisplayWidth.of($0) + separator } ?? 0)
        var fields = statusFields(state)
        while !fields.isEmpty, width(of: fields.map(\.text), separator: separator) > room {
            let dropped = fields.indices.max { fields[$0].dropOrder < fields[$1].dropOrder }!
            fields.remove(at: dropped)
        }
        var x = screen.write(" ", row: row, column: 0)
        if let flag {
            x = screen.write(flag, row: row, column: x, style: .mark)
            if !fields.isEmpty { x = screen.write(glyphs.separator, row: row, column: x, style: .dim) }
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { x = screen.write(glyphs.separator, row: row, column: x, style: .dim) }
            x = screen.write(field.text, row: row, column: x)
        }
    }

    /// The key hints for each mode, most useful first.
    static func hints(for mode: Mode, width: Int, height: Int) -> [String] {
        switch mode {
        case .mixer:
            return [
                "? help", "q quit", "j/k select", "h/l weight", "H/L intensity", "/ prompt", "+/- master",
                "m mute", "s solo", "t timer", "space pause", "a add", "d remove", "S save", "o open",
                "e evolve",
            ]
        case .help:
            return HelpLayout(width: width, height: height).scrolls
                ? ["j/k PgUp/PgDn scroll", "any other key closes help"] : ["any key closes help"]
        case .editingPrompt: return ["Enter plan and crossfade", "Esc cancel", "←/→ move", "Ctrl-U clear"]
        case .namingScene: return ["Enter save", "Esc cancel"]
        case .settingTimer:
            return ["Enter start", "Esc cancel", "t steps 15/25/45/60/90"]
        case .addingSound: return ["j/k choose", "Enter add", "Esc cancel"]
        case .openingScene: return ["j/k choose", "Enter open", "Esc cancel"]
        }
    }

    /// The hint line: as many hints as fit whole, in order.
    static func hintLine(for mode: Mode, width: Int, height: Int) -> String {
        var line = ""
        for hint in hints(for: mode, width: width, height: height) {
            let next = line.isEmpty ? hint : line + "  " + hint
            // One column for the leading space, and the last column is left empty.
            guard DisplayWidth.of(next) <= width - 2 else { break }
            line = next
        }
        return line
    }

    private static func width(of texts: [String], separator: Int) -> Int {
        texts.reduce(0) { $0 + DisplayWidth.of($1) } + max(0, texts.count - 1) * separator
    }
}
