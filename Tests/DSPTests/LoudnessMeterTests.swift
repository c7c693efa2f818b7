import Foundation
import Testing

@testable import DSP

// The meter against the signals of ITU-R BS.1770-4, EBU Tech 3341 (loudness
// and true peak, "minimum requirements" cases) and EBU Tech 3342 (loudness
// range), generated here rather than read from the EBU's files. Tolerances
// are the documents' own: ±0.1 LU for loudness, ±1 LU for loudness range,
// +0.2/−0.4 dB for true peak.

/// Interleaved stereo, a sine of `frequency` Hz on both channels in phase
/// (or on the left only), through consecutive segments of a per-channel
/// peak level in dBFS held for some seconds; the phase runs on across
/// segments, as in the EBU's tone sequences.
private func tone(
    _ segments: [(dBFS: Double, seconds: Double)], frequency: Double = 1000, sampleRate: Int = 48_000,
    leftOnly: Bool = false
) -> [Float] {
    var samples: [Float] = []
    var n = 0
    for segment in segments {
        let amplitude = pow(10, segment.dBFS / 20)
        let frames = Int((segment.seconds * Double(sampleRate)).rounded())
        samples.reserveCapacity(samples.count + 2 * frames)
        for _ in 0..<frames {
            let x = Float(amplitude * sin(2 * Double.pi * frequency * Double(n) / Double(sampleRate)))
            samples.append(x)
            samples.append(leftOnly ? 0 : x)
            n += 1
        }
    }
    return samples
}

/// A meter that has measured all of `samples` in one call.
private func measured(_ samples: [Float], sampleRate: Int = 48_000, truePeak: Bool = false) -> LoudnessMeter {
    var meter = LoudnessMeter(sampleRate: sampleRate, measuresTruePeak: truePeak)
    samples.withUnsafeBufferPointer { meter.measure($0) }
    return meter
}

/// |H(e^jω)| in dB of one biquad section.
private func responseDecibels(_ c: KWeightingFilter.Coefficients, frequency: Double, sampleRate: Double) -> Double {
    let w = 2 * Double.pi * frequency / sampleRate
    func magnitudeSquared(_ c0: Double, _ c1: Double, _ c2: Double) -> Double {
        let re = c0 + c1 * cos(w) + c2 * cos(2 * w)
        let im = -c1 * sin(w) - c2 * sin(2 * w)
        return re * re + im * im
    }
    return 10 * log10(magnitudeSquared(c.b0, c.b1, c.b2) / magnitudeSquared(1, c.a1, c.a2))
}

/// BS.1770-4 Annex 1, Tables 1 and 2: the K-weighting sections at 48 kHz.
private let tableShelf = KWeightingFilter.Coefficients(
    b0: 1.53512485958697, b1: -2.69169618940638, b2: 1.19839281085285,
    a1: -1.69065929318241, a2: 0.73248077421585)
private let tableHighPass = KWeightingFilter.Coefficients(
    b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621)

private func tableKWeightingDecibels(_ frequency: Double) -> Double {
    responseDecibels(tableShelf, frequency: frequency, sampleRate: 48_000)
        + responseDecibels(tableHighPass, frequency: frequency, sampleRate: 48_000)
}

// MARK: K-weighting

@Test func kWeightingDesignedFor48kHzReproducesTheRecommendationsTable() {
    let shelf = KWeightingFilter.shelf(sampleRate: 48_000)
    let highPass = KWeightingFilter.highPass(sampleRate: 48_000)
    for (designed, table) in [(shelf, tableShelf), (highPass, tableHighPass)] {
        #expect(abs(designed.b0 - table.b0) < 1e-8)
        #expect(abs(designed.b1 - table.b1) < 1e-8)
        #expect(abs(designed.b2 - table.b2) < 1e-8)
        #expect(abs(designed.a1 - table.a1) < 1e-8)
        #expect(abs(designed.a2 - table.a2) < 1e-8)
    }
}

