@testable import Scenes
import Testing


private let bases: [(weight: Float, intensity: Float)] = [(0.7, 0.5), (0.05, 0.95), (1, 0), (0.3, 0.3)]

@Test(arguments: [0, 1, 42, 0xDEAD_BEEF] as [UInt64])
func evolveNeverLeavesTheUserSettingPlusOrMinusTheRange(seed: UInt64) {
    let evolve = Evolve(bases: bases, range: 0.15, seed: seed)
    // Three hours, sampled off any round period.
    for step in 0..<1500 {
        let values = evolve.values(at: Double(step) * 7.3)
        for (value, base) in zip(values, bases) {
            #expect(
                value.weight >= max(0, base.weight - 0.15) - 1e-6 && value.weight <= min(1, base.weight + 0.15) + 1e-6)
            #expect(
                value.intensity >= max(0, base.intensity - 0.15) - 1e-6
                    && value.intensity <= min(1, base.intensity + 0.15) + 1e-6)
        }
    }
}

@Test func evolveIsReproducibleFromItsSeedAndAPureFunctionOfTime() {
    let a = Evolve(bases: bases, range: 0.15, seed: 7)
    let b = Evolve(bases: bases, range: 0.15, seed: 7)
    let c = Evolve(bases: bases, range: 0.15, seed: 8)
    let times = [0, 1, 59.5, 600, 3600, 10_000.25]
    for t in times {
        #expect(a.values(at: t).map(\.weight) == b.values(at: t).map(\.weight))
        #expect(a.values(at: t).map(\.intensity) == b.values(at: t).map(\.intensity))
    }
    // Asking out of order gives the same answers: no hidden state.
    #expect(times.reversed().map { a.values(at: $0)[0].weight } == times.map { b.values(at: $0)[0].weight }.reversed())
    #expect(times.map { a.values(at: $0)[0].weight } != times.map { c.values(at: $0)[0].weight })
}

@Test func evolveMovesSlowlyButDoesMoveOverMinutes() {
    let range: Float = 0.15
    let evolve = Evolve(bases: [(0.5, 0.5)], range: range, seed: 3)
    var previous = evolve.values(at: 0)[0]
    var lowest = previous.weight
    var highest = previous.weight
    for second in 1...3600 {
        let value = evolve.values(at: Double(second))[0]
        // Slope bound of the sinusoids: range · 2π / shortest period, per second.
        let maximumStep = range * 2 * Float.pi / Float(Evolve.periodRange.lowerBound) + 1e-5
        #expect(abs(value.weight - previous.weight) <= maximumStep)
        #expect(abs(value.intensity - previous.intensity) <= maximumStep)
        lowest = min(lowest, value.weight)
        highest = max(highest, value.weight)
        previous = value
    }
    #expect(highest - lowest > range * 0.5, "an hour of weather spans a good part of the range")
}

@Test func zeroRangeKeepsEverySettingStill() {
    let evolve = Evolve(bases: bases, range: 0, seed: 1)
    for t in stride(from: 0.0, through: 2000, by: 13) {
        #expect(evolve.values(at: t).map(\.weight) == bases.map(\.weight))
    }
}

@Test func evolveUsesTheScenesRange() {
    let scene = Scene(layers: [LayerSettings(sound: "rain", weight: 0.5, intensity: 0.5)], evolveRange: 0.05)
    let evolve = Evolve(scene: scene, seed: 9)
    for t in stride(from: 0.0, through: 3000, by: 11) {
        #expect(abs(evolve.values(at: t)[0].weight - 0.5) <= 0.05 + 1e-6)
    }
}
