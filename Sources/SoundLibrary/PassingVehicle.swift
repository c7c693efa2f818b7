import AudioEngine
import DSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One car or truck driving past a listener on a straight road: engine and
/// tyres swell as it comes, sweep across the stereo image and fade away,
/// and the Doppler shift lowers their pitch as it passes.
///
/// The geometry is the real one: the vehicle is at x = v·t along a road
/// whose closest point is `closest` metres away, so its level follows 1/r,
/// its position the angle x/r, and its pitch c/(c + v·x/r). Air absorbs the
/// highs with distance, so far traffic is a dark roar. The engine is a
/// train of firing pulses (25–60 a second, each interval jittered as real
/// combustion is) through the exhaust's low-pass; the tyres are a wide band
/// of noise around a kilohertz. Value type: a sound owns an array of them.
package struct PassingVehicle {
    private static let speedOfSound: Float = 343
    private static let sampleRate = Float(AudioFormat.sampleRate)
    /// Geometry and filters are updated every this many samples.
    private static let controlInterval = 32

    /// Whether the vehicle is still within earshot.
    package private(set) var isPassing = false
    private var seconds: Float = 0
    private var endSeconds: Float = 0
    private var speed: Float = 10
    private var closest: Float = 5
    private var direction: Float = 1
    private var loudness: Float = 0
    private var engineShare: Float = 0.5
    private var firingHertz: Float = 30
    private var tyreHertz: Float = 900
    private var enginePhase: Float = 0
    private var pink = KelletPinkNoise()
    private var exhaust = Biquad()
    private var tyreBand = Biquad()
    private var air = Biquad()
    private var gains: (left: Float, right: Float) = (0, 0)
    private var doppler: Float = 1
    private var framesUntilControl = 0

    package init() {}

    /// Starts a vehicle `closest` metres away at its nearest, `secondsBefore`
    /// seconds before it gets there; `loudness` scales it (a truck is louder
    /// than a scooter); it stops being heard `secondsAfter` seconds past.
    package mutating func start(
        random: inout Random, closest: Float, secondsBefore: Float, secondsAfter: Float, loudness: Float
    ) {
        isPassing = true
        self.closest = closest
        seconds = -secondsBefore
        endSeconds = secondsAfter
        speed = random.uniform(7...17)
        direction = random.unit() < 0.5 ? -1 : 1
        self.loudness = loudness
        let isHeavy = random.unit() < 0.15
        engineShare = isHeavy ? random.uniform(0.6...0.8) : random.uniform(0.25...0.5)
        firingHertz = isHeavy ? random.uniform(22...32) : random.uniform(30...60)
        tyreHertz = random.uniform(700...1_300)
        exhaust.set(.lowPass, frequency: isHeavy ? random.uniform(120...200) : random.uniform(180...320), q: 1.1)
        framesUntilControl = 0
    }

    /// The next stereo sample.
    @inline(__always)
    package mutating func next(_ random: inout Random) -> (left: Float, right: Float) {
        if framesUntilControl == 0 { updateGeometry() }
        framesUntilControl -= 1
        enginePhase += firingHertz * doppler / Self.sampleRate
        var pulse: Float = 0
        if enginePhase >= 1 {
            // Each firing comes a little early or late.
            enginePhase -= 1 + 0.12 * random.bipolar()
            pulse = 1
        }
        let white = random.bipolar()
        let engine = exhaust.process(pulse * 4 + white * 0.3) * engineShare
        let tyres = tyreBand.process(pink.process(white)) * (1 - engineShare) * 2.2
        let sample = air.process(engine + tyres)
        return (sample * gains.left, sample * gains.right)
    }

    private mutating func updateGeometry() {
        framesUntilControl = Self.controlInterval
        seconds += Float(Self.controlInterval) / Self.sampleRate
        if seconds > endSeconds { isPassing = false }
        let along = speed * seconds
        let distance = (closest * closest + along * along).squareRoot()
        // Receding (along > 0) lowers the pitch; approaching raises it.
        doppler = Self.speedOfSound / (Self.speedOfSound + speed * along / distance)
        tyreBand.set(.bandPass, frequency: tyreHertz * doppler, q: 0.55)
        // Air absorption and ground effect: the farther, the darker.
        air.set(.lowPass, frequency: 18_000 / (1 + distance / 25), q: 0.6)
        let level = loudness * min(4 / distance, 1)
        let pan = StereoPan.gains(direction * along / distance)
        gains = (level * pan.left, level * pan.right)
    }
}
