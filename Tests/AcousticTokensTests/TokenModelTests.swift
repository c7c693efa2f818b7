#if canImport(Glibc)
    import Glibc
#endif
@testable import AcousticTokens
@testable import DSP
import TestSupport
import Testing


/// A 2 s block counts as occurring twice when its fingerprints differ from
/// another block's in at most 15% of bits. A verbatim copy, even shifted off
/// the grain grid and with gain or balance changed, measures ≈0–0.1;
/// unrelated audio ≈0.5; a block sharing 1.2 s with another and 0.8 s of
/// unrelated audio ≈0.2.
private let repeatThreshold = 0.15

private func corpusAudio(_ corpus: Corpus) -> [Float] {
    corpus.samples.map { Float($0) / 32768 }
}

@Test func fingerprintDetectorFindsATwoSecondCopyAndNothingInFreshAudio() {
    let rate = AudioFormat.sampleRate
    var audio = TokenFixtures.rain(seconds: 30, dropsPerSecond: [80], seed: 11)
    let fresh = AudioFingerprint(mono: TokenFixtures.mono(audio)).closestBlockMatch(seconds: 2)
    // Copy 2 s from 5 s to 20.3 s (off the grain grid), 3 dB quieter.
    let from = 5 * rate, to = 20 * rate + 300
    for i in 0..<(2 * rate * 2) { audio[2 * to + i] = audio[2 * from + i] * 0.7 }
    let copied = AudioFingerprint(mono: TokenFixtures.mono(audio)).closestBlockMatch(seconds: 2)
    #expect(fresh.bitErrorRate > 0.3, "fresh audio matched itself at \(fresh)")
    #expect(copied.bitErrorRate < repeatThreshold, "missed the copy: \(copied)")
}

@Test func tenMinutesFromATwentySecondCorpusNeverRepeatsTwoSecondsNorCopiesTheCorpus() {
    let corpus = TokenFixtures.mixedCorpus(seconds: 20)
    let model = AcousticModel.train(corpus)
    let layer = TokenLayer(model: model, seed: 5)
    // Sweep intensity slowly, as a listener would, so the walk crosses the corpus.
    var output: [Float] = []
    for minute in 0..<10 {
        output += TokenFixtures.render(layer, seconds: 60, intensity: [0.5, 0.3, 0.7, 0.5, 1, 0.5, 0, 0.5, 0.8, 0.5][minute])
    }
    let fingerprint = AudioFingerprint(mono: TokenFixtures.mono(output))
    let repeated = fingerprint.closestBlockMatch(seconds: 2)
    let copied = fingerprint.closestBlockMatch(in: AudioFingerprint(mono: TokenFixtures.mono(corpusAudio(corpus))), seconds: 2)
    #expect(repeated.bitErrorRate > repeatThreshold, "output repeats itself: \(repeated)")
    #expect(copied.bitErrorRate > repeatThreshold, "output copies the corpus: \(copied)")
    #expect(layer.tokenModel.statistics.forcedRepeats == 0)
}

@Test func renderedLoudnessRisesWithIntensity() {
    // Light → heavy rain, one density per 5 s segment.
    let corpus = Corpus(interleaved: TokenFixtures.rain(seconds: 25, dropsPerSecond: [10, 30, 100, 300, 900], seed: 4))
    let model = AcousticModel.train(corpus)
    var levels: [Double] = []
    for intensity: Float in [0, 0.25, 0.5, 0.75, 1] {
        let output = TokenFixtures.render(TokenLayer(model: model, seed: 9), seconds: 30, intensity: intensity)
        // Mean power: a gated level would judge a mix of light and heavy rain by its heavy moments only.
        levels.append(output.withUnsafeBufferPointer { Loudness.rmsDecibels($0) })
    }
    for (quieter, louder) in zip(levels, levels.dropFirst()) {
        #expect(louder > quieter + 0.5, "levels by intensity: \(levels)")
    }
    #expect(levels[4] - levels[0] > 6, "intensity spans too little: \(levels)")
}

@Test func aSeedReproducesTheOutputAndNoSeedMakesEveryRunDiffer() {
    let model = AcousticModel.train(TokenFixtures.mixedCorpus(seconds: 6))
    let a = TokenFixtures.render(TokenLayer(model: model, seed: 1), seconds: 5, intensity: 0.5)
    let b = TokenFixtures.render(TokenLayer(model: model, seed: 1), seconds: 5, intensity: 0.5)
    let c = TokenFixtures.render(TokenLayer(model: model), seconds: 5, intensity: 0.5)
    let d = TokenFixtures.render(TokenLayer(model: model), seconds: 5, intensity: 0.5)
    #expect(a == b)
    #expect(c != d)
    #expect(a != c)
}

@Test func grainJoinsNeverClick() {
    // A steady 440 Hz tone: any join that dips or jumps shows up as a sample
    // difference far beyond the tone's own slope.
    let rate = Float(AudioFormat.sampleRate)
    var audio = [Float](repeating: 0, count: 48_000 * 8 * 2)
    for i in 0..<(audio.count / 2) {
        let v = 0.3 * sinf(2 * Float.pi * 440 * Float(i) / rate)
        audio[2 * i] = v
        audio[2 * i + 1] = v
    }
    let model = AcousticModel.train(Corpus(interleaved: audio))
    let output = TokenFixtures.render(TokenLayer(model: model, seed: 2), seconds: 30, intensity: 0.5)
    let maximumSlope = 0.3 * 2 * Float.pi * 440 / rate
    var worst: Float = 0
    for i in 1..<(output.count / 2) { worst = max(worst, abs(output[2 * i] - output[2 * i - 2])) }
    // Joins of unrelated phases may add up to √2 at the seam; a click would be far steeper.
    #expect(worst < maximumSlope * 1.6 * 1.3, "steepest step \(worst) vs tone slope \(maximumSlope)")
}