@Test(arguments: [44_100, 96_000])
func kWeightingAtOtherRatesHasTheResponseOfThe48kHzTable(sampleRate: Int) {
    let rate = Double(sampleRate)
    let shelf = KWeightingFilter.shelf(sampleRate: rate)
    let highPass = KWeightingFilter.highPass(sampleRate: rate)
    for frequency in [20.0, 40, 100, 500, 1000, 2000, 5000, 10_000] {
        let designed =
            responseDecibels(shelf, frequency: frequency, sampleRate: rate)
            + responseDecibels(highPass, frequency: frequency, sampleRate: rate)
        #expect(abs(designed - tableKWeightingDecibels(frequency)) < 0.05, "at \(frequency) Hz")
    }
}

/// Guards the whole weighting path, not only the coefficients: a missing or
/// misplaced stage moves the low or the high tones by decibels.
@Test(arguments: [25.0, 100, 10_000])
func sineLoudnessFollowsTheKWeightingCurve(frequency: Double) {
    let meter = measured(tone([(-20, 5)], frequency: frequency))
    let expected = -20 + tableKWeightingDecibels(frequency) - 0.691
    let integrated = meter.integratedLUFS
    #expect(abs(integrated - expected) < 0.05, "\(frequency) Hz read \(integrated), expected \(expected)")
}

// MARK: Integrated loudness

/// BS.1770's anchor: a 0 dBFS 1 kHz sine on one channel reads −3.01 LKFS,
/// so −20 dBFS on one channel reads −23.0 LUFS …
@Test func sineAtMinus20DBFSOnOneChannelReadsMinus23LUFS() {
    let integrated = measured(tone([(-20, 20)], leftOnly: true)).integratedLUFS
    #expect(abs(integrated - -23.0) < 0.1, "read \(integrated)")
}

/// … and on both channels, twice the power, −20.0 LUFS.
@Test func sineAtMinus20DBFSOnBothChannelsReadsMinus20LUFS() {
    let integrated = measured(tone([(-20, 20)])).integratedLUFS
    #expect(abs(integrated - -20.0) < 0.1, "read \(integrated)")
}

/// EBU Tech 3341 cases 1–5: stereo 1 kHz tone steps (per-channel peak dBFS, seconds).
/// Case 3 and 4 need the relative gate (without it they read about −24),
/// case 5 needs the mean taken over power, not over decibels.
private let tech3341IntegratedCaseList: [(Int, [(Double, Double)], Double)] = [
    (1, [(-23.0, 20.0)], -23.0),
    (2, [(-33.0, 20.0)], -33.0),
    (3, [(-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0)], -23.0),
    (4, [(-72.0, 10.0), (-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0), (-72.0, 10.0)], -23.0),
    (5, [(-26.0, 20.0), (-20.0, 20.1), (-26.0, 20.0)], -23.0),
]

@Test(arguments: tech3341IntegratedCaseList)
func tech3341IntegratedCases(case number: Int, segments: [(Double, Double)], expected: Double) {
    let integrated = measured(tone(segments.map { (dBFS: $0.0, seconds: $0.1) })).integratedLUFS
    #expect(abs(integrated - expected) < 0.1, "case \(number) read \(integrated)")
}

@Test func programmeBelowTheAbsoluteGateHasNoIntegratedLoudness() {
    let meter = measured(tone([(-75, 10)]))
    #expect(meter.integratedLUFS == -.infinity)
    #expect(meter.momentaryLUFS < -70)
}

@Test func silenceAndTooShortInputHaveNoIntegratedLoudness() {
    #expect(measured([Float](repeating: 0, count: 2 * 48_000)).integratedLUFS == -.infinity)
    // 300 ms: no 400 ms block is complete yet.
    #expect(measured(tone([(-23, 0.3)])).integratedLUFS == -.infinity)
}

@Test(arguments: [44_100, 96_000, 22_050])
func tech3341Case1ReadsTheSameAtOtherSampleRates(sampleRate: Int) {
    let meter = measured(tone([(-23, 20)], sampleRate: sampleRate), sampleRate: sampleRate)
    let integrated = meter.integratedLUFS
    #expect(abs(integrated - -23.0) < 0.1, "\(sampleRate) Hz read \(integrated)")
}

