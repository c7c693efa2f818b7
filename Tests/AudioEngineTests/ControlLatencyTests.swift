@testable import AudioEngine
import DSP
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A 200 Hz sine whose amplitude is the intensity it is given: what a change of
/// intensity does can be read straight off the output's peak. The phase runs on,
/// so the stream is continuous from block to block.
private final class IntensitySine: LayerSource, @unchecked Sendable {
    private var phase: Float = 0
    static let step: Float = 2 * .pi * 200 / Float(AudioFormat.sampleRate)

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        for frame in 0..<frameCount {
            let value = intensity * sinf(phase)
            output[2 * frame] = value
            output[2 * frame + 1] = value
            phase += Self.step
            if phase > 2 * .pi { phase -= 2 * .pi }
        }
    }
}

/// An offline engine playing one `IntensitySine` layer at full weight and master,
/// rendered past its fade-in so its ring is at its steady lead.
private func settledSine(intensity: Float, weight: Float = 1) throws -> (Engine, RecordingSink) {
    let sink = RecordingSink()
    let engine = Engine(sink: sink, provider: TestProvider(["sine": { IntensitySine() }]), seed: 1)
    try engine.apply(Mix(layers: [MixLayer(sound: "sine", weight: weight, intensity: intensity)], master: 1))
    try engine.renderOffline(frames: frames(3))
    return (engine, sink)
}

/// The largest magnitude of the left channel over `frames`.
private func peak(_ samples: [Float], frames: Range<Int>) -> Float {
    frames.map { abs(samples[2 * $0]) }.max() ?? 0
}

/// The largest sample step a crossfade between two 200 Hz sines of amplitude ≤ `amplitude`
/// may make: the sines' own slope plus the fade's (raised cosine over 480 frames, ≤ π/2 per
/// fade length, times the largest gap between the two).
private func allowedStep(amplitude: Float) -> Float {
    amplitude * IntensitySine.step + Float.pi / 2 / Float(Workers.jumpFadeFrames) * 2 * amplitude + 1e-4
}

@Test func anIntensityChangeIsHeardWithin50MillisecondsWithoutAClick() throws {
    let (engine, sink) = try settledSine(intensity: 0.2)
    #expect(engine.status.minimumRingFillSeconds >= 2, "the ring runs seconds ahead")
    let called = sink.frameCount
    #expect(abs(peak(sink.samples, frames: (called - frames(0.05))..<called) - 0.2) < 0.005)

    engine.setIntensity(0.8, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.5))
    let samples = sink.samples
    // Within 50 ms the layer plays at the new intensity, and stays there.
    let heard = called + frames(0.05)
    #expect(abs(peak(samples, frames: heard..<(heard + frames(0.01))) - 0.8) < 0.005)
    #expect(abs(peak(samples, frames: (heard + frames(0.3))..<(heard + frames(0.31))) - 0.8) < 0.005)
    // The crossing is a fade, not a cut.
    #expect(largestStep(samples, channel: 0, frames: (called - 1)..<sink.frameCount) <= allowedStep(amplitude: 0.8))
}

@Test func aWeightChangeIsHeardWithin50MillisecondsWithoutAClick() throws {
    let (engine, sink) = try settledSine(intensity: 0.8, weight: 0.5)
    let called = sink.frameCount
    let before = 0.8 * FaderCurve.gain(0.5)
    #expect(abs(peak(sink.samples, frames: (called - frames(0.05))..<called) - before) < 0.005)

    engine.setWeight(1, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.5))
    let samples = sink.samples
    let heard = called + frames(0.05)
    #expect(abs(peak(samples, frames: heard..<(heard + frames(0.01))) - 0.8) < 0.005)
    #expect(largestStep(samples, channel: 0, frames: (called - 1)..<sink.frameCount) <= allowedStep(amplitude: 0.8))
}

@Test func intensityChangesInQuickSuccessionEndAtTheLastValue() throws {
    let (engine, sink) = try settledSine(intensity: 0.2)
    let called = sink.frameCount
    // Key presses 10 ms apart: each may start a new take; the last one wins, smoothly.
    for intensity in [0.3, 0.4, 0.5, 0.6] as [Float] {
        engine.setIntensity(intensity, ofLayer: 0)
        try engine.renderOffline(frames: frames(0.01))
    }
    try engine.renderOffline(frames: frames(0.5))
    let samples = sink.samples
    let settled = called + frames(0.04) + frames(0.05)
    #expect(abs(peak(samples, frames: settled..<(settled + frames(0.01))) - 0.6) < 0.005)
    #expect(largestStep(samples, channel: 0, frames: (called - 1)..<sink.frameCount) <= allowedStep(amplitude: 0.6))
    #expect(engine.status.ringUnderruns == 0)
}

