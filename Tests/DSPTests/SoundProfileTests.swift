import DSP
import Foundation
import Testing

// The realism tests judge the built-in sounds with SoundProfile, so its three
// measures must say what they claim on signals whose answer is known.

private let rate = Double(AudioFormat.sampleRate)

private func whiteNoise(seconds: Double, seed: UInt64 = 1, amplitude: Float = 0.1) -> [Float] {
    var noise = WhiteNoise(seed: seed)
    return (0..<Int(seconds * rate)).map { _ in amplitude * noise.next() }
}

@Test func whiteNoiseSharesRiseThreeDecibelsAnOctaveWithNoLine() {
    let profile = SoundProfile(mono: whiteNoise(seconds: 10))
    let shares = profile.bandShares.decibels
    #expect(shares.count == 7)
    for (lower, upper) in zip(shares, shares.dropFirst()) {
        #expect(abs(upper - lower - 3.01) < 0.45, "octave step \(upper - lower) dB")
    }
    // The top band holds 2⁶/(2⁷ − 1) of the energy of a flat spectrum (the bands' edges fall between 5.9 Hz bins).
    #expect(abs(shares[6] - 10 * log10(64.0 / 127)) < 0.2)
    #expect(profile.narrowLines.isEmpty)
    #expect(profile.envelope.eventsPerSecond < 0.5)
    #expect(profile.envelope.levelSpreadDecibels < 1.5)
}

@Test func aToneHeldFourSecondsOverNoiseIsALineButOneOfASecondIsNot() {
    var signal = whiteNoise(seconds: 12)
    // −20 dB under the noise's total power is still ~20 dB over its neighbouring bins.
    let amplitude: Float = 0.1 * 0.1 * 1.41
    for i in Int(2 * rate)..<Int(6 * rate) { signal[i] += amplitude * sin(2 * .pi * 1_000 * Float(i) / Float(rate)) }
    for i in Int(8 * rate)..<Int(9 * rate) { signal[i] += amplitude * sin(2 * .pi * 3_000 * Float(i) / Float(rate)) }
    let lines = SoundProfile(mono: signal).narrowLines
    #expect(lines.count == 1)
    if let line = lines.first {
        #expect(abs(line.frequencyHertz - 1_000) < 10)
        #expect(line.heldSeconds > 3 && line.heldSeconds < 5.5)
        #expect(line.prominenceDecibels > 12)
    }
}

@Test func aGlidingToneIsNoSteadyLine() {
    var signal = whiteNoise(seconds: 10)
    var phase: Float = 0
    for i in signal.indices {
        let frequency = 2_000 + 1_000 * Float(i) / Float(signal.count)  // 100 Hz a second
        phase += 2 * .pi * frequency / Float(rate)
        signal[i] += 0.014 * sin(phase)
    }
    #expect(SoundProfile(mono: signal).narrowLines.allSatisfy { $0.heldSeconds < 3 })
}

@Test func clicksOverQuietNoiseAreCountedAsShortEvents() {
    var signal = whiteNoise(seconds: 20, amplitude: 0.005)
    var random = Random(seed: 3)
    var clicks = 0
    var start = Int(0.3 * rate)
    while start < signal.count - 4_800 {
        for i in 0..<960 { signal[start + i] += 0.3 * (random.unit() - 0.5) * exp(-Float(i) / 200) }
        clicks += 1
        start += Int((0.15 + 0.2 * Double(random.unit())) * rate)
    }
    let envelope = SoundProfile(mono: signal).envelope
    let expected = Double(clicks) / 20
    #expect(abs(envelope.eventsPerSecond - expected) < 0.15 * expected, "\(envelope.eventsPerSecond) vs \(expected)")
    #expect(envelope.eventSeconds <= 0.03)
}

@Test func swellsWithSilenceBetweenSpreadFarMoreThanASteadyWash() {
    var swells = whiteNoise(seconds: 24)
    for i in swells.indices {
        let t = Double(i) / rate
        swells[i] *= Float(max(sin(2 * .pi * t / 8), 0))  // 4 s of swell, 4 s of silence
    }
    let steady = SoundProfile(mono: whiteNoise(seconds: 24)).envelope.levelSpreadDecibels
    let swelling = SoundProfile(mono: swells).envelope.levelSpreadDecibels
    #expect(steady < 1.5)
    #expect(swelling > 30)
}

@Test func silenceMeasuresWithoutCrashing() {
    let profile = SoundProfile(mono: [Float](repeating: 0, count: 48_000 * 3))
    #expect(profile.narrowLines.isEmpty)
    #expect(profile.bandShares.decibels.allSatisfy { $0 == -120 })
    #expect(profile.envelope.eventsPerSecond == 0)
}
