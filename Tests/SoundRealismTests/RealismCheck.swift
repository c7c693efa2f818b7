import DSP
import Foundation
import SoundLibrary
import TestSupport
import Testing

/// Renders a built-in sound's synthesizer and holds it to the range of real recordings.
enum RealismCheck {
    /// Renders `sound`/`variant` for `seconds` at each intensity (seed 1) and records
    /// one issue per intensity that falls outside `range`, naming every measure that does.
    /// Below `envelopeFrom` only the band shares and lines are held: for a sound whose
    /// intensity is how often something happens (drips) and whose only recording has
    /// one pace, the sparser settings cannot share that recording's envelope.
    static func expect(
        _ sound: String, variant: String, intensities: [Float] = [0.2, 0.5, 0.9], seconds: Double = 30,
        within range: RealRange, envelopeFrom: Float = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!range.files.isEmpty, "no real recordings in Sounds/\(range.category)/", sourceLocation: sourceLocation)
        for intensity in intensities {
            let profile = SoundProfile(
                stereo: SoundRendering.render(sound, variant: variant, seconds: seconds, intensity: intensity))
            let problems = range.problems(of: profile).filter { problem in
                intensity >= envelopeFrom || !RealRange.isEnvelopeProblem(problem)
            }
            print("realism: \(sound) \(variant) at \(intensity): \(summary(profile))")
            #expect(
                problems.isEmpty,
                "\(sound) \(variant) at \(intensity) against \(range): \(problems.joined(separator: "; ")) [measured \(summary(profile))]",
                sourceLocation: sourceLocation)
        }
    }

    /// Shares and envelope on one line, for failure messages and the report.
    static func summary(_ profile: SoundProfile) -> String {
        let shares = profile.bandShares.decibels.map { String(format: "%.1f", $0) }.joined(separator: " ")
        let envelope = profile.envelope
        return "shares \(shares); "
            + String(
                format: "%.2f events/s, %.3f s, spread %.1f dB", envelope.eventsPerSecond, envelope.eventSeconds,
                envelope.levelSpreadDecibels)
            + (profile.narrowLines.first.map { "; line \($0)" } ?? "")
    }
}
