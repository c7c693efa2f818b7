import ArgumentParser

@main
struct Soundscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundscape",
        abstract: "An endless, never-repeating soundscape in your terminal (version \(SoundscapeVersion.current)).",
        discussion: """
            Type what you want to hear; Soundscape plans a scene of sound layers (rain, thunder, \
            wind, a café, brown noise…) and plays a mix that never repeats, generated on your CPU. \
            Without a subcommand it opens the mixer, where keys shape the layers (press ? there).

            Examples:
              soundscape "a quiet library on a rainy afternoon, distant thunder"
              soundscape                                  # resume the last scene
              soundscape play "brown noise" --duration 1h
              soundscape render "rain on a tin roof" --duration 8h --output night.ogg
              soundscape plan "heavy rain, no thunder"    # the scene a prompt makes
              soundscape learn hum.wav --name fridge      # a recording becomes a sound
              soundscape ctl set rain --weight 0.3        # change a running session
              soundscape --generate-completion-script bash   # also zsh, fish (README)

            Configuration: $XDG_CONFIG_HOME/soundscape/config.toml (or SOUNDSCAPE_CONFIG); \
            see `soundscape config`. Environment: NO_COLOR turns colours off; SOUNDSCAPE_THEMES \
            names the Themes directory; XDG_DATA_HOME and XDG_CACHE_HOME move scenes, learned \
            sounds and trained models.

            Exit status:
              0      done (play and the mixer also after Ctrl-C, which fades out)
              1      the mixer was not started in a usable terminal
              2      the audio device is missing, busy or failed
              3      an output or scene file could not be written
              4      the prompt or scene cannot play (unknown sound, bad scene file)
              5      learn refused the recording or the name; analyze could not read a file
              64     bad arguments
              69     ctl found no session to talk to
              78     the configuration file cannot be used
              128+N  stopped by signal N (Ctrl-C: 130): render, and the mixer
            """,
        version: SoundscapeVersion.current,
        subcommands: [
            MixerCommand.self, PlayCommand.self, RenderCommand.self, BenchCommand.self, PlanCommand.self,
            ScenesCommand.self, LearnCommand.self, SoundsCommand.self, ConfigCommand.self, CtlCommand.self,
            AnalyzeCommand.self,
        ],
        defaultSubcommand: MixerCommand.self
    )
}
