import ArgumentParser
import Scenes

/// `soundscape plan PROMPT [--json]`: shows the scene a prompt makes, without playing it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the scene a prompt makes, without playing it.",
        discussion: """
            Prints each layer's sound, variant, weight and intensity, the scene's settings, \
            and the words that were not understood. The lexicon is Themes/lexicon.toml \
            (found via $SOUNDSCAPE_THEMES, the configuration's themes, next to the program, or in \
            /usr/local/share/soundscape). The same prompt always plans the same scene.

            Examples:
              soundscape plan "a quiet library on a rainy afternoon, distant thunder"
              soundscape plan "heavy rain on a tin roof, no thunder" --json

            Exit status: 0 planned; 4 the lexicon cannot be found or read; 64 bad arguments; \
            78 the configuration file cannot be used.
            """)

    @Argument(help: "What to hear, e.g. \"a quiet library on a rainy afternoon, distant thunder\".")
    var prompt: [String] = []

    @Flag(
        help:
            "Print {\"prompt\", \"layers\": [{\"sound\", \"variant\", \"weight\", \"intensity\"}], \"unknown\"} as JSON."
    )
    var json = false

    func run() throws {
        _ = try ConfigSetup.load()
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
