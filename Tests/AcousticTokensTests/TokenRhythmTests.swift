@testable import AcousticTokens
@testable import DSP
import Foundation
import TestSupport
import Testing


/// Rhythmic sounds played through the token model keep their beat: jumps
/// between the alike quiet frames between ticks must not stretch or shrink
/// the interval a listener times.
@Suite struct TokenRhythmTests {
    /// `seconds` of a built-in sound played through its token model (trained
    /// on the sound's own corpus, cached in a temporary directory), as mono.
    static func playThroughTokens(_ sound: String, intensity: Float, seconds: Double, seed: UInt64) throws -> [Float] {
        let directory = temporaryDirectory("rhythm")
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = TokenSoundProvider(
            cache: ModelCache(directory: directory.appendingPathComponent("cache")),
            store: LearnedSoundStore(directory: directory.appendingPathComponent("sounds")))
        let model = try provider.model(sound: sound)
        let layer = TokenLayer(model: model, seed: seed)
        let frames = Int(seconds * Double(AudioFormat.sampleRate))
        var stereo = [Float](repeating: 0, count: 2 * frames)
        stereo.withUnsafeMutableBufferPointer { layer.render(into: $0.baseAddress!, frameCount: frames, intensity: intensity) }
        return IndoorSoundProbe.mono(stereo)
    }

    @Test(arguments: [3, 11] as [UInt64])
    func clockTicksStayOneSecondApartThroughTheTokenModel(seed: UInt64) throws {
        let mono = try Self.playThroughTokens("clock", intensity: 0.5, seconds: 60, seed: seed)
        // Ticks come at every distance the corpus spans (intensity 0.5 plays it all), so they are
        // found by their rise over the floor, not by one level.
        let onsets = IndoorSoundProbe.onsets(mono, riseDecibels: 15, rangeDecibels: 40, refractorySeconds: 0.5)
        let intervals = IndoorSoundProbe.intervals(onsets)
        #expect(intervals.count >= 55, "only \(onsets.count) ticks in 60 s")
        let onTime = intervals.filter { abs($0 - 1) <= 0.025 }.count
        let sorted = intervals.sorted()
        #expect(
            Double(onTime) >= 0.95 * Double(intervals.count),
            "\(onTime) of \(intervals.count) tick intervals within 1 s ± 25 ms; range \(sorted.first ?? 0)…\(sorted.last ?? 0) s; off: \(intervals.filter { abs($0 - 1) > 0.025 })")
    }

    @Test(arguments: [3, 11] as [UInt64])
    func trainKeepsARegularRailPeriodThroughTheTokenModel(seed: UInt64) throws {
        let mono = try Self.playThroughTokens("train", intensity: 0.5, seconds: 60, seed: seed)
        // The clack detector of TrainCarriageTests: rises in the 1–4 kHz band, pairs started after a pause.
        let band = IndoorSoundProbe.filtered(
            IndoorSoundProbe.filtered(mono, .highPass, frequency: 1_000), .lowPass, frequency: 4_000)
        let onsets = IndoorSoundProbe.onsets(band, riseDecibels: 10, rangeDecibels: 12, refractorySeconds: 0.04)
        let periods = IndoorSoundProbe.intervals(IndoorSoundProbe.pairStarts(onsets))
        #expect(periods.count >= 35, "only \(periods.count) rail periods in 60 s")
        let sorted = periods.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let regular = periods.filter { abs($0 - median) < 0.1 * median }.count
        print("train seed \(seed): \(regular) of \(periods.count) rail periods within 10% of \(median) s")
        #expect(
            Double(regular) >= 0.9 * Double(periods.count),
            "\(regular) of \(periods.count) rail periods within 10% of the median \(median) s: \(periods)")
    }
}
