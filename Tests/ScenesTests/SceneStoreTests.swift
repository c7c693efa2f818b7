@testable import AcousticTokens
import Foundation
@testable import Scenes
@testable import SoundLibrary
import TestSupport
import Testing


private func makeStore() -> SceneStore {
    SceneStore(
        userDirectory: TestThemes.temporaryDirectory() + "/scenes", builtInDirectory: TestThemes.path,
        catalog: TestThemes.catalog)
}

private let evening = Scene(
    prompt: "evening rain", layers: [LayerSettings(sound: "rain", variant: "roof", weight: 0.6, intensity: 0.3)],
    master: 0.7)

@Test func thereAreAtLeastEightBuiltInScenesIncludingTheEssentials() {
    let names = makeStore().list().filter(\.isBuiltIn).map(\.name)
    #expect(names.count >= 8)
    for essential in [
        "rainy-library", "thunderstorm", "forest-morning", "ocean-night", "cafe", "campfire", "deep-focus",
        "train-journey",
    ] {
        #expect(names.contains(essential), "built-in scene \(essential)")
    }
}

@Test func everyBuiltInSceneLoadsSavesAndReloadsIdentically() throws {
    let store = makeStore()
    for entry in store.list() where entry.isBuiltIn {
        let loaded = try store.load(entry.name)
        #expect(loaded.warnings.isEmpty, "\(entry.name): \(loaded.warnings)")
        #expect(!loaded.scene.layers.isEmpty && !loaded.scene.summary.isEmpty, "\(entry.name)")
        let path = try store.save(loaded.scene, as: "copy-of-" + entry.name)
        let reloaded = try store.load("copy-of-" + entry.name)
        #expect(reloaded.scene == loaded.scene, "\(entry.name)")
        #expect(try store.load(path).scene == loaded.scene, "\(entry.name) by path")
    }
}

@Test func everySoundInTheBuiltInScenesExists() throws {
    for entry in makeStore().list() where entry.isBuiltIn {
        for layer in try SceneFile.read(path: entry.path, catalog: TestThemes.catalog).scene.layers {
            #expect(
                TestThemes.catalog.variants(of: layer.sound)?.contains(layer.variant ?? "") == true, "\(entry.name)")
        }
    }
}

@Test func savedSceneIsListedLoadedByNameAndDeleted() throws {
    let store = makeStore()
    let path = try store.save(evening, as: "evening")
    #expect(path == store.userDirectory + "/evening.toml")
    #expect(store.list().first == SceneStore.Entry(name: "evening", path: path, isBuiltIn: false))
    #expect(try store.load("evening").scene == evening)
    try store.delete("evening")
    #expect(!store.list().contains { $0.name == "evening" })
    #expect(throws: SceneError.self) { try store.load("evening") }
}

@Test func savingAgainReplacesTheScene() throws {
    let store = makeStore()
    try store.save(evening, as: "evening")
    var louder = evening
    louder.master = 1
    try store.save(louder, as: "evening")
    #expect(try store.load("evening").scene == louder)
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.userDirectory) == ["evening.toml"])
}

@Test func crashBetweenWriteAndRenameLeavesTheOldSceneIntact() throws {
    struct PowerCut: Error {}
    let store = makeStore()
    try store.save(evening, as: "evening")
    var changed = evening
    changed.layers[0].weight = 0.1
    var temporaryFile: String? = nil
    #expect(throws: PowerCut.self) {
        try store.save(changed, as: "evening") { temporary in
            // The new scene is fully written and synced beside the old one, but not yet renamed.
            temporaryFile = temporary
            let written = try SceneFile.read(path: temporary, catalog: TestThemes.catalog).scene
            #expect(written == changed)
            // A real crash would leave this file behind; keep a copy to check it is never listed.
            try FileManager.default.copyItem(atPath: temporary, toPath: temporary + ".left-behind.tmp")
            throw PowerCut()
        }
    }
    #expect(temporaryFile != nil)
    #expect(try store.load("evening").scene == evening)
    #expect(store.list().filter { !$0.isBuiltIn }.map(\.name) == ["evening"])
}

