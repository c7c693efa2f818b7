import DSP
// The audio thread's work, and nothing else.
//
// Contract: everything in this file runs once per period on the real-time
// audio thread (or on the caller's thread in an offline render). It does not
// allocate, lock, log, wait, retain or release: `Mixer` is a struct of plain
// values and raw pointers into memory allocated once, and every function the
// period calls is marked `@_noLocks`, so the compiler rejects any code that
// could break the contract. libm is off limits for the same reason (the
// checker cannot see into C), hence the polynomial sine below.
//
// Per period the mixer reads each playing layer's ring (a dry ring plays
// silence for that layer and is counted, never waited for; after an intensity
// change it crossfades into the ring's fresh take), ramps the layer's
// gain sample by sample towards its target (weights, mutes and solos act
// within one period and never click), applies the layer's crossfade envelope,
// sums, applies master gain, the pause fade and the stop/timer fade, and runs
// a peak limiter so the sum never exceeds −1 dBFS however many layers play.
// Every half second of audio it posts the workers' semaphore so they top the
// rings up (a post neither allocates nor blocks).

/// Mixes the layer rings into one stereo period. Owned by one thread at a time.
struct Mixer {
    /// A gain moves at most this fraction of full scale per second: a full
    /// 0→1 weight step takes 20 ms (two periods), smaller steps less. Linear
    /// ramps make the largest sample-to-sample gain change exactly
    /// `gainStepPerSample`, which the smoothing test holds the mixer to.
    static let gainRampSeconds: Float = 0.02
    /// Layers added or removed by `apply` fade in and out over this long, with
    /// an equal-power (sine) curve so a crossfade between noisy layers keeps its loudness.
    static let crossfadeSeconds: Float = 2
    /// Pause and resume fade over this long: short, but long enough not to click.
    static let pauseFadeSeconds: Float = 0.25
    /// The limiter keeps every sample at or below −1 dBFS.
    static let ceiling: Float = 0.891
    /// After a peak the limiter's gain recovers with this time constant.
    static let limiterReleaseSeconds: Float = 0.15
    /// Meters fall from full scale to nothing in about this long.
    static let meterFallSeconds: Float = 0.5

    /// The largest change of a layer's or the master's gain from one sample to the next.
    static var gainStepPerSample: Float { 1 / (gainRampSeconds * Float(AudioFormat.sampleRate)) }

    // Per-sample steps, computed once in `init`: static constants computed from
    // other files' constants are lazily initialised (a possible lock), which
    // the no-locks check rightly refuses on the audio thread.
    private let gainStep: Float
    private let crossfadeStep: Float
    private let pauseStep: Float
    /// First-order approximation of 1 − e^(−1/(τ·rate)); τ·rate is thousands of samples.
    private let limiterRelease: Float
    private let limiterCeiling: Float
    private let meterFallFrames: Float

    /// The mixer's own memory of one slot.
    private struct Voice {
        var generation: UInt32 = 0
        var isActive = false
        /// Current linear gain, ramping towards the slot's target.
        var gain: Float = 0
        /// Crossfade position, 0 (silent) … 1 (full), shaped by `equalPower`.
        var envelope: Float = 0
        var meter: Float = 0
    }

    /// The most frames one `mix` call may ask for.
    let maximumFrames: Int
    private let slotCount: Int
    private let layers: UnsafeMutablePointer<LayerControls>
    private let rings: UnsafeMutablePointer<LayerRing>
    private let master: UnsafeMutablePointer<MasterControls>
    private let voices: UnsafeMutablePointer<Voice>
    private let scratch: UnsafeMutablePointer<Float>
    /// Where a ring's fresh take is read during a crossfade after an intensity change.
    private let freshScratch: UnsafeMutablePointer<Float>
    /// Length of that crossfade, in samples (`Workers.jumpFadeFrames` frames).
    private let jumpFadeSamples: Int
    /// Posted every `workerWakeFrames` mixed, so the workers top the rings up.
    private let workerWake: WakeSignal
    private let workerWakeFrames: Int
    private var framesSinceWorkerWake = 0

    private var masterGain: Float
    /// Pause position, 1 (playing) … 0 (silent).
    private var pauseLevel: Float = 1
    /// Timer fade position, 1 … 0, shaped by squaring so long fades sound even.
    private var timerLevel: Float = 1
    /// `stop(fadeSeconds:)` fade position, 1 … 0, once a stop was asked for.
    private var stopLevel: Float = 1
    private var limiterGain: Float = 1
    private var masterMeter: Float = 0
    private var loudness = ShortTermLoudness()
    private var playedFrames = 0
    private var isStopped = false

