@testable import DSP
@testable import SoundLibrary
import TestSupport
import Testing

/// Every nature sound and variant, as (sound, variant) pairs.
private let natureVariants: [(String, String)] = NatureSounds.definitions.flatMap { definition in
    definition.variants.map { (definition.name, $0) }
}

/// Contracts every built-in nature sound keeps: the level target, headroom,
/// no DC, reproducible seeds.
@Suite struct NatureSoundsTests {
    @Test func natureFamilyHasEverySoundWithItsCanonicalVariants() {
        let names = Dictionary(uniqueKeysWithValues: NatureSounds.definitions.map { ($0.name, $0.variants) })
        #expect(names["rain"] == ["window", "roof", "leaves"])
        #expect(names["thunder"] == ["storm"])
        #expect(names["wind"] == ["open", "trees"])
        #expect(names["waves"] == ["beach"])
        #expect(names["stream"] == ["brook"])
        #expect(names["fire"] == ["fireplace", "campfire"])
        #expect(names["birds"] == ["dawn", "forest"])
        #expect(names["crickets"] == ["night"])
        for (sound, variants) in names {
            #expect(SoundLibrary.builtIn(named: sound)?.variants == variants)
        }
    }

    @Test(arguments: natureVariants)
    func levelAtHalfIntensityIsMinus24DecibelsWithinTwo(sound: String, variant: String) {
        let samples = SoundRendering.render(sound, variant: variant, seconds: 20, intensity: 0.5, seed: 7)
        let level = samples.withUnsafeBufferPointer { Loudness.gatedRMSDecibels($0) }
        #expect(abs(level + 24) <= 2, "\(sound)/\(variant) measures \(level) dBFS")
    }

    @Test(arguments: natureVariants)
    func neverPeaksAboveMinusOneDecibelAndHasNoDCOffset(sound: String, variant: String) {
        for intensity: Float in [0, 0.5, 1] {
            let samples = SoundRendering.render(sound, variant: variant, seconds: 10, intensity: intensity, seed: 3)
            let peak = samples.withUnsafeBufferPointer { Loudness.peak($0) }
            let mean = samples.withUnsafeBufferPointer { Loudness.mean($0) }
            #expect(samples.allSatisfy { $0.isFinite })
            #expect(peak < 0.891, "\(sound)/\(variant) at \(intensity) peaks at \(peak)")
            #expect(abs(mean) < 0.001, "\(sound)/\(variant) at \(intensity) has DC \(mean)")
        }
    }

    @Test(arguments: natureVariants)
    func sameSeedRendersTheSameAudioAndAnotherSeedDiffers(sound: String, variant: String) {
        let a = SoundRendering.render(sound, variant: variant, seconds: 4, intensity: 0.7, seed: 11)
        let b = SoundRendering.render(sound, variant: variant, seconds: 4, intensity: 0.7, seed: 11)
        let c = SoundRendering.render(sound, variant: variant, seconds: 4, intensity: 0.7, seed: 12)
        #expect(a == b)
        #expect(a != c)
    }
}
