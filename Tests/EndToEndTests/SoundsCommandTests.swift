import Foundation
import Testing

/// `soundscape sounds`, as a script reads it.
@Suite struct SoundsCommandTests {
    @Test func testJsonListsEverySoundWithVariantsFamilyKindAndDescription() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try SoundscapeBinary.run(
            binary, ["sounds", "--json"], environment: ["XDG_DATA_HOME": directory.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        let entries = try #require(parsed as? [[String: Any]])
        let names = entries.compactMap { $0["name"] as? String }
        for sound in ["rain", "thunder", "brown-noise", "cafe"] { #expect(names.contains(sound)) }
        #expect(Set(names).count == names.count, "a sound is listed twice")
        for entry in entries {
            let variants = entry["variants"] as? [String] ?? []
            #expect(!variants.isEmpty, "\(entry)")
            #expect(["water", "nature", "places", "things", "noise"].contains(entry["family"] as? String), "\(entry)")
            #expect(["procedural", "recorded", "both"].contains(entry["kind"] as? String), "\(entry)")
            #expect(!((entry["description"] as? String) ?? "").isEmpty, "\(entry)")
        }
        let rain = try #require(entries.first { $0["name"] as? String == "rain" })
        #expect(rain["variants"] as? [String] == ["window", "roof", "leaves", "tent", "car", "umbrella"], "the default variant comes first")
        // Sounds learned from the recordings in Sounds/ keep their synthesizers for --procedural: both.
        func kind(_ name: String) -> String? { entries.first { $0["name"] as? String == name }?["kind"] as? String }
        for recorded in ["rain", "waves", "stream", "crickets", "cafe", "harbour", "wind", "airplane"] {
            #expect(kind(recorded) == "both", "\(recorded) plays its recordings by default")
        }
        for procedural in ["thunder", "train", "room-tone", "brown-noise", "owls", "fire"] {
            #expect(kind(procedural) == "procedural", "\(procedural) has no recording")
        }
    }
}
