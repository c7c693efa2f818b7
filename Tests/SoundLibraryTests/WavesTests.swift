import Foundation
import TestSupport
import Testing

@Suite struct WavesTests {
    private func envelope(_ intensity: Float, seed: UInt64 = 5) -> [Double] {
        let signal = AudioAnalysis.mono(SoundRendering.render("waves", seconds: 40, intensity: intensity, seed: seed))
        // 100 ms RMS, smoothed over half a second.
        let raw = AudioAnalysis.envelope(signal, frameSeconds: 0.1)
        return raw.indices.map { i in
            let window = raw[max(0, i - 2)...min(raw.count - 1, i + 2)]
            return window.reduce(0, +) / Double(window.count)
        }
    }

    /// The lag (seconds) of the strongest autocorrelation peak between 3 and 16 s, and its height.
    private func swellPeriod(_ envelope: [Double]) -> (seconds: Double, strength: Double) {
        var best = (lag: 0, value: -1.0)
        for lag in 30...160 {
            let r = AudioAnalysis.autocorrelation(envelope, lag: lag)
            if r > best.value { best = (lag, r) }
        }
        return (Double(best.lag) / 10, best.value)
    }

    @Test(arguments: [0.2, 0.5, 0.9] as [Float])
    func wavesSwellWithAPeriodOfSeveralSeconds(intensity: Float) {
        let envelope = envelope(intensity)
        let period = swellPeriod(envelope)
        let shortLag = AudioAnalysis.autocorrelation(envelope, lag: 15)
        print("waves at \(intensity): period \(period.seconds) s, strength \(period.strength), at 1.5 s \(shortLag)")
        #expect(period.seconds >= 5 && period.seconds <= 14)
        #expect(period.strength > 0.25)
        // Within a wave the level swings: half a period away it looks nothing alike.
        #expect(shortLag < period.strength)
    }

    @Test func eachWaveEndsInAHissingWashBack() {
        // After the loudest moment the remaining sound is brighter than the roar before it.
        let signal = AudioAnalysis.mono(SoundRendering.render("waves", seconds: 20, intensity: 0.5, seed: 5))
        let centroids = AudioAnalysis.centroids(signal)
        let energy = AudioAnalysis.envelope(signal, frameSeconds: 2048.0 / 48000)
        let peak = energy.indices.max { energy[$0] < energy[$1] }!
        let before = centroids[max(0, peak - 60)..<max(1, peak - 10)]
        let after = centroids[min(centroids.count - 1, peak + 20)..<min(centroids.count, peak + 70)]
        let roar = before.reduce(0, +) / Double(before.count)
        let wash = after.reduce(0, +) / Double(after.count)
        print("waves centroid roar \(roar) Hz, wash \(wash) Hz")
        #expect(wash > 1.5 * roar)
    }
}
