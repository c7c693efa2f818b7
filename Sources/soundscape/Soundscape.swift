import ArgumentParser

@main
struct Soundscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundscape",
        abstract: "An endless, never-repeating soundscape in your terminal.",
        subcommands: [PlanCommand.self, ScenesCommand.self]
    )
}
