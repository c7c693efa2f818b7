/// Lays out the mixer frame after frame, redoing only what moves.
///
/// While the mix plays, a frame differs from the last only in its readings: the layers'
/// level meters, the master's loudness and the status line. The rest (prompt, names, bars,
/// hints) is laid out once and kept until what it shows changes (a key, a `ctl` request,
/// a layer becoming ready); each frame copies it and draws the readings on top. Rows the
/// readings do not touch stay the very rows of the last frame, so comparing two frames
/// (`Terminal.draw`) costs next to nothing for them.
///
/// A frame is always exactly `MixerLayout.render` of its state: that function lays out
/// through a fresh `MixerFrames`.
public struct MixerFrames {
    private var still: Still?
    /// How many times the still part was laid out (tests read it: a frame that only
    /// moves the meters must not lay out the rest again).
    private(set) var stillLayoutCount = 0

    private struct Still {
        var state: ViewState
        var width: Int
        var height: Int
        var glyphs: Glyphs
        var screen: ScreenModel
    }

    public init() {}

    /// The screen for `state` on a `width`×`height` terminal.
    public mutating func render(_ state: ViewState, width: Int, height: Int, glyphs: Glyphs) -> ScreenModel {
        guard MixerLayout.fits(width: width, height: height) else {
            still = nil
            let screen = MixerLayout.tooSmall(width: width, height: height)
            return glyphs.isUnicode ? screen : screen.asciiOnly()
        }
        let stillState = MixerLayout.stillPart(of: state)
        var screen: ScreenModel
        if let still, still.width == width, still.height == height, still.glyphs == glyphs,
            still.state == stillState
        {
            screen = still.screen
        } else {
            screen = MixerLayout.layOutStill(stillState, width: width, height: height, glyphs: glyphs)
            stillLayoutCount += 1
            still = Still(state: stillState, width: width, height: height, glyphs: glyphs, screen: screen)
        }
        MixerLayout.drawReadings(state, on: &screen, glyphs: glyphs)
        OverlayLayout.draw(state, on: &screen, glyphs: glyphs)
        return glyphs.isUnicode ? screen : screen.asciiOnly()
    }
}
