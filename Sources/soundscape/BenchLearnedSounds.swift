import AcousticTokens

extension BenchCommand {
    /// Generation speed of every learned sound: the token model and decoder
    /// are the whole cost of such a layer, so this is its price per core.
    static func learnedSoundSpeeds(store: LearnedSoundStore = LearnedSoundStore()) -> [BenchReport.Sound] {
        store.list().compactMap { sound in
            guard let model = try? store.loadModel(name: sound.name) else { return nil }
            return .init(name: "\(sound.name) (learned)", tokensTimesRealTime: speed(of: TokenLayer(model: model, seed: 1)))
        }
    }
}