    /// A mixer over `shared`'s slots that mixes at most `maximumFrames` per call.
    /// Allocates its working memory now; call `deallocate()` when done.
    init(shared: SharedControls, maximumFrames: Int) {
        self.maximumFrames = maximumFrames
        slotCount = shared.slotCount
        layers = shared.layers
        rings = shared.rings
        master = shared.master
        voices = .allocate(capacity: slotCount)
        voices.initialize(repeating: Voice(), count: slotCount)
        scratch = .allocate(capacity: maximumFrames * AudioFormat.channelCount)
        scratch.initialize(repeating: 0, count: maximumFrames * AudioFormat.channelCount)
        freshScratch = .allocate(capacity: maximumFrames * AudioFormat.channelCount)
        freshScratch.initialize(repeating: 0, count: maximumFrames * AudioFormat.channelCount)
        jumpFadeSamples = Workers.jumpFadeFrames * AudioFormat.channelCount
        workerWake = shared.workerWake
        workerWakeFrames = Int(Workers.refillSeconds * Double(AudioFormat.sampleRate))
        masterGain = shared.master.pointee.gain.load()
        let rate = Float(AudioFormat.sampleRate)
        gainStep = Self.gainStepPerSample
        crossfadeStep = 1 / (Self.crossfadeSeconds * rate)
        pauseStep = 1 / (Self.pauseFadeSeconds * rate)
        limiterRelease = 1 / (Self.limiterReleaseSeconds * rate)
        limiterCeiling = Self.ceiling
        meterFallFrames = Self.meterFallSeconds * rate
    }

    /// Frees the mixer's working memory.
    func deallocate() {
        voices.deallocate()
        scratch.deallocate()
        freshScratch.deallocate()
        loudness.deallocate()
    }

    /// Writes the next `frameCount` (≤ `maximumFrames`) interleaved stereo frames
    /// into `output`. Returns false once playback has stopped — the period that
    /// finished the fade is the last one with sound; later ones are silence.
    @_noLocks
    mutating func mix(into output: UnsafeMutablePointer<Float>, frameCount requested: Int) -> Bool {
        // The scratch buffer holds `maximumFrames`; never read or write past it.
        let frameCount = Swift.min(Swift.max(requested, 0), maximumFrames)
        let sampleCount = frameCount &* 2
        for i in 0..<sampleCount { output[i] = 0 }
        if isStopped { return false }

        let paused = master.pointee.paused.load(ordering: .relaxed)
        let stopFadeFrames = master.pointee.stopFadeFrames.load(ordering: .relaxed)
        if paused && pauseLevel == 0 {
            // Silent: hold every ring where it is so resuming continues the sound.
            // A stop while paused has nothing left to fade.
            if stopFadeFrames >= 0 { finish() }
            masterMeter = 0
            master.pointee.peak.store(0)
            for slot in 0..<slotCount { layers[slot].peak.store(0) }
            return !isStopped
        }

        for slot in 0..<slotCount {
            mixLayer(slot, into: output, frameCount: frameCount)
        }
        framesSinceWorkerWake &+= frameCount
        if framesSinceWorkerWake >= workerWakeFrames {
            // The rings have drained by the refill amount: wake a worker to top them up.
            // Posting a semaphore neither allocates nor blocks (see `WakeSignal`).
            framesSinceWorkerWake = 0
            _unsafePerformance { workerWake.post() }
        }
        applyMasterStage(to: output, frameCount: frameCount, paused: paused, stopFadeFrames: stopFadeFrames)
        loudness.measure(output, frameCount: frameCount)
        master.pointee.shortTermEnergy.store(Float(loudness.energy))
        return !isStopped
    }

