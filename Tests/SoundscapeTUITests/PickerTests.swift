@testable import SoundscapeTUI
import Testing

/// The add-a-sound list: grouped by family, narrowed by typing, and readable at 80 columns.
@Suite struct PickerTests {
    static let sounds: [Picker.Item] = [
        .init(title: "rain · window", detail: "rain on glass", value: "rain", variant: "window", group: "water"),
        .init(title: "rain · roof", detail: "rain on a tin roof", value: "rain", variant: "roof", group: "water"),
        .init(title: "stream", detail: "a babbling brook", value: "stream", group: "water"),
        .init(title: "birds · dawn", detail: "a dawn chorus", value: "birds", variant: "dawn", group: "nature"),
        .init(title: "brown-noise", detail: "a deep rumble", value: "brown-noise", group: "noise"),
    ]

    @Test func typingNarrowsTheListToEntriesWhoseWordsStartWithWhatWasTyped() {
        var picker = Picker(title: "Add a sound", items: Self.sounds, isFilterable: true)
        for key in Key.typing("rai ro") { _ = picker.handle(key) }
        #expect(picker.visibleItems.map(\.title) == ["rain · roof"])
        #expect(picker.handle(.enter) == .chosen(Self.sounds[1]))
    }

    @Test func lettersAreTextNotMovesAndBackspaceAndEscapeUndoTheFilter() {
        var picker = Picker(title: "Add a sound", items: Self.sounds, isFilterable: true)
        for key in Key.typing("water") { _ = picker.handle(key) }
        #expect(picker.visibleItems.count == 3, "the family's name finds its sounds")
        _ = picker.handle(.down)
        #expect(picker.selectedItem?.title == "rain · roof")
        _ = picker.handle(.backspace)
        #expect(picker.filter == "wate")
        #expect(picker.handle(.escape) == .browsing, "Esc clears the filter first")
        #expect(picker.filter.isEmpty && picker.visibleItems.count == Self.sounds.count)
        #expect(picker.handle(.escape) == .cancelled)
    }

    @Test func aFilterThatMatchesNothingChoosesNothing() {
        var picker = Picker(title: "Add a sound", items: Self.sounds, isFilterable: true)
        for key in Key.typing("zebra") { _ = picker.handle(key) }
        #expect(picker.visibleItems.isEmpty)
        #expect(picker.handle(.enter) == .cancelled)
    }

    @Test func theSceneListKeepsItsVimKeys() {
        var picker = Picker(title: "Open a scene", items: Self.sounds)
        _ = picker.handle(.character("j"))
        #expect(picker.selectedItem == Self.sounds[1])
        #expect(picker.handle(.character("q")) == .cancelled)
    }

    @Test func theListShowsFamilyHeadingsAndFitsEightyColumns() {
        var picker = Picker(title: "Add a sound", items: Self.sounds, isFilterable: true)
        _ = picker.handle(.character("r"))
        let model = MixerLayout.render(
            ViewState(scene: rainyLibrary, mode: .addingSound(picker)), width: 80, height: 24, glyphs: .unicode)
        #expect(model.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(model.lines.contains { $0.contains("filter: r") })
        #expect(model.lines.contains { $0.contains("WATER") })
        #expect(model.lines.contains { $0.contains("NOISE") }, "brown-noise's rumble starts with r")
        #expect(!model.lines.contains { $0.contains("NATURE") }, "no heading without entries")
    }
}