@Test func userSceneShadowsTheBuiltInOneOfTheSameName() throws {
    let store = makeStore()
    try store.save(evening, as: "cafe")
    #expect(try store.load("cafe").scene == evening)
    #expect(store.list().filter { $0.name == "cafe" }.map(\.isBuiltIn) == [false])
    try store.delete("cafe")
    #expect(try store.load("cafe").scene.layers.contains { $0.sound == "cafe" })
}

@Test func builtInScenesCannotBeDeleted() {
    #expect(throws: SceneError.builtInSceneIsReadOnly(name: "thunderstorm")) { try makeStore().delete("thunderstorm") }
}

@Test func namesThatAreNotPlainFileNamesAreRefused() {
    let store = makeStore()
    for name in ["", "../evening", "a/b", ".hidden", "-x", "with space", String(repeating: "x", count: 65)] {
        #expect(throws: SceneError.invalidName(name)) { try store.save(evening, as: name) }
    }
}

@Test func unknownNameListsTheAvailableScenes() {
    do {
        _ = try makeStore().load("no-such-scene")
        Issue.record("loaded a scene that does not exist")
    } catch {
        #expect("\(error)".contains("no scene named 'no-such-scene'") && "\(error)".contains("thunderstorm"))
    }
}

@Test func userScenesLiveInXDGDataHomeOrTheHomeFallback() {
    #expect(
        SceneStore.defaultUserDirectory(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
            == "/data/soundscape/scenes")
    #expect(
        SceneStore.defaultUserDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.local/share/soundscape/scenes")
    // Relative XDG paths are invalid by the spec and ignored.
    #expect(
        SceneStore.defaultUserDirectory(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/u"])
            == "/home/u/.local/share/soundscape/scenes")
}

@Test func themesAreFoundFromTheEnvironmentThenBesideTheExecutable() throws {
    let root = TestThemes.temporaryDirectory()
    let fm = FileManager.default
    // A source checkout: .build/release/soundscape with Themes/ at the top.
    try fm.createDirectory(atPath: root + "/checkout/.build/release", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/checkout/Themes", withIntermediateDirectories: true)
    #expect(fm.createFile(atPath: root + "/checkout/Themes/lexicon.toml", contents: Data()))
    #expect(
        try ThemesDirectory.locate(environment: [:], executablePath: root + "/checkout/.build/release/soundscape")
            == root + "/checkout/Themes")
    // An install prefix: bin/soundscape with share/soundscape/Themes.
    try fm.createDirectory(atPath: root + "/prefix/bin", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/prefix/share/soundscape/Themes", withIntermediateDirectories: true)
    #expect(fm.createFile(atPath: root + "/prefix/share/soundscape/Themes/lexicon.toml", contents: Data()))
    #expect(
        try ThemesDirectory.locate(environment: [:], executablePath: root + "/prefix/bin/soundscape")
            == root + "/prefix/share/soundscape/Themes")
    // The environment wins, and a wrong setting is an error rather than silently ignored.
    #expect(
        try ThemesDirectory.locate(
            environment: ["SOUNDSCAPE_THEMES": root + "/checkout/Themes"],
            executablePath: root + "/prefix/bin/soundscape")
            == root + "/checkout/Themes")
    #expect(throws: SceneError.self) {
        try ThemesDirectory.locate(environment: ["SOUNDSCAPE_THEMES": root], executablePath: nil)
    }
}

@Test func aDamagedLearnedSoundDescriptionDoesNotStopPlanning() throws {
    // `[=` made toml++ abort; planning lists learned sounds, so it must survive one.
    let directory = URL(fileURLWithPath: TestThemes.temporaryDirectory())
    let folder = directory.appendingPathComponent("myrain")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data([1, 2, 3]).write(to: folder.appendingPathComponent("model.bin"))
    try Data("[=\n".utf8).write(to: folder.appendingPathComponent("sound.toml"))
    let catalog = SoundCatalog.installed(learned: LearnedSoundStore(directory: directory))
    #expect(catalog.variants(of: "myrain") == ["recording"])
}
