@testable import DSP
import Foundation
import TestSupport
import Testing

@Suite struct StreamTests {
    private func mono(_ intensity: Float) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("stream", seconds: 15, intensity: intensity, seed: 5))
    }

    @Test func aBrookIsContinuousBroadbandSound() {
        let signal = mono(0.5)
        let frames = AudioAnalysis.envelope(signal, frameSeconds: 0.02).sorted()
        // No gaps: even the quietest 20 ms (5th percentile) are within 10 dB of the median.
        #expect(frames[frames.count / 20] > 0.3 * frames[frames.count / 2])
        #expect(AudioAnalysis.energyFraction(signal, from: 200, to: 8000) > 0.85)
        #expect(AudioAnalysis.energyFraction(signal, from: 1500, to: 8000) > 0.1)
    }

    @Test func aBrookBabblesWithDenseTinyResonances() {
        // Many short tonal onsets per second above 1 kHz: the bubbles.
        let onsets = AudioAnalysis.onsetsPerSecond(
            AudioAnalysis.highPassed(mono(0.5), cutoff: 1000), frameSeconds: 0.002, ratio: 2.5, memory: 5)
        print("stream onsets/s \(onsets)")
        // The sparsest real brook (Sounds/stream/creek.ogg) measures 12 a second;
        // SoundRealismTests holds this against every real one.
        #expect(onsets > 10)
    }

    @Test func moreFlowIsDeeperAndFuller() {
        let trickle = mono(0.1), rush = mono(0.9)
        let trickleLevel = trickle.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let rushLevel = rush.withUnsafeBufferPointer { Loudness.rmsDecibels($0) }
        let trickleCentroid = AudioAnalysis.centroids(trickle).reduce(0, +)
        let rushCentroid = AudioAnalysis.centroids(rush).reduce(0, +)
        print("stream trickle \(trickleLevel) dB, rush \(rushLevel) dB")
        #expect(rushLevel > trickleLevel + 6)
        #expect(rushCentroid < trickleCentroid)
    }
}
