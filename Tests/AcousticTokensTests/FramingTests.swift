@testable import AcousticTokens
@testable import DSP
import Testing


/// Guards the codec's core promise: analysis → synthesis → overlap-add
/// returns the input, so decoding a corpus in order can reproduce it.
@Test func sqrtHannAnalysisAndSynthesisOverlapAddToExactlyOne() {
    let hop = Framing.hopFrames
    for n in 0..<hop {
        let amplitudeSum = Framing.hann[n] + Framing.hann[n + hop]
        #expect(abs(amplitudeSum - 1) < 1e-6)
        let powerSum = Framing.sqrtHann[n] * Framing.sqrtHann[n] + Framing.sqrtHann[n + hop] * Framing.sqrtHann[n + hop]
        #expect(abs(powerSum - 1) < 1e-6)
    }
}

@Test func framingThroughTheFFTReconstructsTheSignalExactly() {
    var random = Random(seed: 7)
    let signal = (0..<(48_000 * 2)).map { _ in random.bipolar() * 0.5 }
    let fft = RealFFT(size: Framing.windowFrames)
    let scale = 1 / Float(Framing.windowFrames)
    let output = Framing.analyzeAndResynthesize(signal) { frame in
        fft.samples.update(from: frame, count: fft.size)
        fft.forward()
        fft.inverse()
        for n in 0..<fft.size { frame[n] = fft.samples[n] * scale }
    }
    let interior = Framing.hopFrames..<(Framing.frameCount(sampleFrames: signal.count) * Framing.hopFrames)
    var worst: Float = 0
    for i in interior { worst = max(worst, abs(output[i] - signal[i])) }
    #expect(interior.count > 90_000)
    #expect(worst < 1e-5, "largest reconstruction error \(worst)")
}
