import DSP
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One wave breaking on a beach: roar, crash, wash-back. Owned by `Waves`;
/// `start` re-arms it without allocating.
package struct Breaker {
    private var roarWhite: WhiteNoise
    private var roarPink = KelletPinkNoise()
    private var hissWhite: WhiteNoise
    private var roarFilters = (Biquad(), Biquad())
    private var crashFilter = Biquad(.bandPass, frequency: 3000, q: 0.6)
    private var hissFilters = (Biquad(), Biquad())
    private(set) var isSounding = false
    private var age = 0
    private var riseSeconds: Float = 3
    private var washSeconds: Float = 4
    private var size: Float = 1
    private var panFrom: Float = 0
    private var panTo: Float = 0
    private var roarGain: Float = 0
    private var crashGain: Float = 0
    private var hissGain: Float = 0
    private var currentPan: Float = 0
    private var gains: (left: Float, right: Float) = (0.7, 0.7)
    private var fizz: Float = 0
    private static let sampleRate = Float(AudioFormat.sampleRate)
    private static let controlInterval = 64

    package init(seed: UInt64) {
        var seeds = Random(seed: seed)
        roarWhite = WhiteNoise(seed: seeds.childSeed())
        hissWhite = WhiteNoise(seed: seeds.childSeed())
    }

    /// Arms a wave of `size` (≈0.4…1.5) lasting about `periodSeconds`.
    package mutating func start(periodSeconds: Float, size: Float, panFrom: Float, panTo: Float, intensity: Float) {
        isSounding = true
        age = 0
        self.size = size
        // The wave builds for ≈40% of the period, then drains.
        riseSeconds = periodSeconds * (0.35 + 0.1 * intensity)
        washSeconds = periodSeconds * (0.55 + 0.15 * intensity)
        self.panFrom = panFrom
        self.panTo = panTo
    }

    /// Pan position now (for the fizz the owner adds).
    package var pan: Float { currentPan }

    /// The next stereo frame, with the current rate of fizzing bubbles per second.
    @inline(__always)
    package mutating func next() -> (left: Float, right: Float, fizzRate: Float, pan: Float) {
        if age % Breaker.controlInterval == 0 { updateControls() }
        age += 1
        let roar = roarFilters.1.process(roarFilters.0.process(roarPink.process(roarWhite.next()))) * roarGain
        let white = hissWhite.next()
        let crash = crashFilter.process(white) * crashGain
        let hiss = hissFilters.1.process(hissFilters.0.process(white)) * hissGain
        let mono = roar + crash + hiss
        return (mono * gains.left, mono * gains.right, fizz, currentPan)
    }

    private mutating func updateControls() {
        let t = Float(age) / Breaker.sampleRate
        let x = t / riseSeconds
        // Roar: builds smoothly to the break, then dies within a second or two.
        var roar: Float
        if x < 1 {
            let s = x * x * (3 - 2 * x)
            roar = s * (0.3 + 0.7 * s)
        } else {
            roar = expf(-(t - riseSeconds) / (0.6 + 0.6 * size))
        }
        // Crash: the break itself, a burst of foam noise.
        let sinceBreak = t - riseSeconds
        let crash: Float = sinceBreak > -0.15 ? expf(-max(0, sinceBreak) / 0.45) * min(1, (sinceBreak + 0.15) / 0.15) : 0
        // Wash-back: water sliding down the sand; it fades as the wave drains.
        var wash: Float = 0
        if sinceBreak > 0 {
            let w = sinceBreak / washSeconds
            wash = min(1, sinceBreak / 0.4) * max(0, 1 - w) * max(0, 1 - w) * (1 - 0.3 * w)
        }
        // Brightness: a dull rumble far out, opening up as the lip curls over.
        let roarCutoff = 180 + 1500 * roar * (0.5 + 0.5 * size)
        roarFilters.0.set(.lowPass, frequency: roarCutoff, q: 0.7)
        roarFilters.1.set(.highPass, frequency: 40, q: 0.7)
        // The wash thins out (higher, narrower) as the last water drains away.
        hissFilters.0.set(.highPass, frequency: 1800 + 2500 * (1 - wash), q: 0.6)
        hissFilters.1.set(.lowPass, frequency: 6000 + 3000 * wash, q: 0.6)
        roarGain = 1.1 * size * roar
        // The spray of the break and the wash carry real surf's 2–4 kHz.
        crashGain = 0.7 * size * crash
        hissGain = 0.3 * size * wash
        fizz = sinceBreak > 0.2 ? 900 * size * wash : 0
        // The break travels along the shore.
        let progress = min(1, t / (riseSeconds + 0.5 * washSeconds))
        currentPan = panFrom + (panTo - panFrom) * progress
        gains = StereoPan.gains(currentPan)
        if sinceBreak > washSeconds { isSounding = false }
    }
}
