@testable import AcousticTokens
import TestSupport
import Testing


/// Decodes `model`'s own corpus token sequence in order, returning interleaved stereo.
private func decodeInOrder(_ model: AcousticModel, settings: DecoderSettings) -> [Float] {
    let decoder = Decoder(model: model, settings: settings, seed: 3)
    let hop = Framing.hopFrames
    let tokens = model.codebook.tokens
    var out = [Float](repeating: 0, count: tokens.count * hop * 2)
    out.withUnsafeMutableBufferPointer { buffer in
        for (i, token) in tokens.enumerated() {
            decoder.decode(TokenStep(token: token, position: i, isJump: i == 0), into: buffer.baseAddress! + i * hop * 2)
        }
    }
    return out
}

/// Mean over frames of the RMS difference of the 32 ERB band levels, in dB.
private func bandLogSpectralDistance(_ a: [Float], _ b: [Float]) -> Float {
    let fa = Features(mono: a), fb = Features(mono: b)
    let frames = min(fa.frameCount, fb.frameCount)
    let d = Features.dimension
    var total: Float = 0
    for f in 1..<(frames - 1) {
        var sum: Float = 0
        for band in 0..<Features.bandCount {
            let diff = 10 * (fa.vectors[f * d + band] - fb.vectors[f * d + band])
            sum += diff * diff
        }
        total += (sum / Float(Features.bandCount)).squareRoot()
    }
    return total / Float(frames - 2)
}

@Test func decodingTheCorpusTokensInOrderWithoutVariationReproducesTheCorpusExactly() {
    let corpus = TokenFixtures.mixedCorpus(seconds: 8)
    let model = AcousticModel.train(corpus)
    let decoded = decodeInOrder(model, settings: .exact)
    // Hop 0 holds only half a grain; every later hop must be the corpus itself.
    var worst: Float = 0
    for i in (Framing.hopFrames * 2)..<decoded.count {
        worst = max(worst, abs(decoded[i] - Float(corpus.samples[i]) / 32768))
    }
    #expect(worst < 1e-5, "largest sample error \(worst)")
}

@Test func decodingTheCorpusTokensInOrderWithVariationStaysWithinOnePointFiveDecibelsPerBand() {
    let corpus = TokenFixtures.mixedCorpus(seconds: 8)
    let model = AcousticModel.train(corpus)
    let decoded = decodeInOrder(model, settings: DecoderSettings())
    let original = TokenFixtures.mono(corpus.samples.map { Float($0) / 32768 })
    let distance = bandLogSpectralDistance(TokenFixtures.mono(decoded), Array(original.prefix(decoded.count / 2)))
    #expect(distance < 1.5, "band log-spectral distance \(distance) dB")
}
