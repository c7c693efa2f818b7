@testable import AcousticTokens
import Testing

/// A layer decodes whole hops straight into the caller's block and partial ones through
/// its hop buffer: how the caller cuts its blocks must never change a sample.
@Test func aLayerPlaysTheSameSamplesWhateverBlocksItIsAskedFor() {
    let model = AcousticModel.train(TokenFixtures.mixedCorpus(seconds: 6))
    let frames = 20 * Framing.hopFrames + 500
    func render(blocks: [Int]) -> [Float] {
        let layer = TokenLayer(model: model, seed: 3)
        var out = [Float](repeating: 0, count: 2 * frames)
        out.withUnsafeMutableBufferPointer { buffer in
            var done = 0
            var turn = 0
            while done < frames {
                let count = min(blocks[turn % blocks.count], frames - done)
                layer.render(into: buffer.baseAddress! + 2 * done, frameCount: count, intensity: 0.5)
                done += count
                turn += 1
            }
        }
        return out
    }
    // Whole hops (the workers' blocks), odd sizes, and a mix that leaves a hop half read.
    let wholeHops = render(blocks: [Framing.hopFrames])
    let oddBlocks = render(blocks: [333]) == wholeHops
    #expect(oddBlocks, "blocks of 333 frames play other samples than whole hops")
    let mixedBlocks = render(blocks: [700, Framing.hopFrames, 2 * Framing.hopFrames + 5]) == wholeHops
    #expect(mixedBlocks, "mixed blocks play other samples than whole hops")
}
