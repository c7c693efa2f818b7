@testable import AudioEngine
@testable import DSP
import Foundation
@testable import SoundLibrary
import TestSupport
import Testing


private func noise(_ name: String, seed: UInt64 = 7) -> LayerSource {
    SoundLibrary.builtIn(named: name)!.makeSynthesizer("steady", seed)
}

@Test func pinkNoiseFallsThreeDecibelsPerOctaveFrom20HzTo20kHz() {
    let samples = render(noise("pink-noise"), seconds: 40, intensity: 0.5)
    for channel in 0..<2 {
        let bands = octaveBandDecibels(powerSpectrum(samples, channel: channel), lowHertz: 20, octaves: 10)
        let (slope, worst) = slopePerOctave(bands)
        #expect(abs(slope - -3.01) < 0.2, "pink slope \(slope) dB/octave, bands \(bands)")
        #expect(worst < 1, "pink strays \(worst) dB from a straight −3 dB/octave line: \(bands)")
    }
}

@Test func brownNoiseFallsSixDecibelsPerOctave() {
    let samples = render(noise("brown-noise"), seconds: 40, intensity: 0.5)
    for channel in 0..<2 {
        let bands = octaveBandDecibels(powerSpectrum(samples, channel: channel), lowHertz: 20, octaves: 6)
        let (slope, worst) = slopePerOctave(bands)
        #expect(abs(slope - -6.02) < 0.3, "brown slope \(slope) dB/octave, bands \(bands)")
        #expect(worst < 1, "brown strays \(worst) dB from a straight line: \(bands)")
    }
}

@Test func whiteNoiseIsFlat() {
    let samples = render(noise("white-noise"), seconds: 20, intensity: 0.5)
    let bands = octaveBandDecibels(powerSpectrum(samples, channel: 0), lowHertz: 20, octaves: 10)
    let (slope, worst) = slopePerOctave(bands)
    #expect(abs(slope) < 0.2, "white slope \(slope) dB/octave")
    #expect(worst < 1, "white bands \(bands)")
}

@Test(arguments: ["white-noise", "pink-noise", "brown-noise"])
func noiseChannelsAreDecorrelated(name: String) {
    let samples = render(noise(name), seconds: 10, intensity: 0.5)
    var lr = 0.0
    var ll = 0.0
    var rr = 0.0
    for i in stride(from: 0, to: samples.count, by: 2) {
        let l = Double(samples[i])
        let r = Double(samples[i + 1])
        lr += l * r
        ll += l * l
        rr += r * r
    }
    #expect(abs(lr / (ll * rr).squareRoot()) < 0.1)
}

/// Intensity must change the sound, not only its level: compare how much of
/// the energy sits above 4 kHz relative to below 500 Hz.
@Test(arguments: ["white-noise", "pink-noise", "brown-noise"])
func higherIntensityMakesNoiseBrighter(name: String) {
    func brightnessDecibels(_ intensity: Float) -> Double {
        let power = powerSpectrum(render(noise(name), seconds: 8, intensity: intensity), channel: 0)
        let binHertz = Double(AudioFormat.sampleRate) / 16_384
        let low = power[1..<Int(500 / binHertz)].reduce(0, +)
        let high = power[Int(4000 / binHertz)..<Int(16_000 / binHertz)].reduce(0, +)
        return 10 * log10(high / low)
    }
    let dark = brightnessDecibels(0)
    let middle = brightnessDecibels(0.5)
    let bright = brightnessDecibels(1)
    #expect(middle > dark + 3, "\(name): intensity 0.5 is not brighter than 0 (\(dark) → \(middle) dB)")
    #expect(bright > middle + 3, "\(name): intensity 1 is not brighter than 0.5 (\(middle) → \(bright) dB)")
}

@Test func blueNoiseRisesThreeDecibelsPerOctaveUpTo10kHz() {
    let samples = render(noise("blue-noise"), seconds: 40, intensity: 0.5)
    for channel in 0..<2 {
        let bands = octaveBandDecibels(powerSpectrum(samples, channel: channel), lowHertz: 20, octaves: 9)
        let (slope, worst) = slopePerOctave(bands)
        #expect(abs(slope - 3.01) < 0.3, "blue slope \(slope) dB/octave, bands \(bands)")
        #expect(worst < 1, "blue strays \(worst) dB from a straight +3 dB/octave line: \(bands)")
    }
}

@Test func greyNoiseFollowsAnInvertedEqualLoudnessContour() {
    let samples = render(noise("grey-noise"), seconds: 40, intensity: 0.5)
    // Octave bands from 31.25 Hz: 1 is 62.5–125 Hz, 5 is 1–2 kHz, 6 is 2–4 kHz, 8 is 8–16 kHz.
    // Each band's mean power density is in dB per hertz.
    let density = octaveBandDecibels(powerSpectrum(samples, channel: 0), lowHertz: 31.25, octaves: 9)
    #expect(density[1] - density[5] > 10, "lows raised against 1 kHz: \(density)")
    #expect(density[6] < density[5] - 2, "the ear's most sensitive region lowered: \(density)")
    #expect(density[8] > density[6] + 4, "the top raised again: \(density)")
}
