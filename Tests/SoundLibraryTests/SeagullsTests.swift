@testable import DSP
import Foundation
import TestSupport
import Testing

/// Gulls call sparsely, in harmonic-rich notes that fall in pitch; a flock calls more.
@Suite struct SeagullsTests {
    private func mono(_ variant: String, _ intensity: Float, seconds: Double = 60) -> [Float] {
        AudioAnalysis.mono(SoundRendering.render("seagulls", variant: variant, seconds: seconds, intensity: intensity, seed: 5))
    }

    private func calls(_ signal: [Float]) -> [Double] {
        IndoorSoundProbe.onsets(signal, frameSeconds: 0.01, riseDecibels: 12, rangeDecibels: 30, refractorySeconds: 0.05)
    }

    @Test(arguments: ["beach", "harbour"])
    func callsAreSparseAndIrregular(variant: String) {
        let signal = mono(variant, 0.5)
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 0.1)
        let loudest = levels.max()!
        let quiet = levels.filter { $0 < loudest - 20 }.count
        #expect(Double(quiet) > 0.4 * Double(levels.count), "\(variant): quiet in only \(quiet) of \(levels.count) frames")
        let onsets = calls(signal)
        #expect(onsets.count >= 10, "\(variant): \(onsets.count) notes in a minute")
        let intervals = IndoorSoundProbe.intervals(onsets)
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        #expect(AudioAnalysis.standardDeviation(intervals) / mean > 0.5, "\(variant): notes too evenly spaced")
    }

    @Test func mostNotesFallInPitch() {
        // Spectral centroid (400 Hz–8 kHz, 10 ms frames) at the start and the end of each note.
        let signal = IndoorSoundProbe.filtered(mono("beach", 0.6), .highPass, frequency: 400)
        let centroids = AudioAnalysis.centroids(signal, size: 512)
        let levels = IndoorSoundProbe.envelopeDecibels(signal, frameSeconds: 512.0 / 48_000)
        let loudest = levels.max()!
        var falling = 0, notes = 0
        var start: Int? = nil
        for (index, level) in levels.enumerated() where index < centroids.count {
            let inNote = level > loudest - 20
            if inNote, start == nil { start = index }
            if !inNote, let first = start {
                let length = index - first
                if length >= 6 {
                    notes += 1
                    let early = centroids[(first + 1)..<(first + 3)].reduce(0, +)
                    let late = centroids[(index - 3)..<(index - 1)].reduce(0, +)
                    if late < early { falling += 1 }
                }
                start = nil
            }
        }
        #expect(notes >= 8, "\(notes) notes found")
        #expect(Double(falling) > 0.65 * Double(notes), "\(falling) of \(notes) notes fall in pitch")
    }

    @Test func aFlockCallsMoreThanAPair() {
        let pair = calls(mono("beach", 0.05)).count
        let flock = calls(mono("beach", 0.95)).count
        #expect(flock > 2 * pair, "\(pair) notes at 0.05, \(flock) at 0.95")
    }
}