/// Evolve's drift must not cut what is already rendered: a jump skips the ring's
/// lead, and with it any thunder roll or bird song rendered there. A drift comes
/// in behind the lead; a person's key is still heard at once.
@Test func aDriftOfIntensityPlaysOutTheLeadAndAKeyStillJumps() throws {
    let (engine, sink) = try settledSine(intensity: 0.2)
    let called = sink.frameCount
    engine.setIntensity(0.8, ofLayer: 0, jumps: false)
    try engine.renderOffline(frames: frames(3))
    var samples = sink.samples
    // Nothing rendered is skipped: the lead at 0.2 plays on for seconds, then the drift arrives.
    #expect(abs(peak(samples, frames: (called + frames(0.05))..<(called + frames(0.06))) - 0.2) < 0.005)
    #expect(abs(peak(samples, frames: (called + frames(1.5))..<(called + frames(1.51))) - 0.2) < 0.005)
    #expect(abs(peak(samples, frames: (sink.frameCount - frames(0.05))..<sink.frameCount) - 0.8) < 0.005)

    let keyed = sink.frameCount
    engine.setIntensity(0.4, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.5))
    samples = sink.samples
    let heard = keyed + frames(0.05)
    #expect(abs(peak(samples, frames: heard..<(heard + frames(0.01))) - 0.4) < 0.005)
}

/// A 200 Hz sine whose amplitude glides to the intensity with a 0.15 s time constant,
/// as a recorded bed's gain does, and starts a fresh take at the intensity itself.
private final class GlidingSine: LayerSource, @unchecked Sendable {
    private var phase: Float = 0
    private var amplitude: Float = -1
    private let smoothing = 1 - expf(-1 / (0.15 * Float(AudioFormat.sampleRate)))
    let freshTakes = Atomic<Int>(0)

    func beginFreshTake() {
        freshTakes.wrappingAdd(1, ordering: .relaxed)
        amplitude = -1
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        if amplitude < 0 { amplitude = intensity }
        for frame in 0..<frameCount {
            amplitude += (intensity - amplitude) * smoothing
            let value = amplitude * sinf(phase)
            output[2 * frame] = value
            output[2 * frame + 1] = value
            phase += IntensitySine.step
            if phase > 2 * .pi { phase -= 2 * .pi }
        }
    }
}

/// A source with a glide of its own would hold a key's change back by its time
/// constant; the fresh take lets it start at the new intensity, and the mixer's
/// crossfade is the only glide left. A drift is no fresh take: it glides.
@Test func aKeysFreshTakeStartsAtTheNewIntensityAndADriftGlides() throws {
    let sine = GlidingSine()
    let sink = RecordingSink()
    let engine = Engine(sink: sink, provider: TestProvider(["sine": { sine }]), seed: 1)
    try engine.apply(Mix(layers: [MixLayer(sound: "sine", weight: 1, intensity: 0.2)], master: 1))
    try engine.renderOffline(frames: frames(3))
    let called = sink.frameCount
    engine.setIntensity(0.8, ofLayer: 0)
    try engine.renderOffline(frames: frames(0.5))
    var samples = sink.samples
    // Past the 10 ms crossfade it plays at the new intensity, not a fifth of the way there.
    let heard = called + frames(0.015)
    #expect(abs(peak(samples, frames: heard..<(heard + frames(0.01))) - 0.8) < 0.005)
    #expect(largestStep(samples, channel: 0, frames: (called - 1)..<sink.frameCount) <= allowedStep(amplitude: 0.8))
    #expect(sine.freshTakes.load(ordering: .relaxed) == 1)

    engine.setIntensity(0.4, ofLayer: 0, jumps: false)
    try engine.renderOffline(frames: frames(3))
    samples = sink.samples
    #expect(sine.freshTakes.load(ordering: .relaxed) == 1, "a drift is no fresh take")
    #expect(abs(peak(samples, frames: (sink.frameCount - frames(0.01))..<sink.frameCount) - 0.4) < 0.01)
}
