import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// City traffic: heard from a few hundred metres away as a dark, endless
/// roar (`distant`, an apartment window or a park by a ring road), or from
/// the pavement of a city street (`street`): cars and trucks passing one
/// by one with their Doppler swell, a horn now and then, people walking by.
///
/// Both are built from the same passing vehicles (`PassingVehicle`) over a
/// bed of the whole city's roar: a street puts them 3–15 m away and adds
/// footsteps and horns close by; the distant variant puts many more of them
/// 60–400 m away, where air has taken their highs and they merge. Intensity
/// is the hour: a car now and then in the quiet of late night at 0, rush
/// hour at 1 — denser, louder, more horns.
package final class Traffic: LayerSource {
    package enum Variant: String, CaseIterable {
        case distant, street
    }

    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let vehicleCount = 14
    private static let walkerCount = 3

    private let variant: Variant
    /// The synthesizer's own level per variant; the definition's loudness figures level-match it.
    private let outputGain: Float
    private var random: Random
    private var vehicles: [PassingVehicle]
    private var walkers: [Footsteps]
    private var horn = Horn()
    private var framesUntilVehicle: Int
    private var framesUntilWalker: Int
    private var framesUntilHorn: Int
    private var cityLeft: PinkNoise
    private var cityRight: PinkNoise
    private var cityLowPass = (Biquad(), Biquad())
    private var citySwell: SlowRandomWalk
    /// The distant variant's tyre roar and air, which the real distant road
    /// (Sounds/traffic/distant-cars.ogg) keeps at 1 kHz (−4.3 dB of its energy)
    /// and 2–4 kHz (−12.6, −11.1 dB): far tyres on asphalt are heard as a hiss,
    /// not only as the engines' rumble.
    private var tyres: (PinkNoise, PinkNoise)
    private var tyreBand = (Biquad(.bandPass, frequency: 1_000, q: 0.8), Biquad(.bandPass, frequency: 1_050, q: 0.8))
    private var airBand = (
        Biquad(.highPass, frequency: 2_500, q: 0.6), Biquad(.highPass, frequency: 2_600, q: 0.6),
        Biquad(.lowPass, frequency: 4_500, q: 0.6), Biquad(.lowPass, frequency: 4_700, q: 0.6)
    )
    private var farAir = (Biquad(.lowPass, frequency: 5_000, q: 0.6), Biquad(.lowPass, frequency: 5_000, q: 0.6))
    private static let tyreLevel: Float = 0.04
    private static let airLevel: Float = 0.02
    private var dcBlock = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var density: Float = -1

    package init(variant: Variant, seed: UInt64) {
        self.variant = variant
        random = Random(seed: seed)
        outputGain = variant == .street ? 3.0 : 1.7
        vehicles = [PassingVehicle](repeating: PassingVehicle(), count: Self.vehicleCount)
        walkers = [Footsteps](repeating: Footsteps(), count: Self.walkerCount)
        cityLeft = PinkNoise(seed: random.childSeed())
        cityRight = PinkNoise(seed: random.childSeed())
        citySwell = SlowRandomWalk(seed: random.childSeed(), meanIntervalSeconds: 6, glideSeconds: 2)
        tyres = (PinkNoise(seed: random.childSeed()), PinkNoise(seed: random.childSeed()))
        framesUntilVehicle = Int(random.uniform(0...2) * Self.sampleRate)
        framesUntilWalker = Int(random.uniform(1...8) * Self.sampleRate)
        framesUntilHorn = Int(random.uniform(5...30) * Self.sampleRate)
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if density < 0 {
            density = target
            // Start with the road already busy, not empty.
            for _ in 0..<Int(2 + 6 * target) { startVehicle(alreadyUnderway: true) }
        }
        density += (target - density) * min(1, Float(frameCount) / Self.sampleRate)
        let isStreet = variant == .street
        // Vehicles a second: from one every half-minute at night to a steady stream.
        let vehicleRate = isStreet ? 0.03 + 0.55 * density : 0.15 + 1.6 * density
        let walkerRate = 0.02 + 0.12 * density
        let hornRate = isStreet ? 0.004 + 0.05 * density * density : 0.002 + 0.02 * density * density
        let cityCutoff = isStreet ? 500 + 500 * density : 250 + 300 * density
        cityLowPass.0.set(.lowPass, frequency: cityCutoff, q: 0.6)
        cityLowPass.1.set(.lowPass, frequency: cityCutoff * 1.07, q: 0.6)
        let cityGain = (isStreet ? 0.025 : 0.035) * (0.15 + 0.85 * density)

        for frame in 0..<frameCount {
            framesUntilVehicle -= 1
            if framesUntilVehicle <= 0 {
                startVehicle(alreadyUnderway: false)
                framesUntilVehicle = Int(random.exponentialInterval(ratePerSecond: vehicleRate) * Self.sampleRate)
            }
            framesUntilHorn -= 1
            if framesUntilHorn <= 0 {
                startHorn(isStreet: isStreet)
                framesUntilHorn = Int(random.exponentialInterval(ratePerSecond: hornRate) * Self.sampleRate)
            }
            var left: Float = 0
            var right: Float = 0
            for index in 0..<Self.vehicleCount where vehicles[index].isPassing {
                let sample = vehicles[index].next(&random)
                left += sample.left
                right += sample.right
            }
            if isStreet {
                framesUntilWalker -= 1
                if framesUntilWalker <= 0 {
                    startWalker()
                    framesUntilWalker = Int(random.exponentialInterval(ratePerSecond: walkerRate) * Self.sampleRate)
                }
                for index in 0..<Self.walkerCount where walkers[index].isWalking {
                    let step = walkers[index].next(&random)
                    left += step.left
                    right += step.right
                }
            }
            if horn.isSounding {
                let blast = horn.next()
                left += blast.left
                right += blast.right
            }
            // The rest of the city: a dark roar that swells and settles. From afar
            // it swells as the traffic lights release and hold the flow (the real
            // distant road spreads 7.3 dB), with the tyres' hiss riding on it.
            let walk = citySwell.next()
            let swell = isStreet ? 0.7 + 0.6 * walk : 0.3 + 1.4 * walk
            left += cityLowPass.0.process(cityLeft.next()) * cityGain * swell
            right += cityLowPass.1.process(cityRight.next()) * cityGain * swell
            if !isStreet {
                let hiss = (0.15 + 0.85 * density) * swell
                let tyreLeft = tyres.0.next()
                let tyreRight = tyres.1.next()
                left += (tyreBand.0.process(tyreLeft) * Self.tyreLevel
                    + airBand.2.process(airBand.0.process(tyreLeft)) * Self.airLevel) * hiss
                right += (tyreBand.1.process(tyreRight) * Self.tyreLevel
                    + airBand.3.process(airBand.1.process(tyreRight)) * Self.airLevel) * hiss
            }
            if !isStreet {
                // Hundreds of metres of air take the top off (real: 8 kHz at −23.7 dB).
                left = farAir.0.process(left) * (0.6 + 0.4 * swell)
                right = farAir.1.process(right) * (0.6 + 0.4 * swell)
            }
            output[2 * frame] = SoftCeiling.apply(dcBlock.0.process(left) * outputGain)
            output[2 * frame + 1] = SoftCeiling.apply(dcBlock.1.process(right) * outputGain)
        }
    }

    /// A vehicle coming into earshot, or, at the start, one already on its way past.
    private func startVehicle(alreadyUnderway: Bool) {
        guard let index = vehicles.firstIndex(where: { !$0.isPassing }) else { return }
        let isStreet = variant == .street
        let closest = isStreet ? random.uniform(3...15) : random.uniform(60...400)
        let approach: Float = isStreet ? random.uniform(4...7) : random.uniform(10...20)
        let before = alreadyUnderway ? random.uniform(-approach...approach) : approach
        vehicles[index].start(
            random: &random, closest: closest, secondsBefore: before, secondsAfter: approach,
            loudness: (isStreet ? 0.15 : 0.9) * random.uniform(0.5...1.2))
    }

    private func startWalker() {
        guard let index = walkers.firstIndex(where: { !$0.isWalking }) else { return }
        let fromLeft = random.unit() < 0.5
        walkers[index].start(
            random: &random, steps: 6 + random.below(12), loudness: 0.12 * random.uniform(0.4...1),
            panFrom: fromLeft ? -0.8 : 0.8, panTo: fromLeft ? 0.8 : -0.8)
    }

    /// A driver's honk: one or two short blasts, near on a street, far and dark otherwise.
    private func startHorn(isStreet: Bool) {
        guard !horn.isSounding else { return }
        horn.start(
            random: &random, pitch: random.uniform(340...460), secondNoteRatio: 1.26,
            seconds: random.uniform(0.15...0.7), loudness: (isStreet ? 0.012 : 0.003) * random.uniform(0.4...1),
            pan: random.uniform(-0.8...0.8), brightness: isStreet ? 4_000 : 1_500)
    }
}

extension Traffic {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "traffic", variants: Traffic.Variant.allCases.map(\.rawValue),
        family: .places,
        summary:
            "city traffic, a distant roar or a street with cars passing, horns and footsteps; intensity: late night to rush hour",
        loudness: SoundLoudness(low: -30.5, middle: -24.2, high: -20.1),
        variantLoudness: ["street": SoundLoudness(low: -29.8, middle: -23.3, high: -19.6)]
    ) { variant, seed in
        Traffic(variant: Traffic.Variant(rawValue: variant) ?? .distant, seed: seed)
    }
}
