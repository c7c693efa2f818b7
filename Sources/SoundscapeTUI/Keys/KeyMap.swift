/// The mixer's keys, in the habits of alsamixer and cmus: vi letters and the
/// arrows move, shifted letters do the bigger thing, one letter per command.
///
/// The help overlay is drawn from `bindings`, so every key that works is
/// listed and every listed key works.
public enum KeyMap {
    /// One line of the help overlay: the keys, what they do, and the action.
    public struct Binding: Sendable {
        /// The keys as shown in help ("j ↓").
        public let label: String
        public let keys: [Key]
        public let action: Action
        public let summary: String
    }

    /// Every mixer key, in the order help lists them.
    public static let bindings: [Binding] = [
        Binding(
            label: "k ↑", keys: [.character("k"), .up], action: .selectPrevious,
            summary: "select the layer above"),
        Binding(
            label: "j ↓", keys: [.character("j"), .down], action: .selectNext,
            summary: "select the layer below"),
        Binding(
            label: "h ←", keys: [.character("h"), .left], action: .weightDown,
            summary: "weight down (quieter)"),
        Binding(
            label: "l →", keys: [.character("l"), .right], action: .weightUp,
            summary: "weight up (louder)"),
        Binding(
            label: "H [", keys: [.character("H"), .character("[")], action: .intensityDown,
            summary: "intensity -: lighter, farther"),
        Binding(
            label: "L ]", keys: [.character("L"), .character("]")], action: .intensityUp,
            summary: "intensity +: heavier, nearer"),
        Binding(
            label: "m", keys: [.character("m")], action: .toggleMute, summary: "mute or unmute the layer"),
        Binding(
            label: "s", keys: [.character("s")], action: .toggleSolo,
            summary: "solo the layer (again: all)"),
        Binding(
            label: "+ =", keys: [.character("+"), .character("=")], action: .masterUp,
            summary: "master volume up"),
        Binding(
            label: "- _", keys: [.character("-"), .character("_")], action: .masterDown,
            summary: "master volume down"),
        Binding(
            label: "/ p", keys: [.character("/"), .character("p")], action: .editPrompt,
            summary: "edit the prompt; Enter plans"),
        Binding(label: "a", keys: [.character("a")], action: .addSound, summary: "add a sound"),
        Binding(
            label: "d Del", keys: [.character("d"), .delete], action: .removeLayer,
            summary: "remove the layer"),
        Binding(
            label: "S", keys: [.character("S")], action: .saveScene,
            summary: "save the scene under a name"),
        Binding(
            label: "o", keys: [.character("o")], action: .openScene,
            summary: "open a scene: saved, built-in"),
        Binding(
            label: "t", keys: [.character("t")], action: .setTimer,
            summary: "sleep timer (fades out)"),
        Binding(label: "T", keys: [.character("T")], action: .cancelTimer, summary: "cancel the timer"),
        Binding(
            label: "e", keys: [.character("e")], action: .toggleEvolve,
            summary: "evolve: let the mix drift"),
        Binding(
            label: "space", keys: [.character(" ")], action: .togglePause, summary: "pause or resume"),
        Binding(
            label: "? F1", keys: [.character("?"), .function(1)], action: .showHelp, summary: "this help"),
        Binding(label: "q", keys: [.character("q")], action: .quit, summary: "quit (fades out)"),
    ]

    private static let actionsByKey: [Key: Action] = {
        var table: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys { table[key] = binding.action }
        }
        return table
    }()

    /// The mixer action for `key`, or nil when the key means nothing there.
    public static func action(for key: Key) -> Action? {
        actionsByKey[key]
    }
}
