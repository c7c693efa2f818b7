import Foundation
import TestSupport
import Testing

@Suite struct RainTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 10) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("rain", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    @Test(arguments: ["window", "roof", "leaves", "tent", "car", "umbrella"])
    func evenADrizzleHasAudibleDropOnsets(variant: String) {
        func onsets(_ intensity: Float) -> Double {
            AudioAnalysis.onsetsPerSecond(
                AudioAnalysis.highPassed(mono(variant, intensity), cutoff: 1000), frameSeconds: 0.001, memory: 6)
        }
        let light = onsets(0.05), moderate = onsets(0.4)
        print("rain/\(variant) onsets/s light \(light) moderate \(moderate)")
        // From light rain up the drops sink into a full wash, as in every real rain
        // recording (Sounds/rain/); SoundRealismTests holds their ticks to the real ones.
        #expect(light > 10, "even a drizzle has audible drops")
    }

    @Test(arguments: ["window", "roof", "leaves", "tent", "car", "umbrella"])
    func torrentialRainFillsTheGapsBetweenDrops(variant: String) {
        // The median 10 ms frame against the loud ones (95th percentile): in a
        // drizzle most frames fall between drops, in a torrent there is no between.
        func fill(_ intensity: Float) -> Double {
            let frames = AudioAnalysis.envelope(mono(variant, intensity), frameSeconds: 0.01).sorted()
            return frames[frames.count / 2] / frames[frames.count * 19 / 20]
        }
        let drizzle = fill(0.05), torrent = fill(1)
        print("rain/\(variant) fill drizzle \(drizzle) torrent \(torrent)")
        #expect(torrent > 2 * drizzle)
    }

    @Test func rainOnARoofIsDullerThanOnAWindowAndLeavesLieBetween() {
        func centroid(_ variant: String) -> Double {
            let c = AudioAnalysis.centroids(mono(variant, 0.5))
            return c.reduce(0, +) / Double(c.count)
        }
        let window = centroid("window"), roof = centroid("roof"), leaves = centroid("leaves")
        print("rain centroids window \(window) roof \(roof) leaves \(leaves)")
        #expect(roof < 0.6 * window)
        #expect(roof < leaves && leaves < window)
    }

    @Test func onATentOrACarRoofRainIsDullerThanOnAnUmbrella() {
        func centroid(_ variant: String) -> Double {
            let c = AudioAnalysis.centroids(mono(variant, 0.5))
            return c.reduce(0, +) / Double(c.count)
        }
        let tent = centroid("tent"), car = centroid("car"), umbrella = centroid("umbrella")
        #expect(tent < 0.8 * umbrella && car < 0.8 * umbrella, "centroids tent \(tent), car \(car), umbrella \(umbrella)")
        // The car's sheet metal drums: more of its energy sits below 300 Hz than the umbrella's.
        let carLow = AudioAnalysis.energyFraction(mono("car", 0.5), from: 60, to: 300)
        let umbrellaLow = AudioAnalysis.energyFraction(mono("umbrella", 0.5), from: 60, to: 300)
        #expect(carLow > 2 * umbrellaLow, "below 300 Hz: car \(carLow), umbrella \(umbrellaLow)")
    }

    @Test func rainIsBroadbandAcrossTheHearingRange() {
        let signal = mono("leaves", 0.7)
        #expect(AudioAnalysis.energyFraction(signal, from: 0, to: 500) < 0.5)
        #expect(AudioAnalysis.energyFraction(signal, from: 2000, to: 12000) > 0.2)
    }
}
