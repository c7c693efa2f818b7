import AcousticTokens
import ArgumentParser
import Foundation
import SoundLibrary

/// `soundscape sounds`: every sound a scene can use, built-in and learned.
struct SoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sounds",
        abstract: "List the built-in sounds and the sounds learned with `soundscape learn`.",
        discussion: """
            Learned sounds live in $XDG_DATA_HOME/soundscape/sounds/NAME/ \
            (~/.local/share/soundscape/sounds/NAME/ when XDG_DATA_HOME is unset). Variants are \
            in brackets, the default first; a scene layer picks one with variant = "roof".

            With --json: an array of objects with name, variants (the default first), family \
            (water, nature, places, things, noise or learned), kind (procedural, recorded or both) \
            and description, for scripts.

            Examples:
              soundscape sounds
              soundscape sounds --json | jq -r '.[] | select(.family == "water") | .name'
            """)

    @Flag(help: "Print the sounds as JSON, for scripts.")
    var json = false

    func run() throws {
        _ = try ConfigSetup.load()
        let learned = LearnedSoundStore().list()
        if json {
            print(try SoundsCommand.json(builtIn: SoundLibrary.builtIn, learned: learned))
        } else {
            print(SoundsCommand.listing(builtIn: SoundLibrary.builtIn, learned: learned))
        }
    }

    /// One entry of `sounds --json`.
    struct Entry: Encodable, Equatable {
        var name: String
        var variants: [String]
        var family: String
        var kind: String
        var description: String
    }

    /// The JSON `sounds --json` prints: built-in sounds in registry order, then learned ones.
    static func json(builtIn: [SoundDefinition], learned: [LearnedSoundInfo]) throws -> String {
        let entries =
            builtIn.map {
                Entry(
                    name: $0.name, variants: $0.variants, family: $0.family.rawValue, kind: $0.kind.rawValue,
                    description: $0.summary)
            }
            + learned.map {
                Entry(
                    name: $0.name, variants: ["recording"], family: "learned", kind: SoundKind.recorded.rawValue,
                    description: "learned from \($0.source) (\(String(format: "%.1f", $0.durationSeconds)) s)")
            }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    /// The text `sounds` prints: one line per sound, variants in brackets (first is the default).
    static func listing(builtIn: [SoundDefinition], learned: [LearnedSoundInfo]) -> String {
        let width = max(12, (builtIn.map(\.name) + learned.map(\.name)).map(\.count).max() ?? 0)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(1, width + 2 - text.count)) }
        var lines = ["Built-in sounds:"]
        for sound in builtIn {
            lines.append("  \(pad(sound.name))[\(sound.variants.joined(separator: ", "))]  \(sound.summary)")
        }
        lines.append("")
        if learned.isEmpty {
            lines.append("Learned sounds: none yet (add one with `soundscape learn FILE --name NAME`)")
        } else {
            lines.append("Learned sounds:")
            for sound in learned {
                let seconds = String(format: "%.1f", sound.durationSeconds)
                lines.append("  \(pad(sound.name))learned from \(sound.source) (\(seconds) s)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
