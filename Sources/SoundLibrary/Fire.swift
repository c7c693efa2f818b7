import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fire in a fireplace or a campfire.
///
/// Four parts, as in the classic procedural fire, balanced against a real
/// fireplace recording (about as much energy in the 5–15 kHz hiss and
/// crackle as in the roar below 400 Hz, little in between):
/// - crackles: a few dozen sharp clicks a second at widely varied levels
///   (most faint, a few loud), some in quick clusters as sap bursts, and now
///   and then a loud pop of a splitting log with a little low body;
/// - fizz: hundreds of tiny crackles a second heard together as a rough,
///   sparkling hiss (`FireFizz`);
/// - hiss: steady bright noise that wavers with the flames;
/// - roar: a low, lapping rumble whose level flutters a few times a second.
/// The fireplace is heard in a room (a small reverb); the campfire is open
/// air (dry, wider, a little more crackle and air).
/// Intensity = size: 0 = embers (sparse crackles, faint roar), 1 = a blaze.
package final class Fire: LayerSource {
    /// Where the fire burns.
    package enum Place: String, CaseIterable {
        case fireplace, campfire
    }

    private let place: Place
    private var random: Random
    private var clicks: [Crackle]
    private let pops = BubbleBank(capacity: 16)
    private var fizz: FireFizz
    private var noises: (WhiteNoise, WhiteNoise)
    private var roarNoise: BrownNoise
    private var hissFilters = Fire.hissFilters()
    private var hissFiltersRight = Fire.hissFilters()
    /// The roar reaches ≈1 kHz: real fires keep −19…−13 dB of their energy in the 1 kHz
    /// octave (Sounds/fire); a 450 Hz corner left the roar at −24 dB there, a muffled rumble.
    private var roarFilters = (Biquad(.lowPass, frequency: 650), Biquad(.highPass, frequency: 35))
    private var hissWander: SlowRandomWalk
    private var lapping: SlowRandomWalk
    private var flicker: SlowRandomWalk
    private let room: SmallRoomReverb?
    private var dcBlockers = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private var limiter = PeakLimiter()
    private var samplesToNextCrackle = 0
    private var clusterLeft = 0
    private var samplesToNextInCluster = 0
    private var clusterPan: Float = 0
    private var clusterDecibels: Float = 0
    private var samplesToNextPop = 0
    private var nextClick = 0
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    /// Hiss shaping: nothing below ≈3 kHz, rising towards 8–12 kHz where a
    /// real fire's hiss is strongest, gone above 15 kHz.
    private static func hissFilters() -> (Biquad, Biquad, Biquad) {
        (
            Biquad(.highPass, frequency: 3000), Biquad(.highShelf(gainDecibels: 6), frequency: 7000),
            Biquad(.lowPass, frequency: 15_000)
        )
    }

    package init(place: Place, seed: UInt64) {
        self.place = place
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        clicks = (0..<24).map { _ in Crackle(seed: seeds.childSeed()) }
        fizz = FireFizz(seed: seeds.childSeed())
        noises = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
        roarNoise = BrownNoise(seed: seeds.childSeed(), cornerHertz: 70)
        hissWander = SlowRandomWalk(
            seed: seeds.childSeed(), meanIntervalSeconds: 0.7, glideSeconds: 0.25)
        lapping = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.18, glideSeconds: 0.06)
        flicker = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1.2)
        room = place == .fireplace ? SmallRoomReverb(size: 0.55, decay: 0.35, damping: 0.5) : nil
    }

    /// Audible crackles per second at `intensity` (clusters count once).
    package static func cracklesPerSecond(at intensity: Float) -> Float { 2 + 46 * intensity }

    /// Loud pops (a log splitting) per second at `intensity`.
    package static func popsPerSecond(at intensity: Float) -> Float { 0.06 + 0.4 * intensity }

    private func advanceCrackles(size: Float, liveliness: Float) {
        let spread: Float = place == .campfire ? 0.85 : 0.55
        samplesToNextCrackle -= 1
        if samplesToNextCrackle <= 0 {
            // Levels fall off exponentially in dB (mean 8 dB below the
            // loudest ordinary crackle): many faint ticks, few sharp snaps.
            clusterDecibels = max(-32, -8 * logf(1 / max(random.unit(), 1e-6)))
            clusterPan = random.bipolar() * spread
            // A third of crackles are sap bursts: a few more clicks in quick succession.
            clusterLeft = random.unit() < 0.33 ? 2 + random.below(2 + Int(4 * size)) : 1
            samplesToNextInCluster = 0
            let rate = Fire.cracklesPerSecond(at: size) * (0.5 + liveliness)
            samplesToNextCrackle =
                Int(random.exponentialInterval(ratePerSecond: rate) * Fire.sampleRate) + 1
        }
        if clusterLeft > 0 {
            samplesToNextInCluster -= 1
            if samplesToNextInCluster <= 0 {
                clusterLeft -= 1
                let decibels = clusterDecibels - 6 * random.unit()
                let amplitude = 1.55 * powf(10, decibels / 20) * (0.35 + 0.65 * size)
                // Centre frequencies spread evenly in octaves over 3–15 kHz.
                let frequency = 3000 * powf(5, random.unit())
                clicks[nextClick].fire(
                    frequency: frequency, amplitude: amplitude, decaySeconds: 0.0001 + 0.0007 * random.unit(),
                    pan: clusterPan + 0.15 * random.bipolar())
                nextClick = (nextClick + 1) % clicks.count
                samplesToNextInCluster = Int(
                    (0.003 + random.exponentialInterval(ratePerSecond: 80)) * Fire.sampleRate)
            }
        }
        // Pops: a log splits or a pocket of sap bursts — loud, broad, with a little low body.
        samplesToNextPop -= 1
        if samplesToNextPop <= 0 {
            let pan = random.bipolar() * spread
            clicks[nextClick].fire(
                frequency: 1500 + 4000 * random.unit(), q: 0.6, amplitude: 1.2 + 0.8 * random.unit(),
                decaySeconds: 0.0008 + 0.0016 * random.unit(), pan: pan)
            nextClick = (nextClick + 1) % clicks.count
            pops.trigger(
                frequency: 250 + 700 * random.unit(), dampingPerSecond: 120 + 200 * random.unit(),
                chirpPerSecond: -0.5, amplitude: 0.08 + 0.12 * random.unit(), pan: pan)
            samplesToNextPop =
                Int(
                    random.exponentialInterval(ratePerSecond: Fire.popsPerSecond(at: size)) * Fire.sampleRate)
                + 1
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let open = place == .campfire
        let outputGain: Float = open ? 0.63 : 0.51
        for frame in 0..<frameCount {
            smoothedIntensity += (target - smoothedIntensity) * 0.0001
            let size = smoothedIntensity
            let liveliness = flicker.next()
            advanceCrackles(size: size, liveliness: liveliness)

            var left: Float = 0
            var right: Float = 0
            for i in clicks.indices where clicks[i].isSounding {
                let c = clicks[i].next()
                left += c.left
                right += c.right
            }
            let pop = pops.nextFrame()
            left += pop.left
            right += pop.right

            let wander = hissWander.next()
            let sparkle = fizz.next(spikesPerSecond: (150 + 300 * size) * (0.5 + liveliness))
            let fizzLevel = (open ? 0.3 : 0.36) * (0.4 + 0.6 * size)
            left += sparkle.left * fizzLevel
            right += sparkle.right * fizzLevel

            // Hiss: gas escaping, wavering with the flames.
            let hissLevel = (open ? 0.15 : 0.17) * (0.3 + 0.9 * size) * (0.4 + 1.2 * wander)
            left +=
                hissFilters.2.process(hissFilters.1.process(hissFilters.0.process(noises.0.next())))
                * hissLevel
            right +=
                hissFiltersRight.2.process(
                    hissFiltersRight.1.process(hissFiltersRight.0.process(noises.1.next())))
                * hissLevel

            // Roar: the flames lapping, a low rumble fluttering a few times a second.
            let lap = lapping.next()
            let roarLevel = (open ? 0.14 : 0.18) * (0.15 + 0.85 * size) * (0.25 + 1.5 * lap * lap)
            let roar = roarFilters.1.process(roarFilters.0.process(roarNoise.next())) * roarLevel
            left += roar
            right += roar

            if let room {
                let wet = room.process((left + right) * 0.5)
                left += wet.left * 0.5
                right += wet.right * 0.5
            }
            left = dcBlockers.0.process(left) * outputGain
            right = dcBlockers.1.process(right) * outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Fire {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "fire", variants: Fire.Place.allCases.map(\.rawValue),
        family: .things,
        summary: "crackling fire in a fireplace or a campfire; intensity: embers → blaze",
        loudness: SoundLoudness(low: -25.6, middle: -19.4, high: -15.9),
        makeSynthesizer: { variant, seed in Fire(place: Fire.Place(rawValue: variant) ?? .fireplace, seed: seed) })
}
