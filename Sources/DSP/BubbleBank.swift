#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pool of ringing, chirping resonators: the sound of bubbles, drops,
/// pops and plinks.
///
/// Each voice is a sine whose amplitude decays exponentially while its
/// frequency rises linearly, the shape van den Doel measured for a bubble
/// formed by a drop hitting water (Minnaert resonance). Storage is allocated
/// once; triggering and rendering never allocate. When the pool is full the
/// quietest voice gives way, so a downpour degrades gracefully.
public final class BubbleBank {
    private let capacity: Int
    private var activeCount = 0
    private let phase: UnsafeMutablePointer<Float>
    private let increment: UnsafeMutablePointer<Float>
    private let incrementSlope: UnsafeMutablePointer<Float>
    private let amplitude: UnsafeMutablePointer<Float>
    private let decay: UnsafeMutablePointer<Float>
    private let gainLeft: UnsafeMutablePointer<Float>
    private let gainRight: UnsafeMutablePointer<Float>
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// Voices below this amplitude are retired.
    private let silence: Float

    /// A pool of at most `capacity` simultaneous voices; a voice is retired
    /// once it decays below `silenceThreshold` (−80 dB re a 1 mm drop by default;
    /// dense sounds can retire earlier and stay cheap).
    public init(capacity: Int, silenceThreshold: Float = 1e-4) {
        self.capacity = capacity
        silence = silenceThreshold
        phase = .allocate(capacity: capacity)
        increment = .allocate(capacity: capacity)
        incrementSlope = .allocate(capacity: capacity)
        amplitude = .allocate(capacity: capacity)
        decay = .allocate(capacity: capacity)
        gainLeft = .allocate(capacity: capacity)
        gainRight = .allocate(capacity: capacity)
    }

    deinit {
        for pointer in [phase, increment, incrementSlope, amplitude, decay, gainLeft, gainRight] {
            pointer.deallocate()
        }
    }

    /// Voices currently ringing.
    public var activeVoices: Int { activeCount }

    /// Starts one resonator.
    /// - Parameters:
    ///   - frequency: starting frequency in Hz.
    ///   - dampingPerSecond: amplitude decays as e^(−damping·t).
    ///   - chirpPerSecond: relative rise of frequency per second, f(t) = f·(1 + chirp·t).
    ///   - amplitude: peak amplitude.
    ///   - pan: −1 (left) … 1 (right), equal power.
    public func trigger(frequency: Float, dampingPerSecond: Float, chirpPerSecond: Float, amplitude peak: Float, pan: Float) {
        let nyquistGuard: Float = 0.45 * BubbleBank.sampleRate
        guard frequency > 20, frequency < nyquistGuard, peak > silence else { return }
        var slot = activeCount
        if activeCount == capacity {
            // Replace the quietest voice: it is the one least missed.
            slot = 0
            for i in 1..<capacity where amplitude[i] < amplitude[slot] { slot = i }
            if amplitude[slot] > peak { return }
        } else {
            activeCount += 1
        }
        let angle = (min(max(pan, -1), 1) + 1) * Float.pi / 4
        phase[slot] = 0
        increment[slot] = frequency / BubbleBank.sampleRate
        incrementSlope[slot] = frequency * chirpPerSecond / (BubbleBank.sampleRate * BubbleBank.sampleRate)
        amplitude[slot] = peak
        decay[slot] = expf(-dampingPerSecond / BubbleBank.sampleRate)
        gainLeft[slot] = cosf(angle)
        gainRight[slot] = sinf(angle)
    }

    /// Starts a Minnaert bubble of `radiusMetres` (van den Doel's model):
    /// f0 = 3/R Hz, damping 0.043·f0 + 0.0014·f0^1.5 per second, frequency
    /// rising as f0·(1 + 0.075·damping·t), amplitude ∝ R^1.5 (1 at R = 1 mm),
    /// scaled by `gain`.
    public func triggerBubble(radiusMetres radius: Float, gain: Float, pan: Float, chirpScale: Float = 1) {
        let f0 = 3 / radius
        let damping = 0.043 * f0 + 0.0014 * f0 * f0.squareRoot()
        let size = radius / 0.001
        trigger(
            frequency: f0, dampingPerSecond: damping, chirpPerSecond: 0.075 * damping * chirpScale,
            amplitude: gain * size * size.squareRoot(), pan: pan)
    }

    /// The next stereo frame of all voices summed; retires finished voices.
    @inline(__always)
    public func nextFrame() -> (left: Float, right: Float) {
        var left: Float = 0
        var right: Float = 0
        var i = 0
        while i < activeCount {
            let value = amplitude[i] * FastSine.value(atCycle: phase[i])
            left += value * gainLeft[i]
            right += value * gainRight[i]
            var p = phase[i] + increment[i]
            if p >= 1 { p -= 1 }
            phase[i] = p
            increment[i] = min(increment[i] + incrementSlope[i], 0.45)
            amplitude[i] *= decay[i]
            if amplitude[i] < silence {
                activeCount -= 1
                phase[i] = phase[activeCount]
                increment[i] = increment[activeCount]
                incrementSlope[i] = incrementSlope[activeCount]
                amplitude[i] = amplitude[activeCount]
                decay[i] = decay[activeCount]
                gainLeft[i] = gainLeft[activeCount]
                gainRight[i] = gainRight[activeCount]
            } else {
                i += 1
            }
        }
        return (left, right)
    }
}
