@testable import AudioEngine
@testable import Scenes
import TestSupport
import Testing


private let rainScene = Scene(
    layers: [
        LayerSettings(sound: "rain", weight: 0.6, intensity: 0.5),
        LayerSettings(sound: "thunder", weight: 0.4, intensity: 0.2),
    ], evolve: true, evolveRange: 0.1)

@Test func driverDriftsAnEvolvingSceneWithinItsRange() {
    let engine = FakeEngine(scene: rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    var moved = false
    for second in stride(from: 0.0, through: 1800, by: 10) {
        driver.update(atSeconds: second)
        let rain = engine.scene.layers[0]
        #expect(abs(rain.weight - 0.6) <= 0.1 + 1e-5 && abs(rain.intensity - 0.5) <= 0.1 + 1e-5)
        moved = moved || abs(rain.weight - 0.6) > 0.02
    }
    #expect(moved)
}

@Test func driverStartsGentlyWithoutAJump() {
    let engine = FakeEngine(scene: rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    driver.update(atSeconds: 100)
    #expect(engine.scene.layers.map(\.weight) == rainScene.layers.map(\.weight))
}

@Test func userChangeBecomesTheNewCentreOfTheDrift() {
    let engine = FakeEngine(scene: rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    for second in stride(from: 0.0, through: 120, by: 1) { driver.update(atSeconds: second) }
    engine.setWeight(0.2, ofLayer: 0)  // the user pulls the rain fader down
    for second in stride(from: 121.0, through: 2000, by: 7) {
        driver.update(atSeconds: second)
        #expect(abs(engine.scene.layers[0].weight - 0.2) <= 0.1 + 1e-5)
    }
}

@Test func turningEvolveOffRestoresTheUserSettings() {
    let engine = FakeEngine(scene: rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    for second in stride(from: 0.0, through: 600, by: 5) { driver.update(atSeconds: second) }
    engine.setEvolving(false)
    driver.update(atSeconds: 605)
    #expect(engine.scene.layers.map(\.weight) == rainScene.layers.map(\.weight))
    #expect(engine.scene.layers.map(\.intensity) == rainScene.layers.map(\.intensity))
}

@Test func sceneWithoutEvolveIsLeftAlone() {
    var still = rainScene
    still.evolve = false
    let engine = FakeEngine(scene: still)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    for second in stride(from: 0.0, through: 900, by: 30) { driver.update(atSeconds: second) }
    #expect(engine.scene.layers == still.layers)
}

@Test func savingAnEvolvingSceneKeepsTheUserSettingsNotTheWeather() {
    let engine = FakeEngine(scene: rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.range = rainScene.evolveRange
    for second in stride(from: 0.0, through: 900, by: 10) { driver.update(atSeconds: second) }
    #expect(engine.scene.layers.map(\.weight) != rainScene.layers.map(\.weight), "the weather has moved")
    engine.setIntensity(0.9, ofLayer: 1)  // the user turns thunder up between two updates
    let saved = driver.userSettings(of: engine.scene)
    #expect(saved.layers.map(\.weight) == rainScene.layers.map(\.weight))
    #expect(saved.layers.map(\.intensity) == [0.5, 0.9])
}

@Test func playingASceneWithATimerEndsItsLastPartInAFade() throws {
    var scene = rainScene
    scene.timerMinutes = 0.05  // 3 s, the last 1.5 s of them fading
    let engine = FakeEngine(scene: Scene())
    try engine.play(scene)
    #expect(engine.timer?.seconds == 1.5 && engine.timer?.fadeSeconds == 1.5)
    #expect(engine.status.isEvolving, "evolve follows the scene")
    #expect(engine.status.layers == scene.mix.layers)
}

@Test func playingASceneWithoutATimerLeavesARunningTimerAlone() throws {
    let engine = FakeEngine(scene: rainScene)
    engine.setTimer(seconds: 600, fadeSeconds: 30)
    try engine.play(Scene(layers: [LayerSettings(sound: "crickets")]))
    #expect(engine.timer?.seconds == 600)
}
