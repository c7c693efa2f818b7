@testable import DSP
@testable import SoundLibrary
import TestSupport
import Testing


/// What every indoor sound promises, whatever it is: the shared loudness
/// target, headroom, no DC, and a seed that reproduces the stream.
@Suite struct IndoorSoundsTests {
    static let soundsAndVariants: [(String, String)] = IndoorSounds.definitions.flatMap {
        definition in
        definition.variants.map { (definition.name, $0) }
    }

    @Test(arguments: soundsAndVariants)
    func levelAtMiddleIntensityIsOnTargetWithHeadroomAndNoDC(sound: String, variant: String) {
        let samples = IndoorSoundProbe.render(sound, variant, intensity: 0.5, seconds: 20)
        samples.withUnsafeBufferPointer { buffer in
            let level = Loudness.gatedRMSDecibels(buffer)
            #expect(abs(level + 24) <= 2, "\(sound)/\(variant) measures \(level) dBFS, target −24 ± 2")
            #expect(Loudness.peak(buffer) < 0.891, "\(sound)/\(variant) peaks at or above −1 dBFS")
            #expect(abs(Loudness.mean(buffer)) < 1e-3, "\(sound)/\(variant) has a DC offset")
        }
    }

    @Test(arguments: soundsAndVariants)
    func extremeIntensitiesNeverClipOrGoSilent(sound: String, variant: String) {
        for intensity: Float in [0, 1] {
            let samples = IndoorSoundProbe.render(sound, variant, intensity: intensity, seconds: 10)
            samples.withUnsafeBufferPointer { buffer in
                #expect(
                    Loudness.peak(buffer) < 0.891,
                    "\(sound)/\(variant) at \(intensity) peaks at or above −1 dBFS")
                let level = Loudness.gatedRMSDecibels(buffer)
                #expect(
                    level > -45 && level < -14, "\(sound)/\(variant) at \(intensity) measures \(level) dBFS")
                #expect(
                    abs(Loudness.mean(buffer)) < 1e-3, "\(sound)/\(variant) at \(intensity) has a DC offset")
            }
        }
    }

    @Test(arguments: soundsAndVariants)
    func sameSeedReproducesTheStreamAndAnotherSeedDoesNot(sound: String, variant: String) {
        let first = IndoorSoundProbe.render(sound, variant, intensity: 0.6, seconds: 3, seed: 11)
        let again = IndoorSoundProbe.render(sound, variant, intensity: 0.6, seconds: 3, seed: 11)
        let other = IndoorSoundProbe.render(sound, variant, intensity: 0.6, seconds: 3, seed: 12)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func everyIndoorSoundIsInTheLibraryWithItsCanonicalVariants() {
        let expected: [String: [String]] = [
            "room-tone": ["library", "room"], "pages": ["book"], "clock": ["wall"], "keyboard": ["typing"],
            "cafe": ["murmur"], "train": ["carriage"],
        ]
        for (name, variants) in expected {
            #expect(
                SoundLibrary.builtIn(named: name)?.variants == variants,
                "\(name) missing or with wrong variants")
        }
    }
}
