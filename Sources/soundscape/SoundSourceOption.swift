import AcousticTokens
import ArgumentParser
import AudioEngine
import SoundLibrary

/// How layers are made: through the acoustic-token model (the design's one path for
/// every sound, built-in or learned), or straight from the procedural synthesizers.
struct SoundSourceOption: ParsableArguments {
    @Flag(
        inversion: .prefixedNo,
        help: """
            Play built-in sounds straight from their procedural synthesizers instead of through \
            the acoustic-token model (no training or model cache; learned sounds need the model). \
            Default: the configuration's 'procedural', else off.
            """)
    var procedural: Bool?

    /// Whether synthesizers play directly: the option, else the configuration, else not.
    var isProcedural: Bool { procedural ?? ConfigSetup.current.procedural ?? false }

    /// The provider the engine makes layers with. `live` (play, the mixer): a layer
    /// whose model is not cached yet starts on its synthesizer while the model
    /// trains; a render waits for the model, so its output never depends on the cache.
    func provider(learned: LearnedSoundStore = LearnedSoundStore(), live: Bool = false) -> SoundProvider {
        isProcedural
            ? SynthesizerProvider()
            : TokenSoundProvider(
                store: learned, recordings: ShippedRecordings.shelf(), playsSynthesizerWhileTraining: live)
    }
}