    /// Adds one slot's period to `output`, if the slot is playing or fading out.
    @_noLocks
    private mutating func mixLayer(_ slot: Int, into output: UnsafeMutablePointer<Float>, frameCount: Int) {
        let controls = layers + slot
        let state = controls.pointee.loadState()
        let isFadingOut: Bool
        switch state {
        case .playing: isFadingOut = false
        case .fadingOut: isFadingOut = true
        case .free, .priming, .retired:
            voices[slot].isActive = false
            return
        }
        var voice = voices[slot]
        let target = controls.pointee.gain.load()
        let generation = controls.pointee.generation.load(ordering: .acquiring)
        if !voice.isActive || voice.generation != generation {
            // A new layer: start silent and fade in from here.
            voice = Voice(generation: generation, isActive: true, gain: target, envelope: 0, meter: 0)
        }
        let sampleCount = frameCount &* 2
        // Crosses into a fresh take when the workers re-rendered the ring after an intensity change.
        let got = rings[slot].read(into: scratch, count: sampleCount, spare: freshScratch, fadeSamples: jumpFadeSamples)
        if got < sampleCount {
            for i in got..<sampleCount { scratch[i] = 0 }
            controls.pointee.underruns.wrappingAdd(1, ordering: .relaxed)
            master.pointee.underruns.wrappingAdd(1, ordering: .relaxed)
        }

        let envelopeTarget: Float = isFadingOut ? 0 : 1
        var peak: Float = 0
        if voice.gain == target && voice.envelope == envelopeTarget {
            // Steady gain, the common case: one multiply-add per sample and a
            // peak kept as an integer maximum, which the compiler vectorises.
            let g = voice.gain * Self.equalPower(voice.envelope)
            if g != 0 {
                var peakBits: UInt32 = 0
                for i in 0..<sampleCount {
                    let value = scratch[i] * g
                    output[i] += value
                    peakBits = Swift.max(peakBits, Self.magnitudeBits(value))
                }
                peak = Float(bitPattern: peakBits)
            }
        } else {
            var gain = voice.gain
            var envelope = voice.envelope
            for i in 0..<frameCount {
                gain = Self.ramp(gain, towards: target, step: gainStep)
                envelope = Self.ramp(envelope, towards: envelopeTarget, step: crossfadeStep)
                let g = gain * Self.equalPower(envelope)
                let left = scratch[2 &* i] * g
                let right = scratch[2 &* i &+ 1] * g
                output[2 &* i] += left
                output[2 &* i &+ 1] += right
                peak = Swift.max(peak, Swift.max(abs(left), abs(right)))
            }
            voice.gain = gain
            voice.envelope = envelope
        }
        voice.meter = Swift.max(peak, voice.meter * meterDecay(frameCount))
        controls.pointee.peak.store(voice.meter)
        if isFadingOut && voice.envelope == 0 {
            controls.pointee.transition(from: .fadingOut, to: .retired)
            voice.isActive = false
        }
        voices[slot] = voice
    }

    /// Master gain, pause, stop and timer fades, the limiter and the master meter.
    @_noLocks
    private mutating func applyMasterStage(
        to output: UnsafeMutablePointer<Float>, frameCount: Int, paused: Bool, stopFadeFrames: Int
    ) {
        let masterTarget = master.pointee.gain.load()
        let pauseTarget: Float = paused ? 0 : 1
        let timerStart = master.pointee.timerFadeStartFrame.load(ordering: .acquiring)
        let timerFrames = Swift.max(master.pointee.timerFadeFrames.load(ordering: .relaxed), 1)
        let stopStep: Float = stopFadeFrames < 0 ? 0 : (stopFadeFrames == 0 ? 1 : 1 / Float(stopFadeFrames))
        let steady =
            masterGain == masterTarget && !paused && pauseLevel == 1 && timerLevel == 1 && stopStep == 0
            && stopLevel == 1 && limiterGain == 1 && (timerStart < 0 || playedFrames &+ frameCount <= timerStart)
        if steady && applySteadyMasterGain(to: output, sampleCount: frameCount &* 2) {
            finishMasterStage(frameCount: frameCount)
            return
        }
        var peak: Float = 0
        for i in 0..<frameCount {
            masterGain = Self.ramp(masterGain, towards: masterTarget, step: gainStep)
            pauseLevel = Self.ramp(pauseLevel, towards: pauseTarget, step: pauseStep)
            // The timer's level follows its schedule down exactly; if the timer
            // is cancelled or moved later, it comes back up at the pause speed.
            var scheduled: Float = 1
            if timerStart >= 0 && playedFrames &+ i >= timerStart {
                scheduled = Swift.max(0, 1 - Float(playedFrames &+ i &- timerStart) / Float(timerFrames))
            }
            timerLevel = Swift.min(scheduled, timerLevel + pauseStep)
            stopLevel = Swift.max(0, stopLevel - stopStep)
            let fade = Swift.min(timerLevel, stopLevel)
            let gain = masterGain * Self.equalPower(pauseLevel) * fade * fade

            var left = output[2 &* i] * gain
            var right = output[2 &* i &+ 1] * gain
            let level = Swift.max(abs(left), abs(right))
            if !(level < .infinity) {
                // A broken source (NaN, infinity) must not reach the speakers.
                left = 0
                right = 0
            } else if level * limiterGain > limiterCeiling {
                limiterGain = limiterCeiling / level
            }
            left *= limiterGain
            right *= limiterGain
            limiterGain += (1 - limiterGain) * limiterRelease
            output[2 &* i] = left
            output[2 &* i &+ 1] = right
            peak = Swift.max(peak, Swift.max(abs(left), abs(right)))
        }
        // The release approaches 1 but in Float arithmetic stalls a hair below it;
        // snap the last 0.001 dB so steady playback takes the fast path again.
        if limiterGain > Self.limiterSnap { limiterGain = 1 }
        masterMeter = Swift.max(peak, masterMeter * meterDecay(frameCount))
        finishMasterStage(frameCount: frameCount)
    }

