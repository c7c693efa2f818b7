import AudioEngine
import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wind in the open or through trees.
///
/// One slow wind-speed signal (a slow swell, gusts and the odd squall,
/// 0…1) drives every part: two body bands of noise (left and right) whose
/// centre and gain follow the speed, a low rumble, a whistle that only
/// sings in strong gusts (open) or leaf rustle (trees), and in the open the
/// rush of air over grass and ground at 1–5 kHz that only strong wind has
/// (without it a gale stops dead near 1 kHz, like a muffled fan). Each part reads the
/// speed through its own delay (0–2.5 s), so a gust arrives on one side and
/// sweeps across. Intensity: 0 = a light, steady breeze; 1 = a strong,
/// gusty gale with squalls.
package final class Wind: LayerSource {
    /// Where the wind blows.
    package enum Setting: String, CaseIterable {
        case open, trees
    }

    private let setting: Setting
    private var random: Random
    private var gusts: SlowRandomWalk
    private var flurries: SlowRandomWalk
    private var noises: (WhiteNoise, WhiteNoise, WhiteNoise, WhiteNoise)
    private var pinks = (KelletPinkNoise(), KelletPinkNoise())
    private var rumbleNoise: BrownNoise
    private var bodyFilters = (Biquad(), Biquad(), Biquad(), Biquad())
    private var rumbleFilter = Biquad(.lowPass, frequency: 110)
    private var detailFilters = (Biquad(), Biquad())
    /// Leaves rustle mostly below ≈6 kHz; the band-pass alone leaves too much air on
    /// top (at 9 kHz the 8 kHz band measured −11.8 dB in a gale, where real wind
    /// outdoors in Sounds/wind keeps it at −20 dB or under).
    private var leafTops = (Biquad(.lowPass, frequency: 6000), Biquad(.lowPass, frequency: 6000))
    private var rustleWander: (SlowRandomWalk, SlowRandomWalk)
    private var rushPinks = (KelletPinkNoise(), KelletPinkNoise())
    private var rushHighPasses = (Biquad(.highPass, frequency: 1000), Biquad(.highPass, frequency: 1000))
    private var rushLowPasses = (Biquad(.lowPass, frequency: 5000), Biquad(.lowPass, frequency: 5000))
    private var rushGainLeft: Float = 0, rushGainRight: Float = 0
    private var smoothRushLeft: Float = 0, smoothRushRight: Float = 0
    private var dcBlockers = (Biquad(.highPass, frequency: 20), Biquad(.highPass, frequency: 20))
    private var limiter = PeakLimiter()
    /// The speed signal at the control rate, read back at each part's delay.
    private let speedHistory: DelayLine
    private var controlCountdown = 0
    private var timeSeconds: Float = 0
    private var squall: Float = 0
    private var squallTarget: Float = 0
    private var samplesToNextSquall = 0

    // Per-part gains at the current control step, smoothed per sample.
    private var bodyGainLeft: Float = 0, bodyGainRight: Float = 0, rumbleGain: Float = 0
    private var detailGainLeft: Float = 0, detailGainRight: Float = 0
    private var smoothBodyLeft: Float = 0, smoothBodyRight: Float = 0, smoothRumble: Float = 0
    private var smoothDetailLeft: Float = 0, smoothDetailRight: Float = 0
    private var smoothedIntensity: Float = -1

    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let controlInterval = 32
    private static let controlRate = sampleRate / Float(controlInterval)
    /// Delays (seconds) at which parts read the speed: the gust's path across the scene.
    private static let leftDelay: Float = 0, rightDelay: Float = 1.2, rumbleDelay: Float = 0.6
    private static let detailLeftDelay: Float = 0.4, detailRightDelay: Float = 2.4
    private static let outputGain: Float = 0.4

    package init(setting: Setting, seed: UInt64) {
        self.setting = setting
        var seeds = Random(seed: seed)
        random = Random(seed: seeds.childSeed())
        gusts = SlowRandomWalk(
            seed: seeds.childSeed(), meanIntervalSeconds: 2.5, glideSeconds: 0.7, updatesPerSecond: Wind.controlRate)
        flurries = SlowRandomWalk(
            seed: seeds.childSeed(), meanIntervalSeconds: 0.6, glideSeconds: 0.15, updatesPerSecond: Wind.controlRate)
        noises = (
            WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()), WhiteNoise(seed: seeds.childSeed()),
            WhiteNoise(seed: seeds.childSeed())
        )
        rumbleNoise = BrownNoise(seed: seeds.childSeed(), cornerHertz: 10)
        rustleWander = (
            SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.08, glideSeconds: 0.02),
            SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 0.08, glideSeconds: 0.02)
        )
        speedHistory = DelayLine(maximumDelaySamples: Int(3 * Wind.controlRate))
        timeSeconds = 1000 * random.unit()  // start somewhere on the slow swell
        samplesToNextSquall = Int(random.exponentialInterval(ratePerSecond: 1.0 / 30) * Wind.controlRate)
        primed = false
    }

    /// False until the first render fills the speed history, so no part starts from a dead calm.
    private var primed = false

    /// Wind speed 0…1 now, from the swell, gusts and squalls at `intensity`.
    private func nextSpeed(intensity: Float) -> Float {
        timeSeconds += 1 / Wind.controlRate
        let base = 0.22 + 0.38 * intensity
        let swell = (0.04 + 0.05 * intensity) * sinf(2 * Float.pi * timeSeconds / 47)
            + (0.02 + 0.03 * intensity) * sinf(2 * Float.pi * timeSeconds / 13.3)
        // A breeze is steady; a gale is all gusts.
        // Real gales swing 3–7 dB over a minute (Sounds/wind), not 12: deep gusts read as a siren.
        let gustDepth = 0.04 + 0.2 * intensity
        let gust = (gusts.next() - 0.45) * 2 * gustDepth + (flurries.next() - 0.5) * 0.25 * gustDepth
        // Squalls: rare, seconds-long surges, more often and stronger in a gale.
        samplesToNextSquall -= 1
        if samplesToNextSquall <= 0 {
            squallTarget = (0.08 + 0.2 * intensity) * (0.5 + random.unit())
            let rate = (0.5 + 2 * intensity) / 60
            samplesToNextSquall = Int(random.exponentialInterval(ratePerSecond: rate) * Wind.controlRate)
        }
        squall += (squallTarget - squall) * (squallTarget > squall ? 0.0012 : 0.0004)
        squallTarget *= 0.9994  // a squall lasts ≈3–6 s
        return min(max(base + swell + gust + squall, 0.02), 1)
    }

    private func speed(delayedBy seconds: Float) -> Float {
        speedHistory.read(delay: max(1, Int(seconds * Wind.controlRate)))
    }

    private func updateControls(intensity: Float) {
        speedHistory.write(nextSpeed(intensity: intensity))
        let left = speed(delayedBy: Wind.leftDelay)
        let right = speed(delayedBy: Wind.rightDelay)
        // The body band rises in pitch and level with speed: a low sigh to a roar. It
        // centres at 180–750 Hz and its low-pass stays below ≈1.35 kHz even in a gale: the
        // real winds in Sounds/wind hold most of their energy at 250–1000 Hz, and a body
        // sunk at 100 Hz flutters frame to frame like a microphone in the wind.
        bodyFilters.0.set(.bandPass, frequency: 180 + 570 * left * left, q: 0.7)
        bodyFilters.1.set(.lowPass, frequency: 350 + 1000 * left, q: 0.6)
        bodyFilters.2.set(.bandPass, frequency: 185 + 540 * right * right, q: 0.7)
        bodyFilters.3.set(.lowPass, frequency: 350 + 1000 * right, q: 0.6)
        bodyGainLeft = 0.15 + 1.6 * left * left
        bodyGainRight = 0.15 + 1.6 * right * right
        // The rush grows with the cube of the speed: a breeze only breathes at 1–5 kHz
        // (real wind keeps −22…−14 dB of its energy in the 2 kHz octave), a gust hisses.
        rushGainLeft = setting == .open ? 0.05 * left + 0.4 * left * left * left : 0
        rushGainRight = setting == .open ? 0.05 * right + 0.4 * right * right * right : 0
        let rumbleSpeed = speed(delayedBy: Wind.rumbleDelay)
        rumbleGain = 0.03 + 0.15 * rumbleSpeed
        let detailLeft = speed(delayedBy: Wind.detailLeftDelay)
        let detailRight = speed(delayedBy: Wind.detailRightDelay)
        switch setting {
        case .open:
            // A whistle (wind over an edge) that sings only in strong gusts, its pitch riding the speed.
            detailFilters.0.set(.bandPass, frequency: 420 + 900 * detailLeft, q: 14)
            detailFilters.1.set(.bandPass, frequency: 560 + 1100 * detailRight, q: 14)
            let l = max(0, detailLeft - 0.5), r = max(0, detailRight - 0.55)
            detailGainLeft = 6 * l * l
            detailGainRight = 6 * r * r
        case .trees:
            // Leaves: a broad high band that swells with the gusts.
            detailFilters.0.set(.bandPass, frequency: 2200 + 1600 * detailLeft, q: 0.5)
            detailFilters.1.set(.bandPass, frequency: 2400 + 1500 * detailRight, q: 0.5)
            detailGainLeft = 0.02 + 0.6 * detailLeft * detailLeft * detailLeft
            detailGainRight = 0.02 + 0.6 * detailRight * detailRight * detailRight
        }
    }

    package func render(into output: UnsafeMutablePointer<Float>, frameCount: Int, intensity: Float) {
        let target = min(max(intensity, 0), 1)
        if smoothedIntensity < 0 { smoothedIntensity = target }
        if !primed {
            primed = true
            for _ in 0..<Int(3 * Wind.controlRate) { speedHistory.write(nextSpeed(intensity: target)) }
            updateControls(intensity: target)
            smoothBodyLeft = bodyGainLeft; smoothBodyRight = bodyGainRight; smoothRumble = rumbleGain
            smoothDetailLeft = detailGainLeft; smoothDetailRight = detailGainRight
            smoothRushLeft = rushGainLeft; smoothRushRight = rushGainRight
        }
        let smoothing: Float = 0.002
        for frame in 0..<frameCount {
            controlCountdown -= 1
            if controlCountdown <= 0 {
                smoothedIntensity += (target - smoothedIntensity) * 0.005
                updateControls(intensity: smoothedIntensity)
                controlCountdown = Wind.controlInterval
            }
            smoothBodyLeft += (bodyGainLeft - smoothBodyLeft) * smoothing
            smoothBodyRight += (bodyGainRight - smoothBodyRight) * smoothing
            smoothRumble += (rumbleGain - smoothRumble) * smoothing
            smoothDetailLeft += (detailGainLeft - smoothDetailLeft) * smoothing
            smoothDetailRight += (detailGainRight - smoothDetailRight) * smoothing
            smoothRushLeft += (rushGainLeft - smoothRushLeft) * smoothing
            smoothRushRight += (rushGainRight - smoothRushRight) * smoothing

            let pinkLeft = pinks.0.process(noises.0.next())
            let pinkRight = pinks.1.process(noises.1.next())
            var left = bodyFilters.1.process(bodyFilters.0.process(pinkLeft)) * smoothBodyLeft
            var right = bodyFilters.3.process(bodyFilters.2.process(pinkRight)) * smoothBodyRight
            let rumble = rumbleFilter.process(rumbleNoise.next()) * smoothRumble
            left += rumble * 0.8
            right += rumble * 0.8

            var detailLeft = detailFilters.0.process(noises.2.next()) * smoothDetailLeft
            var detailRight = detailFilters.1.process(noises.3.next()) * smoothDetailRight
            if setting == .trees {
                // Leaves flutter: fast random amplitude on each side.
                let l = rustleWander.0.next(), r = rustleWander.1.next()
                detailLeft = leafTops.0.process(detailLeft * (0.2 + 1.6 * l * l))
                detailRight = leafTops.1.process(detailRight * (0.2 + 1.6 * r * r))
            }
            left += detailLeft + detailRight * 0.3
            right += detailRight + detailLeft * 0.3
            if setting == .open {
                left += rushLowPasses.0.process(rushHighPasses.0.process(rushPinks.0.process(noises.2.next())))
                    * smoothRushLeft
                right += rushLowPasses.1.process(rushHighPasses.1.process(rushPinks.1.process(noises.3.next())))
                    * smoothRushRight
            }

            left = dcBlockers.0.process(left) * Wind.outputGain
            right = dcBlockers.1.process(right) * Wind.outputGain
            limiter.process(&left, &right)
            output[2 * frame] = left
            output[2 * frame + 1] = right
        }
    }
}

extension Wind {
    /// The registry's entry for this sound (see `SoundLibrary.builtIn`).
    package static let definition = SoundDefinition(
        name: "wind", variants: Wind.Setting.allCases.map(\.rawValue),
        family: .nature,
        summary: "gusting wind in the open or through trees; intensity: breeze → gale",
        loudness: SoundLoudness(low: -32.8, middle: -27.5, high: -23.3),
        variantLoudness: ["trees": SoundLoudness(low: -32.5, middle: -26.9, high: -22.4)],
        makeSynthesizer: { variant, seed in Wind(setting: Wind.Setting(rawValue: variant) ?? .open, seed: seed) })
}
