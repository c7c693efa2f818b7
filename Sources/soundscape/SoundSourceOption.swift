import ArgumentParser
import SoundscapeCore

/// How layers are made: through the acoustic-token model (the design's one path for
/// every sound, built-in or learned), or straight from the procedural synthesizers.
struct SoundSourceOption: ParsableArguments {
    @Flag(
        help: """
            Play built-in sounds straight from their procedural synthesizers instead of through \
            the acoustic-token model (no training or model cache; learned sounds need the model).
            """)
    var procedural = false

    /// The provider the engine makes layers with.
    var provider: SoundProvider {
        procedural ? SynthesizerProvider() : TokenSoundProvider()
    }
}
