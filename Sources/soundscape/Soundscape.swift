import ArgumentParser

@main
struct Soundscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundscape",
        abstract: "An endless, never-repeating soundscape in your terminal.",
        subcommands: [
            MixerCommand.self, PlayCommand.self, RenderCommand.self, BenchCommand.self, PlanCommand.self,
            ScenesCommand.self, LearnCommand.self, SoundsCommand.self,
        ],
        defaultSubcommand: MixerCommand.self
    )
}
