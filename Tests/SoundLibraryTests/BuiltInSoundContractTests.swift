@testable import DSP
@testable import SoundLibrary
import TestSupport
import Testing

/// Every sound and variant of the registry, as (sound, variant) pairs: a new sound
/// is held to these contracts by being listed, with no test to edit.
private let everyVariant: [(String, String)] = SoundLibrary.builtIn.flatMap { definition in
    definition.variants.map { (definition.name, $0) }
}

/// What every built-in sound promises, whatever it is: the shared level target at
/// intensity 0.5, headroom and no DC at every intensity, never silent, and a seed
/// that reproduces the stream.
@Suite struct BuiltInSoundContractTests {
    @Test func namesAndVariantsAreUniqueAndTheCatalogueIsTheRegistry() {
        let names = SoundLibrary.builtIn.map(\.name)
        #expect(Set(names).count == names.count, "a sound is listed twice")
        for definition in SoundLibrary.builtIn {
            #expect(Set(definition.variants).count == definition.variants.count, "\(definition.name)")
            #expect(SoundCatalog.builtIn.variants(of: definition.name) == definition.variants)
        }
        #expect(SoundCatalog.builtIn.names == names)
    }

    @Test(arguments: everyVariant)
    func levelAtHalfIntensityIsOnTargetWithHeadroomAndNoDC(sound: String, variant: String) {
        let samples = SoundRendering.render(sound, variant: variant, seconds: 20, intensity: 0.5, seed: 7)
        samples.withUnsafeBufferPointer { buffer in
            let level = Loudness.gatedRMSDecibels(buffer)
            #expect(abs(level + 24) <= 2, "\(sound)/\(variant) measures \(level) dBFS, target −24 ± 2")
            #expect(Loudness.peak(buffer) < 0.891, "\(sound)/\(variant) peaks at or above −1 dBFS")
            #expect(abs(Loudness.mean(buffer)) < 2e-3, "\(sound)/\(variant) has a DC offset")
        }
    }

    @Test(arguments: everyVariant)
    func extremeIntensitiesNeverClipGoSilentOrDrift(sound: String, variant: String) {
        for intensity: Float in [0, 1] {
            let samples = SoundRendering.render(sound, variant: variant, seconds: 10, intensity: intensity, seed: 3)
            samples.withUnsafeBufferPointer { buffer in
                #expect(buffer.allSatisfy { $0.isFinite })
                #expect(Loudness.peak(buffer) < 0.891, "\(sound)/\(variant) at \(intensity) peaks at or above −1 dBFS")
                let level = Loudness.gatedRMSDecibels(buffer)
                #expect(level > -48 && level < -12, "\(sound)/\(variant) at \(intensity) measures \(level) dBFS")
                #expect(abs(Loudness.mean(buffer)) < 2e-3, "\(sound)/\(variant) at \(intensity) has a DC offset")
            }
        }
    }

    @Test(arguments: everyVariant)
    func sameSeedReproducesTheStreamAndAnotherSeedDoesNot(sound: String, variant: String) {
        let first = SoundRendering.render(sound, variant: variant, seconds: 3, intensity: 0.6, seed: 11)
        let again = SoundRendering.render(sound, variant: variant, seconds: 3, intensity: 0.6, seed: 11)
        let other = SoundRendering.render(sound, variant: variant, seconds: 3, intensity: 0.6, seed: 12)
        #expect(first == again)
        #expect(first != other)
    }
}
