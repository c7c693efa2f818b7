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

            Example:
              soundscape sounds
            """)

    func run() throws {
        _ = try ConfigSetup.load()
        print(SoundsCommand.listing(builtIn: SoundLibrary.builtIn, learned: LearnedSoundStore().list()))
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
