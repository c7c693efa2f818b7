import Foundation
import SoundscapeIO
import TestSupport
import Testing

// Each water sound against the real recordings of its category in Sounds/
// (see RealRange for the bar).

@Suite(.serialized) struct WaterRealismTests {
    @Test(arguments: ["window", "roof", "leaves", "tent", "car", "umbrella"])
    func rainSitsInTheRangeOfRealRain(variant: String) throws {
        RealismCheck.expect("rain", variant: variant, within: try RealRecordings.range(of: "rain"))
    }

    @Test func streamSitsInTheRangeOfRealStreams() throws {
        RealismCheck.expect("stream", variant: "brook", within: try RealRecordings.range(of: "stream"))
    }

    @Test func wavesSitInTheRangeOfRealSurf() throws {
        RealismCheck.expect("waves", variant: "beach", seconds: 40, within: try RealRecordings.range(of: "waves"))
    }

    @Test(arguments: ["wide", "rapids"])
    func riverSitsInTheRangeOfRealRivers(variant: String) throws {
        RealismCheck.expect("river", variant: variant, within: try RealRecordings.range(of: "river"))
    }

    @Test(arguments: ["near", "distant"])
    func waterfallSitsInTheRangeOfRealWaterfalls(variant: String) throws {
        RealismCheck.expect("waterfall", variant: variant, within: try RealRecordings.range(of: "waterfall"))
    }

    /// Intensity is distance: distant thunder (0.2) must be as dark as the distant
    /// recordings, overhead thunder (0.9) as bright as the near ones.
    /// One reference, Sounds/dripping/cave-drip.ogg (drips in a cave with their ringing
    /// tails, two a second): the cave against it, and the tap too, a drip into a small
    /// room's basin. Intensity is the drip rate, and the recording drips at about the
    /// pace of 0.5, so at 0.2 (slow drips) only the spectrum is held to it.
    @Test(arguments: ["cave", "tap"])
    func drippingSitsInTheRangeOfARealCaveDrip(variant: String) throws {
        RealismCheck.expect(
            "dripping", variant: variant, within: try RealRecordings.range(of: "dripping"), envelopeFrom: 0.5)
    }

    @Test func distantThunderIsAsDarkAsRealDistantThunder() throws {
        let distant = try RealRecordings.range(of: "thunder", files: ["rumble-far.ogg", "rumble-mid.ogg"])
        RealismCheck.expect("thunder", variant: "storm", intensities: [0.2], seconds: 60, within: distant)
    }

    @Test func nearThunderIsAsBrightAsRealNearThunder() throws {
        let near = try RealRecordings.range(of: "thunder", files: ["strike-near.ogg", "storm-bolts.ogg"])
        RealismCheck.expect("thunder", variant: "storm", intensities: [0.9], seconds: 60, within: near)
    }

    @Test func thunderInBetweenSitsInTheRangeOfAllRealThunder() throws {
        RealismCheck.expect(
            "thunder", variant: "storm", intensities: [0.5], seconds: 60, within: try RealRecordings.range(of: "thunder"))
    }
}

/// The brook's bubbles against real brooks, with StreamTests' own onset measure
/// (onsets above 1 kHz in 2 ms frames): at least half as many as the sparsest real one.
@Test func aBrookBabblesAtLeastHalfAsDenselyAsRealBrooks() throws {
    func onsets(_ stereo: [Float]) -> Double {
        AudioAnalysis.onsetsPerSecond(
            AudioAnalysis.highPassed(AudioAnalysis.mono(stereo), cutoff: 1000), frameSeconds: 0.002, ratio: 2.5, memory: 5)
    }
    var real: [String: Double] = [:]
    let folder = RealRecordings.folder.appendingPathComponent("stream")
    for name in try RealRecordings.profiles(of: "stream").keys.sorted() {
        real[name] = onsets(try AudioFileReader.read(folder.appendingPathComponent(name).path, maximumSeconds: 30).samples)
    }
    let rendered = onsets(SoundRendering.render("stream", seconds: 15, intensity: 0.5, seed: 5))
    print("realism: stream onsets/s \(rendered), real \(real)")
    #expect(!real.isEmpty)
    #expect(rendered >= 0.5 * (real.values.min() ?? .infinity), "stream \(rendered) onsets/s, real \(real)")
}

/// Drops tick above 1 kHz (RainTests' onset measure: 1 ms frames, 4× the last 6 ms)
/// as often as in real rain (from half the sparsest to 1.5× the busiest): the wash
/// has drops in it, and no more of them stand out than in a real shower.
@Test(arguments: ["window", "roof", "leaves", "tent", "car", "umbrella"])
func rainTicksAsOftenAsRealRain(variant: String) throws {
    func onsets(_ stereo: [Float]) -> Double {
        AudioAnalysis.onsetsPerSecond(
            AudioAnalysis.highPassed(AudioAnalysis.mono(stereo), cutoff: 1000), frameSeconds: 0.001, memory: 6)
    }
    var real: [String: Double] = [:]
    let folder = RealRecordings.folder.appendingPathComponent("rain")
    for name in try RealRecordings.profiles(of: "rain").keys.sorted() {
        real[name] = onsets(try AudioFileReader.read(folder.appendingPathComponent(name).path, maximumSeconds: 20).samples)
    }
    let rendered = onsets(SoundRendering.render("rain", variant: variant, seconds: 10, intensity: 0.5, seed: 5))
    print("realism: rain \(variant) onsets/s \(rendered), real \(real)")
    #expect(!real.isEmpty)
    #expect(rendered >= 0.5 * (real.values.min() ?? .infinity), "rain \(variant) \(rendered) onsets/s, real \(real)")
    #expect(rendered <= 1.5 * (real.values.max() ?? 0), "rain \(variant) \(rendered) onsets/s, real \(real)")
}

/// Two references, Sounds/underwater/underwater-alienxxx-ocean.ogg and
/// underwater-alienxxx-deep.ogg (two takes of one underwater ambience, 9 s each):
/// a shallow sea and the deep are both heard through water, which keeps the low
/// rumble and swallows almost everything above 1 kHz.
@Test(arguments: ["sea", "deep"])
func underwaterSitsInTheRangeOfARealUnderwaterAmbience(variant: String) throws {
    RealismCheck.expect("underwater", variant: variant, within: try RealRecordings.range(of: "underwater"))
}
