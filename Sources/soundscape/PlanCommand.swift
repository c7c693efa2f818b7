import ArgumentParser
import SoundscapeCore

/// `soundscape plan PROMPT [--json]`: shows the scene a prompt makes, without playing it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the scene a prompt makes, without playing it.",
        discussion: """
            Prints each layer's sound, variant, weight and intensity, the scene's settings, \
            and the words that were not understood. The lexicon is Themes/lexicon.toml \
            (found via $SOUNDSCAPE_THEMES, next to the program, or in /usr/local/share/soundscape).
            """)

    @Argument(help: "What to hear, e.g. \"a quiet library on a rainy afternoon, distant thunder\".")
    var prompt: [String] = []

    @Flag(
        help:
            "Print {\"prompt\", \"layers\": [{\"sound\", \"variant\", \"weight\", \"intensity\"}], \"unknown\"} as JSON."
    )
    var json = false

    func run() throws {
        let planner: Planner
        do {
            planner = try ThemesSetup.planner()
        } catch {
            throw CommandFailure.exit(String(describing: error), status: ExitStatus.scene)
        }
        let plan = planner.plan(prompt.joined(separator: " "))
        print(json ? plan.json : plan.text)
    }
}
