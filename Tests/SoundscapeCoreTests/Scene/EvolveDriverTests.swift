import Testing

@testable import SoundscapeCore

/// Records what a driver does to an engine.
private final class FakeEngine: EngineControl, @unchecked Sendable {
    var scene: Scene
    init(_ scene: Scene) { self.scene = scene }
    func apply(_ scene: Scene) throws { self.scene = scene }
    func setWeight(_ weight: Float, ofLayer index: Int) { scene.layers[index].weight = weight }
    func setIntensity(_ intensity: Float, ofLayer index: Int) { scene.layers[index].intensity = intensity }
    func setMuted(_ muted: Bool, ofLayer index: Int) { scene.layers[index].muted = muted }
    func setSolo(_ index: Int?) {}
    func setMaster(_ gain: Float) { scene.master = gain }
    func setPaused(_ paused: Bool) {}
    func setTimer(seconds: Double?, fadeSeconds: Double) {}
    func setEvolving(_ evolving: Bool) { scene.evolve = evolving }
    func stop(fadeSeconds: Double) {}
    var status: EngineStatus { EngineStatus() }
}

private let rainScene = Scene(
    layers: [
        LayerSettings(sound: "rain", weight: 0.6, intensity: 0.5),
        LayerSettings(sound: "thunder", weight: 0.4, intensity: 0.2),
    ], evolve: true, evolveRange: 0.1)

@Test func driverDriftsAnEvolvingSceneWithinItsRange() {
    let engine = FakeEngine(rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
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
    let engine = FakeEngine(rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    driver.update(atSeconds: 100)
    #expect(engine.scene.layers.map(\.weight) == rainScene.layers.map(\.weight))
}

@Test func userChangeBecomesTheNewCentreOfTheDrift() {
    let engine = FakeEngine(rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    for second in stride(from: 0.0, through: 120, by: 1) { driver.update(atSeconds: second) }
    engine.setWeight(0.2, ofLayer: 0)  // the user pulls the rain fader down
    for second in stride(from: 121.0, through: 2000, by: 7) {
        driver.update(atSeconds: second)
        #expect(abs(engine.scene.layers[0].weight - 0.2) <= 0.1 + 1e-5)
    }
}

@Test func turningEvolveOffRestoresTheUserSettings() {
    let engine = FakeEngine(rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    for second in stride(from: 0.0, through: 600, by: 5) { driver.update(atSeconds: second) }
    engine.setEvolving(false)
    driver.update(atSeconds: 605)
    #expect(engine.scene.layers.map(\.weight) == rainScene.layers.map(\.weight))
    #expect(engine.scene.layers.map(\.intensity) == rainScene.layers.map(\.intensity))
}

@Test func sceneWithoutEvolveIsLeftAlone() {
    var still = rainScene
    still.evolve = false
    let engine = FakeEngine(still)
    let driver = EvolveDriver(engine: engine, seed: 5)
    for second in stride(from: 0.0, through: 900, by: 30) { driver.update(atSeconds: second) }
    #expect(engine.scene == still)
}

@Test func savingAnEvolvingSceneKeepsTheUserSettingsNotTheWeather() {
    let engine = FakeEngine(rainScene)
    let driver = EvolveDriver(engine: engine, seed: 5)
    for second in stride(from: 0.0, through: 900, by: 10) { driver.update(atSeconds: second) }
    #expect(engine.scene.layers.map(\.weight) != rainScene.layers.map(\.weight), "the weather has moved")
    engine.setIntensity(0.9, ofLayer: 1)  // the user turns thunder up between two updates
    let saved = driver.userSettings(of: engine.scene)
    #expect(saved.layers.map(\.weight) == rainScene.layers.map(\.weight))
    #expect(saved.layers.map(\.intensity) == [0.5, 0.9])
}
