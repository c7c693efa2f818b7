#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fire in a fireplace or a campfire.
///
/// Three parts, as in the classic procedural fire: crackles (bursts of
/// very short, sharp clicks as sap and gas escape, plus the odd deeper pop of
/// a splitting log), a hiss (high band noise that wavers with the flames) and
/// a low, lapping roar (rumbling noise whose level flutters a few times a
/// second). The fireplace is heard in a room (a small reverb, a warmer
/// roar); the campfire is open air (dry, wider, more crackle and air).
/// Intensity = size: 0 = embers (rare crackles, faint roar), 1 = a blaze.
final class Fire: LayerSource {
    /// Where the fire burns.
    enum Place: String, CaseIterable {
        case fireplace, campfire
    }

    private let place: Place
    private var random: Random
    private var clicks: [Crackle]
    private let pops = BubbleBank(capacity: 16)
    private var noises: (WhiteNoise, WhiteNoise, WhiteNoise)
    private var roarNoise: BrownNoise
    private var hissFilters = (Biquad(.highPass, frequency: 2500), Biquad(.lowPass, frequency: 12_000))
    private var hissFiltersRight = (Biquad(.highPass, frequency: 2500), Biquad(.lowPass, frequency: 12_000))
    private var roarFilters = (Biquad(.lowPass, frequency: 260), Biquad(.highPass, frequency: 35))
    private var hissWander: SlowRandomWalk
    private var lapping: SlowRandomWalk
    private var flicker: SlowRandomWalk
    private let room: SmallRoomReverb?
    private var dcBlockers = (Biquad(.highPass, frequency: 25), Biquad(.highPass, frequency: 25))
    private var limiter = PeakLimiter()
    private var samplesToNextBurst = 0
    private var burstClicksLeft = 0
    private var samplesToNextClick = 0
    private var burstPan: Float = 0
    private var samplesToNextPop = 0
    private var nextClick = 0
    private var smoothedIntensity: Float = -1
    private static let sampleRate = Float(AudioFormat.sampleRate)

    init(place: Place, seed: UInt64) {
        self.place = place
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        clicks = (0..<12).map { _ in Crackle(seed: seeds.childSeed()) }
        noises = (WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()))
        roarNoise = BrownNoise(seed: seeds.childSeed(), cornerHertz: 20)
        hissWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.7, glideSeconds: 0.25)
        lapping = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.18, glideSeconds: 0.06)
        flicker = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 3, glideSeconds: 1.2)
        room = place == .fireplace ? SmallRoomReverb(size: 0.55, decay: 0.35, damping: 0.5) : nil
    }

    /// Crackle bursts per second at `intensity`.
    static func burstsPerSecond(at intensity: Float) -> Float { 0.6 + 4.4 * intensity }

    private func advanceCrackles(size: Float, liveliness: Float) {
        samplesToNextBurst -= 1
        if samplesToNextBurst <= 0 {
            burstClicksLeft = 1 + random.below(2 + Int(10 * size))
            burstPan = random.bipolar() * (place == .campfire ? 0.85 : 0.55)
            samplesToNextClick = 0
            let rate = Fire.burstsPerSecond(at: size) * (0.5 + liveliness)
            samplesToNextBurst = Int(random.exponentialInterval(ratePerSecond: rate) * Fire.sampleRate) + 1
        }
        if burstClicksLeft > 0 {
            samplesToNextClick -= 1
            if samplesToNextClick <= 0 {
                burstClicksLeft -= 1
                let u = random.unit()
                let amplitude = (0.15 + 0.85 * u * u) * (0.5 + 0.5 * size)
                clicks[nextClick].fire(
                    frequency: 1500 + 8000 * random.unit(), amplitude: amplitude,
                    decaySeconds: 0.0002 + 0.0012 * random.unit(), pan: burstPan + 0.15 * random.bipolar())
                nextClick = (nextClick + 1) % clicks.count
                samplesToNextClick = Int((0.002 + random.exponentialInterval(ratePerSecond: 60)) * Fire.sampleRate)
            }
        }
        // Pops: a log splits or a pocket of sap bursts — lower, with a little body.
        samplesToNextPop -= 1
        if samplesToNextPop <= 0 {
            pops.trigger(
                frequency: 250 + 700 * random.unit(), dampingPerSecond: 120 + 200 * random.unit(),
                chirpPerSecond: -0.5, amplitude: 0.12 + 0.2 * random.unit(), pan: random.bipolar() * 0.6)
            let rate = 0.08 + 0.4 * size
            samplesToNextPop = Int(random.exponentialInterval(ratePerSecond: rate) * Fire.sampleRate) + 1
        }
    }

    func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        let open = place == .campfire
        let outputGain: Float = open ? 0.59 : 0.4
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

            // Hiss: gas escaping, wavering with the flames.
            let hissLevel = (open ? 0.03 : 0.022) * (0.3 + 0.9 * size) * (0.4 + 1.2 * hissWander.next())
            left += hissFilters.1.process(hissFilters.0.process(noises.0.next())) * hissLevel
            right += hissFiltersRight.1.process(hissFiltersRight.0.process(noises.1.next())) * hissLevel

            // Roar: the flames lapping, a low rumble fluttering a few times a second.
            let lap = lapping.next()
            let roarLevel = (open ? 0.45 : 0.6) * (0.15 + 0.85 * size) * (0.25 + 1.5 * lap * lap)
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
