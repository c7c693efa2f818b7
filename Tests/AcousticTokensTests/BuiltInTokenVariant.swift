@testable import AcousticTokens
import Foundation
import SoundLibrary
import TestSupport
import Testing

/// A built-in sound's variant as the token tests name it ("rain window"),
/// with its definition and its token model.
struct BuiltInTokenVariant {
    /// Every built-in sound and variant, named as the tests' arguments.
    static let all: [String] = SoundLibrary.builtIn.flatMap { sound in sound.variants.map { "\(sound.name) \($0)" } }

    /// One model cache for the whole run: each built-in model is trained once,
    /// whichever suite asks first.
    static let provider: TokenSoundProvider = {
        let directory = temporaryDirectory("token-variants")
        return TokenSoundProvider(
            cache: ModelCache(directory: directory.appendingPathComponent("cache")),
            store: LearnedSoundStore(directory: directory.appendingPathComponent("sounds")))
    }()

    let definition: SoundDefinition
    let variant: String
    let model: AcousticModel

    /// The variant `name` names ("rain window"), its model trained or taken from the cache.
    init(_ name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        definition = try #require(SoundLibrary.builtIn(named: parts[0]))
        variant = parts[1]
        model = try Self.provider.model(sound: parts[0], variant: parts[1])
    }
}
