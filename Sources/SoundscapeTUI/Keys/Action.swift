/// Something the user asks of the mixer, independent of which key asked.
public enum Action: Hashable, Sendable {
    case selectPrevious, selectNext
    case weightDown, weightUp
    case intensityDown, intensityUp
    case toggleMute, toggleSolo
    case masterDown, masterUp
    case editPrompt
    case addSound, removeLayer
    case saveScene, openScene
    case setTimer, cancelTimer
    case toggleEvolve, togglePause
    case showHelp
    case quit
}