@Test func readingsDoNotDependOnHowTheInputIsCut() {
    var random = Random(seed: 7)
    var samples = tone([(-30, 4), (-18, 3), (-40, 3)])
    for i in samples.indices { samples[i] += 0.05 * (2 * random.unit() - 1) }
    let whole = measured(samples, truePeak: true)
    var pieces = LoudnessMeter(sampleRate: 48_000)
    samples.withUnsafeBufferPointer { buffer in
        var start = 0
        var piece = 1
        while start < buffer.count {
            let count = min(2 * piece, buffer.count - start)
            pieces.measure(UnsafeBufferPointer(rebasing: buffer[start..<(start + count)]))
            start += count
            piece = piece * 7 % 9_973 + 1  // ragged piece lengths, 1 to ~10 000 frames
        }
    }
    #expect(abs(whole.integratedLUFS - pieces.integratedLUFS) < 1e-9)
    #expect(abs(whole.momentaryLUFS - pieces.momentaryLUFS) < 1e-9)
    #expect(abs(whole.shortTermLUFS - pieces.shortTermLUFS) < 1e-9)
    #expect(abs(whole.loudnessRangeLU - pieces.loudnessRangeLU) < 1e-9)
    #expect(whole.truePeakDBTP == pieces.truePeakDBTP)
}

@Test func convenienceFunctionAgreesWithTheMeter() {
    let samples = tone([(-26, 5), (-20, 5)])
    let once = samples.withUnsafeBufferPointer { LoudnessMeter.integratedLoudness(of: $0, sampleRate: 48_000) }
    #expect(once == measured(samples).integratedLUFS)
}

// MARK: Momentary and short-term

/// Tech 3341: a constant −23 LUFS tone reads M = −23.0 from 1 s on and
/// S = −23.0 from 3 s on, every 100 ms.
@Test func momentaryAndShortTermHoldAConstantTone() {
    let samples = tone([(-23, 20)])
    var meter = LoudnessMeter(sampleRate: 48_000, measuresTruePeak: false)
    let step = 4_800
    samples.withUnsafeBufferPointer { buffer in
        for (index, start) in stride(from: 0, to: buffer.count, by: 2 * step).enumerated() {
            meter.measure(UnsafeBufferPointer(rebasing: buffer[start..<(start + 2 * step)]))
            let seconds = Double(index + 1) / 10
            if seconds >= 1 {
                let momentary = meter.momentaryLUFS
                #expect(abs(momentary - -23.0) < 0.1, "M at \(seconds) s: \(momentary)")
            }
            if seconds >= 3 {
                let shortTerm = meter.shortTermLUFS
                #expect(abs(shortTerm - -23.0) < 0.1, "S at \(seconds) s: \(shortTerm)")
            }
        }
    }
}

/// Window lengths: half a window of tone reads 3 LU under the tone.
@Test func momentaryWindowIs400msAndShortTermWindowIs3s() {
    let momentary = measured(tone([(-23, 0.2)])).momentaryLUFS
    #expect(abs(momentary - -26.0) < 0.1, "M after 200 ms: \(momentary)")
    let shortTerm = measured(tone([(-23, 1.5)])).shortTermLUFS
    #expect(abs(shortTerm - -26.0) < 0.1, "S after 1.5 s: \(shortTerm)")
}

@Test func momentaryFallsAfterTheToneButItsMaximumStays() {
    let meter = measured(tone([(-23, 3), (-200, 0.5)]))
    let momentary = meter.momentaryLUFS
    #expect(momentary < -70, "M 500 ms after the tone: \(momentary)")
    let maximum = meter.maximumMomentaryLUFS
    #expect(abs(maximum - -23.0) < 0.1, "max M: \(maximum)")
    let maximumShortTerm = meter.maximumShortTermLUFS
    #expect(abs(maximumShortTerm - -23.0) < 0.1, "max S: \(maximumShortTerm)")
}

// MARK: Loudness range

/// EBU Tech 3342 cases 1–4: stereo 1 kHz tone, 20 s per level (per-channel peak dBFS).
/// Case 3 needs the 20 LU relative gate to keep the −40 dB part; case 4
/// needs it to drop the −50 dB parts.
private let tech3342Cases: [(Int, [Double], Double)] = [
    (1, [-20.0, -30.0], 10.0),
    (2, [-20.0, -15.0], 5.0),
    (3, [-40.0, -20.0], 20.0),
    (4, [-50.0, -35.0, -20.0, -35.0, -50.0], 15.0),
]

