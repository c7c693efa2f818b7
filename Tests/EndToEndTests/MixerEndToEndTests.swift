import Foundation
import Testing

/// The mixer as a user meets it: the real binary in a terminal (tmux), keys
/// typed, the screen read back. Audio goes to the paced null device, so no
/// sound card is needed; the engine's level meters show what it plays.
@Suite(.serialized) struct MixerEndToEndTests {

    /// Starts `soundscape` in the session's shell with `arguments` (already quoted).
    func launch(_ session: TmuxSession, _ arguments: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        guard let binary = SoundscapeBinary.path(sourceLocation: sourceLocation) else { return }
        session.run("'\(binary)' --device null \(arguments)")
    }

    /// Quits with q and waits for the shell; returns the exit status.
    func quit(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        session.press("q")
        return exitStatus(session, sourceLocation: sourceLocation)
    }

    /// Waits for the program to end, then asks the shell for its exit status.
    func exitStatus(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        // Typed while the mixer still runs, the command would be read as mixer keys.
        session.waitFor("the mixer to end", sourceLocation: sourceLocation) { !$0.contains("? help  q quit") }
        let marker = "rc=\(UUID().uuidString.prefix(6))="
        session.run("echo \(marker)$?")
        guard
            let screen = session.waitFor(
                marker + "[0-9]", sourceLocation: sourceLocation,
                { screen in
                    screen.components(separatedBy: "\n").contains { $0.hasPrefix(marker) }
                })
        else { return nil }
        let line = screen.components(separatedBy: "\n").first { $0.hasPrefix(marker) }!
        return Int(line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces))
    }

    /// The layer row for `sound` ("▶ rain   window  ▕███ ▏ 0.70 …"), if shown.
    static func row(_ sound: String, in screen: String) -> String? {
        screen.components(separatedBy: "\n").first { $0.count > 2 && $0.dropFirst(2).hasPrefix(sound + " ") }
    }

    /// The weight shown in a layer row (the first 0.00–1.00 number).
    static func weight(in row: String) -> String? {
        row.split(separator: " ").first { $0.count == 4 && $0.hasPrefix("0.") || $0 == "1.00" }.map(String.init)
    }

    /// The weight bar of a layer row: what lies inside its first frame.
    static func weightBar(in row: String) -> String? {
        guard let open = row.firstIndex(of: "▕") else { return nil }
        let rest = row[row.index(after: open)...]
        return rest.firstIndex(of: "▏").map { String(rest[..<$0]) }
    }

    /// The level a row's meter shows, in dBFS (a layer) or LUFS (the master); -inf for silence.
    static func level(in row: String) -> Double? {
        let words = row.split(separator: " ")
        guard words.last == "dBFS" || words.last == "LUFS", words.count >= 2 else { return nil }
        let value = words[words.count - 2]
        return value == "-∞" ? -.infinity : Double(value)
    }

    @Test func testLaunchWithAPromptShowsItsLayers() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        launch(session, "'a quiet library on a rainy afternoon, distant thunder'")
        let screen = session.waitFor("rain and thunder rows") {
            Self.row("rain", in: $0) != nil && Self.row("thunder", in: $0) != nil
        }
        #expect(screen?.contains("a quiet library on a rainy afternoon, distant thunder") == true)
        #expect(screen?.contains("master") == true)
        #expect(screen?.contains("null") == true, "the status line names the device")
        #expect(quit(session) == 0)
    }

    @Test func testOnAnEmptyModelCacheEveryLayerPlaysAtOnceAndKeysWork() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        // An empty model cache: every built-in sound's model must still be trained. Its
        // synthesizer plays meanwhile (HandoverSource), so no layer waits silent.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent(
            "soundscape-cold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let session = try TmuxSession(environment: ["XDG_CACHE_HOME": cache.path])
        launch(session, "'a quiet library on a rainy afternoon, distant thunder'")
        let first = session.waitFor("rain and thunder playing on a cold cache") { screen in
            ["rain", "thunder"].allSatisfy { Self.row($0, in: screen)?.hasSuffix("dBFS") == true }
        }
        #expect(first?.contains("master") == true)
        #expect(first?.contains("preparing…") == false, "no layer waits silent for its model")
        guard let before = first.flatMap(Self.selectedLayer) else {
            Issue.record("no layer is selected")
            return
        }
        session.press("j")
        // Keys are not held up by the models training in the background.
        let moved = session.waitFor("the selection to move while models train") { screen in
            Self.selectedLayer(in: screen).map { $0 != before } == true
        }
        #expect(moved != nil)
        let rain = session.waitFor("rain audible") { screen in
            Self.row("rain", in: screen).flatMap(Self.level).map { $0 > -60 } ?? false
        }
        #expect(rain != nil)
        #expect(quit(session) == 0)
    }

    /// The sound of the row with the selection marker.
    static func selectedLayer(in screen: String) -> String? {
        screen.components(separatedBy: "\n").first { $0.hasPrefix("▶ ") }?.dropFirst(2)
            .split(separator: " ").first.map(String.init)
    }

    @Test func testWeightKeysMoveTheBarAndTheEnginesLevel() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        launch(session, "rain")
        session.waitFor("rain playing") { screen in
            Self.row("rain", in: screen).flatMap(Self.level).map { $0 > -60 } ?? false
        }
        // Twenty presses take any weight to zero: the bar empties and the engine falls silent.
        for _ in 0..<20 { session.press("h") }
        let silent = session.waitFor("rain silent at weight 0") { screen in
            guard let row = Self.row("rain", in: screen) else { return false }
            return Self.weight(in: row) == "0.00" && Self.level(in: row) == -.infinity
        }
        #expect(silent.flatMap { Self.row("rain", in: $0) }.flatMap(Self.weightBar)?.allSatisfy { $0 == " " } == true)
        for _ in 0..<10 { session.press("l") }
        let loud = session.waitFor("rain audible at weight 0.50") { screen in
            guard let row = Self.row("rain", in: screen) else { return false }
            return Self.weight(in: row) == "0.50" && (Self.level(in: row) ?? -.infinity) > -60
        }
        #expect(loud.flatMap { Self.row("rain", in: $0) }.flatMap(Self.weightBar)?.contains("█") == true)
        #expect(quit(session) == 0)
    }

    @Test func testEditingThePromptCrossfadesToTheNewScene() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        launch(session, "rain")
        session.waitFor("the rain row") { Self.row("rain", in: $0) != nil }
        session.press("/")
        session.waitFor("prompt: rain")
        session.press("C-u")
        session.type("keyboard typing in a cafe")
        session.press("Enter")
        let screen = session.waitFor("keyboard and cafe rows instead of rain") {
            Self.row("keyboard", in: $0) != nil && Self.row("cafe", in: $0) != nil && Self.row("rain", in: $0) == nil
        }
        #expect(screen?.components(separatedBy: "\n").first?.contains("keyboard typing in a cafe") == true)
        #expect(quit(session) == 0)
    }

    @Test func testSavedSceneComesBackAfterARelaunch() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        launch(session, "'brown noise and a ticking clock'")
        session.waitFor("brown noise and clock") {
            Self.row("brown-noise", in: $0) != nil && Self.row("clock", in: $0) != nil
        }
        session.press("m")
        session.waitFor("brown noise muted") { Self.row("brown-noise", in: $0)?.contains(" M ") == true }
        session.press("S")
        session.waitFor("Save scene")
        session.type("evening")
        session.press("Enter")
        session.waitFor("saved scene 'evening'")
        #expect(quit(session) == 0)

        // Without a prompt the last scene resumes.
        launch(session)
        session.waitFor("the last scene, brown noise still muted") {
            Self.row("brown-noise", in: $0)?.contains(" M ") == true
        }
        session.press("/")
        session.press("C-u")
        session.type("pink noise")
        session.press("Enter")
        session.waitFor("pink noise instead of brown") {
            Self.row("pink-noise", in: $0) != nil && Self.row("brown-noise", in: $0) == nil
        }
        session.press("o")
        session.waitFor("Open a scene")
        // User scenes come first, sorted: "evening" is at the top.
        session.press("Enter")
        let screen = session.waitFor("opened 'evening'")
        #expect(screen.flatMap { Self.row("brown-noise", in: $0) }?.contains(" M ") == true)
        #expect(screen.flatMap { Self.row("clock", in: $0) } != nil)
        #expect(quit(session) == 0)
    }

    @Test func testOneMinuteTimerCountsDownFadesAndStops() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        // Time runs 10× fast: the minute lasts 6 s, its 20 s fade-out 2 s.
        let session = try TmuxSession(environment: ["SOUNDSCAPE_TIME_SCALE": "10"])
        launch(session, "--fade-out 20 rain")
        session.waitFor("no timer")
        session.press("t")
        session.waitFor("minutes:")
        session.type("1")
        session.press("Enter")
        guard let first = session.waitFor("timer counting", { Self.timerSeconds(in: $0) != nil }),
            let start = Self.timerSeconds(in: first)
        else { return }
        #expect(start <= 60)
        session.waitFor("the timer lower than \(start) s") { (Self.timerSeconds(in: $0) ?? 60) < start }
        session.waitFor("fading")
        // The timer's end stops playback and ends the program normally.
        session.waitFor("the timer's goodbye") { $0.contains("timer ended") }
        #expect(exitStatus(session) == 0)
    }

    /// Seconds shown by "timer M:SS" in the status line.
    static func timerSeconds(in screen: String) -> Int? {
        guard let range = screen.range(of: #"timer \d+:\d\d"#, options: .regularExpression) else { return nil }
        let parts = screen[range].dropFirst("timer ".count).split(separator: ":")
        guard parts.count == 2, let minutes = Int(parts[0]), let seconds = Int(parts[1]) else { return nil }
        return minutes * 60 + seconds
    }

    @Test func testResizingTheTerminalRelaysTheScreenOut() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession(width: 110, height: 30)
        launch(session, "rain")
        session.waitFor("VARIANT")
        session.resize(width: 64, height: 16)
        let narrow = session.waitFor("the narrow layout") { screen in
            let lines = screen.components(separatedBy: "\n")
            return !screen.contains("VARIANT") && lines.count >= 16 && lines[15].contains("? help")
        }
        #expect(narrow?.components(separatedBy: "\n").allSatisfy { $0.count <= 64 } == true)
        session.resize(width: 130, height: 36)
        session.waitFor("the wide layout") { screen in
            let lines = screen.components(separatedBy: "\n")
            return screen.contains("VARIANT") && lines.count >= 36 && lines[35].contains("? help")
        }
        #expect(quit(session) == 0)
    }

    @Test func testCtrlCLeavesTheTerminalAsItWas() throws {
        if let problem = TmuxSession.problem {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let session = try TmuxSession()
        let settingsBefore = try session.terminalSettings(step: 1)
        launch(session, "rain")
        session.waitFor("the rain row") { Self.row("rain", in: $0) != nil }
        session.press("C-c")
        #expect(exitStatus(session) == 130, "a SIGINT ending is reported as 128+2")
        #expect(!settingsBefore.isEmpty)
        #expect(settingsBefore == (try session.terminalSettings(step: 2)))
    }
}
