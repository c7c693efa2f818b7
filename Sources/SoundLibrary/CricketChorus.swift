import DSP
/// The far chorus of a summer night: dozens of crickets too distant to tell
/// apart, heard as one continuous band near 4 kHz that throbs at their
/// pulse rates and swells and fades as groups fall in and out of step.
/// Real night recordings show this band under every near chirp; without it
/// the near crickets sit on silence and read as a few steady tones.
/// Owned by `Crickets`.
package struct CricketChorus {
    private var noise: WhiteNoise
    /// A real night's far chorus spans ≈4.2–5.8 kHz (Sounds/crickets): dozens of
    /// pitches, no one of them standing out. A narrower band reads as one held tone.
    private var bands = (
        Biquad(.bandPass, frequency: 4400, q: 3), Biquad(.bandPass, frequency: 4900, q: 3),
        Biquad(.lowPass, frequency: 5000), Biquad(.lowPass, frequency: 5000)
    )
    private var swell: SlowRandomWalk
    private var rateWander: SlowRandomWalk
    private var throbPhases: (Float, Float) = (0, 0.37)

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        noise = WhiteNoise(seed: seeds.childSeed())
        swell = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 2.5, glideSeconds: 0.8)
        rateWander = SlowRandomWalk(seed: seeds.childSeed(), meanIntervalSeconds: 1.5, glideSeconds: 0.5)
    }

    /// The next mono sample at unit scale (RMS ≈ 0.1 at full swell).
    @inline(__always)
    package mutating func next() -> Float {
        // Two loose groups pulsing at ≈38 and ≈53 Hz, never locked together.
        let wander = rateWander.next()
        throbPhases.0 += (34 + 8 * wander) / Float(AudioFormat.sampleRate)
        throbPhases.1 += (50 + 6 * wander) / Float(AudioFormat.sampleRate)
        if throbPhases.0 >= 1 { throbPhases.0 -= 1 }
        if throbPhases.1 >= 1 { throbPhases.1 -= 1 }
        // Sharp pulses (sin⁴(πφ), one per cycle, every 18–30 ms like the near crickets'
        // own): a real far chorus throbs hard at its pulse rate (its 2 ms envelope above
        // 3 kHz swings by 60 % of its mean, Sounds/crickets); it is no steady hiss.
        let first = FastSine.value(atCycle: 0.5 * throbPhases.0) * FastSine.value(atCycle: 0.5 * throbPhases.0)
        let second = FastSine.value(atCycle: 0.5 * throbPhases.1) * FastSine.value(atCycle: 0.5 * throbPhases.1)
        let throb = 0.05 + 1.2 * first * first + 0.3 * second * second
        let band = bands.3.process(bands.2.process(bands.1.process(bands.0.process(noise.next()))))
        return 0.7 * band * throb * (0.45 + 0.55 * swell.next())
    }
}