    /// A limiter gain this close to 1 (−0.001 dB) counts as 1.
    private static let limiterSnap: Float = 0.9999

    /// The master stage while nothing moves (gain at its target, no pause,
    /// fade or limiting): one multiply per sample. Returns false, changing
    /// nothing, when the period would need limiting or holds NaN or infinity;
    /// the per-sample stage then handles it.
    @_noLocks
    private mutating func applySteadyMasterGain(to output: UnsafeMutablePointer<Float>, sampleCount: Int) -> Bool {
        var inputBits: UInt32 = 0
        for i in 0..<sampleCount { inputBits = Swift.max(inputBits, Self.magnitudeBits(output[i])) }
        // NaN and infinity have the largest magnitude bits, so they fail this test too.
        let loudest = Float(bitPattern: inputBits) * masterGain
        guard loudest <= limiterCeiling else { return false }
        let gain = masterGain
        for i in 0..<sampleCount { output[i] *= gain }
        masterMeter = Swift.max(loudest, masterMeter * meterDecay(sampleCount / 2))
        return true
    }

    @_noLocks
    private mutating func finishMasterStage(frameCount: Int) {
        playedFrames &+= frameCount
        master.pointee.playedFrames.store(playedFrames, ordering: .relaxed)
        master.pointee.peak.store(masterMeter)
        if timerLevel == 0 || stopLevel == 0 { finish() }
    }

    /// |x| as its bit pattern: for every number (not NaN) the order of these
    /// integers is the order of the magnitudes, and an integer maximum
    /// vectorises where a Float one (NaN rules) does not.
    @_noLocks
    @inline(__always)
    private static func magnitudeBits(_ x: Float) -> UInt32 {
        x.bitPattern & 0x7fff_ffff
    }

    /// Whether a pause has faded all the way to silence: periods now are silence.
    var isPausedInSilence: Bool {
        @_noLocks get { pauseLevel == 0 && master.pointee.paused.load(ordering: .relaxed) }
    }

    /// After a gap in the output (the device went away and came back): start the next
    /// period from silence and come up over the pause fade, so playing on never clicks.
    @_noLocks
    mutating func fadeInAfterGap() {
        pauseLevel = 0
    }

    @_noLocks
    private mutating func finish() {
        isStopped = true
        master.pointee.stopped.store(true, ordering: .releasing)
    }

    /// Moves `value` towards `target` by at most `step`.
    @_noLocks
    @inline(__always)
    private static func ramp(_ value: Float, towards target: Float, step: Float) -> Float {
        let difference = target - value
        if difference > step { return value + step }
        if difference < -step { return value - step }
        return target
    }

    /// sin(p·π/2) for p in 0…1: the equal-power fade curve. A Taylor series to
    /// x⁹ (error below 4·10⁻⁶), because `sinf` is a C call the no-locks check
    /// cannot vouch for.
    @_noLocks
    @inline(__always)
    static func equalPower(_ position: Float) -> Float {
        if position >= 1 { return 1 }
        if position <= 0 { return 0 }
        let x = position * (Float.pi / 2)
        let x2 = x * x
        return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72))))
    }

    @_noLocks
    @inline(__always)
    private func meterDecay(_ frameCount: Int) -> Float {
        Swift.max(0, 1 - Float(frameCount) / meterFallFrames)
    }
}
