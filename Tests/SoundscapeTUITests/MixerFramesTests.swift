import Testing

@testable import SoundscapeTUI
@testable import Scenes

/// The mixer lays out frame after frame: only the readings (meters, status line) are
/// redone while nothing else changes, and only the cells that changed are sent.
@Suite struct MixerFramesTests {
    private func playing(levels: [Float], loudness: Double = -23, ring: Double = 0.4) -> ViewState {
        var state = ViewState(scene: rainyLibrary, defaultVariants: ["thunder": "storm"])
        state.status.deviceName = "default"
        state.status.latencyMilliseconds = 48
        state.status.layerLevels = levels
        state.status.shortTermLoudness = loudness
        state.status.minimumRingFillSeconds = ring
        return state
    }

    @Test func testMovingMetersDoNotLayTheRestOfTheScreenOutAgain() {
        var frames = MixerFrames()
        for step in 0..<50 {
            let level = Float(step % 10) / 10
            _ = frames.render(
                playing(levels: [level, level / 2, 0.1, 0.05], loudness: -30 + Double(step % 7), ring: 0.3 + 0.001 * Double(step)),
                width: 100, height: 24, glyphs: .unicode)
        }
        #expect(frames.stillLayoutCount == 1)
        var changed = playing(levels: [0.5, 0.1, 0.1, 0.05])
        changed.scene.layers[0].weight = 0.9
        _ = frames.render(changed, width: 100, height: 24, glyphs: .unicode)
        #expect(frames.stillLayoutCount == 2, "a weight change lays the layer rows out again")
    }

    @Test func testEveryFrameIsTheScreenAFreshLayoutGives() {
        // Whatever changes between frames, the kept still part never shows something stale.
        var frames = MixerFrames()
        var state = playing(levels: [0.5, 0.2, 0.1, 0.05])
        var states: [ViewState] = [state]
        state.status.layerLevels = [0.9, 0.01, 0.3, 0]
        states.append(state)
        state.scene.layers[1].weight = 0.55
        states.append(state)
        state.selectedLayer = 2
        states.append(state)
        state.message = .init("saved scene 'evening'")
        states.append(state)
        state.preparations = [.ready, .preparing, .ready, .failed("damaged")]
        states.append(state)
        state.preparations = []
        state.status.isPaused = true
        state.status.timerRemainingSeconds = 600
        states.append(state)
        state.status.soloLayer = 0
        states.append(state)
        state.scene.layers[3].muted = true
        states.append(state)
        state.mode = .help(scroll: 0)
        states.append(state)
        state.mode = .mixer
        state.scene.prompt = "a windy beach"
        states.append(state)
        state.scene.layers.removeLast()
        states.append(state)
        for (index, state) in states.enumerated() {
            for (width, height) in [(100, 24), (60, 12), (100, 24)] {
                let kept = frames.render(state, width: width, height: height, glyphs: .unicode)
                let fresh = MixerLayout.render(state, width: width, height: height, glyphs: .unicode)
                let same = kept == fresh
                #expect(same, "state \(index) at \(width)×\(height):\n\(kept.text)\n---\n\(fresh.text)")
            }
        }
    }

    @Test func testAnUnchangedFrameSendsNothing() {
        var frames = MixerFrames()
        let state = playing(levels: [0.5, 0.2, 0.1, 0.05])
        let first = frames.render(state, width: 100, height: 24, glyphs: .unicode)
        let second = frames.render(state, width: 100, height: 24, glyphs: .unicode)
        #expect(ScreenDiff.between(first, second).isEmpty)
    }

    @Test func testAMovingMeterSendsOnlyItsOwnCells() {
        var frames = MixerFrames()
        let first = frames.render(playing(levels: [0.5, 0.2, 0.1, 0.05]), width: 100, height: 24, glyphs: .unicode)
        let second = frames.render(playing(levels: [0.9, 0.2, 0.1, 0.05]), width: 100, height: 24, glyphs: .unicode)
        let diff = ScreenDiff.between(first, second)
        let meterColumn = LayerColumns(width: 100).meterColumn!
        #expect(!diff.erasesFirst)
        #expect(!diff.writes.isEmpty)
        for write in diff.writes {
            #expect(write.row == MixerLayout.layerTop, "only rain's row: \(write)")
            #expect(write.column > meterColumn, "only its meter's cells: \(write)")
        }
        // Written onto the first screen, the writes give the second.
        var patched = first
        for write in diff.writes { patched.write(write.text, row: write.row, column: write.column, style: write.style) }
        #expect(patched == second)
    }
}

/// What the terminal is sent to go from one screen to the next.
@Suite struct ScreenDiffTests {
    @Test func testAFirstFrameErasesAndSkipsBlankRows() {
        var screen = ScreenModel(width: 10, height: 2)
        screen.write("ab", row: 0, column: 3)
        let diff = ScreenDiff.between(nil, screen)
        #expect(diff.erasesFirst)
        #expect(diff.writes.map(\.row) == [0], "the blank row is not written: \(diff.writes)")
        var patched = ScreenModel(width: 10, height: 2)
        for write in diff.writes { patched.write(write.text, row: write.row, column: write.column, style: write.style) }
        #expect(patched == screen)
    }

    @Test func testAChangedDoubleWidthCharacterIsWrittenWhole() {
        var before = ScreenModel(width: 10, height: 2)
        before.write("a界b", row: 0, column: 0)
        var after = before
        after.write("世", row: 0, column: 1)
        let diff = ScreenDiff.between(before, after)
        #expect(diff.writes == [.init(row: 0, column: 1, text: "世", style: .normal)])
        var patched = before
        for write in diff.writes { patched.write(write.text, row: write.row, column: write.column, style: write.style) }
        #expect(patched == after)
    }

    @Test func testTheBottomRightCellIsNeverWritten() {
        let before = ScreenModel(width: 5, height: 2)
        var after = before
        after.write("abcde", row: 1, column: 0)
        let diff = ScreenDiff.between(before, after)
        #expect(diff.writes == [.init(row: 1, column: 0, text: "abcd", style: .normal)])
    }
}
