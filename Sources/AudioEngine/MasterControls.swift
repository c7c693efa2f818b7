import Synchronization

/// The mix-wide controls and readings.
struct MasterControls: ~Copyable {
    /// Target master gain (the master fader through the fader curve).
    let gain = AtomicFloat(0)
    /// Whether the user paused; the mixer fades to silence and stops reading rings.
    let paused = Atomic<Bool>(false)
    /// Fade length in frames requested by `stop(fadeSeconds:)`; −1 while no stop was asked for.
    let stopFadeFrames = Atomic<Int>(-1)
    /// The played frame at which the timer's fade begins; −1 without a timer.
    /// Stored after `timerFadeFrames`, with release, so the pair is read whole.
    let timerFadeStartFrame = Atomic<Int>(-1)
    /// Length of the timer's fade in frames.
    let timerFadeFrames = Atomic<Int>(0)
    /// Frames of playback mixed so far, not counting time spent paused (written by the mixer).
    let playedFrames = Atomic<Int>(0)
    /// Set by the control side to end the period loop at once, without a fade (`Engine.close()`).
    let closeRequested = Atomic<Bool>(false)
    /// Set by the mixer once a stop or timer fade has reached silence.
    let stopped = Atomic<Bool>(false)
    /// Short-term (3 s) K-weighted energy of the mix after the master stage (written by the mixer).
    let shortTermEnergy = AtomicFloat(0)
    /// Recent peak of the mix, 0…1 (written by the mixer).
    let peak = AtomicFloat(0)
    /// Periods in which some layer ring ran dry, summed over layers (written by the mixer).
    let underruns = Atomic<Int>(0)
}

/// Maps fader positions (weights, the master) to linear gain.
///