@Test(arguments: tech3342Cases)
func tech3342LoudnessRangeCases(case number: Int, levels: [Double], expected: Double) {
    let range = measured(tone(levels.map { (dBFS: $0, seconds: 20.0) })).loudnessRangeLU
    #expect(abs(range - expected) < 1, "case \(number) read \(range) LU")
    // The steps are exact, so a correct meter is much closer than the tolerance.
    #expect(abs(range - expected) < 0.1, "case \(number) read \(range) LU")
}

// MARK: True peak

/// A sine for the true-peak cases: one second, 10 ms linear fades so the
/// onset does not ring, on both channels.
private func truePeakTone(fractionOfRate: Double, amplitude: Double, phaseDegrees: Double) -> [Float] {
    let rate = 48_000
    let fade = rate / 100
    var samples = [Float](repeating: 0, count: 2 * rate)
    for n in 0..<rate {
        var x = amplitude * sin(2 * Double.pi * fractionOfRate * Double(n) + phaseDegrees * Double.pi / 180)
        x *= min(1, Double(n) / Double(fade), Double(rate - 1 - n) / Double(fade))
        samples[2 * n] = Float(x)
        samples[2 * n + 1] = Float(x)
    }
    return samples
}

/// EBU Tech 3341 cases 15–19: sines at fs/4, fs/6 and fs/8 whose samples
/// miss the crest by up to 45°. Expected true peak −6.0 dBTP (+3.0 for 19,
/// whose samples reach −0.03 dBFS), +0.2/−0.4 dB.
private let tech3341TruePeakCases: [(Int, Double, Double, Double, Double)] = [
    (15, 1.0 / 4, 0.50, 0.0, -6.0),
    (16, 1.0 / 4, 0.50, 45.0, -6.0),
    (17, 1.0 / 6, 0.50, 60.0, -6.0),
    (18, 1.0 / 8, 0.50, 67.5, -6.0),
    (19, 1.0 / 4, 1.41, 45.0, 3.0),
]

@Test(arguments: tech3341TruePeakCases)
func tech3341TruePeakCases(case number: Int, fraction: Double, amplitude: Double, phase: Double, expected: Double) {
    let meter = measured(truePeakTone(fractionOfRate: fraction, amplitude: amplitude, phaseDegrees: phase), truePeak: true)
    let truePeak = meter.truePeakDBTP
    #expect(truePeak >= expected - 0.4 && truePeak <= expected + 0.2, "case \(number) read \(truePeak) dBTP")
}

/// Where the samples straddle the crest, the true peak is above the sample
/// peak by what the sampling missed: 20·log10(1/cos(45°)) = 3.01 dB at fs/4,
/// 1.25 dB at fs/6 (30°), 0.69 dB at fs/8 (22.5°).
private let straddledCrests: [(Double, Double, Double)] = [
    (1.0 / 4, 45.0, 3.01),
    (1.0 / 6, 60.0, 1.25),
    (1.0 / 8, 67.5, 0.69),
]

@Test(arguments: straddledCrests)
func truePeakRecoversWhatTheSamplesMiss(fraction: Double, phase: Double, missedDecibels: Double) {
    let meter = measured(truePeakTone(fractionOfRate: fraction, amplitude: 0.5, phaseDegrees: phase), truePeak: true)
    let samplePeak = meter.samplePeakDBFS
    #expect(abs(samplePeak - (-6.02 - missedDecibels)) < 0.01, "sample peak \(samplePeak)")
    let gain = meter.truePeakDBTP - samplePeak
    #expect(gain > missedDecibels - 0.4 && gain < missedDecibels + 0.2, "true peak over sample peak: \(gain) dB")
}

@Test func truePeakOfSilenceIsMinusInfinityAndOfAnUnmeasuredMeterToo() {
    #expect(measured([Float](repeating: 0, count: 9_600), truePeak: true).truePeakDBTP == -.infinity)
    #expect(measured(tone([(-6, 1)]), truePeak: false).truePeakDBTP == -.infinity)
}
