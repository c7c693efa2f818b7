/// One channel of band-limited noise: white or pink noise between two
/// 24 dB/octave edges (two high-passes, two low-passes).
///
/// Water, wind, snow and leaves are all noise in a band whose edges and level
/// move; the moving is the sound's own business, the band is this. Retuning
/// keeps the filter state, so a sweep never clicks. Value type,
/// allocation-free.
public struct NoiseBand: Sendable {
    /// The noise fed to the band.
    public enum Colour: Sendable {
        case white, pink
    }

    private var white: WhiteNoise
    private var pink = KelletPinkNoise()
    private let colour: Colour
    private var highPasses = (Biquad(), Biquad())
    private var lowPasses = (Biquad(), Biquad())

    /// Noise of `colour` between `lowHertz` and `highHertz`.
    public init(seed: UInt64, colour: Colour, lowHertz: Float, highHertz: Float) {
        white = WhiteNoise(seed: seed)
        self.colour = colour
        retune(lowHertz: lowHertz, highHertz: highHertz)
    }

    /// Moves the band's edges.
    @inline(__always)
    public mutating func retune(lowHertz: Float, highHertz: Float) {
        highPasses.0.set(.highPass, frequency: lowHertz)
        highPasses.1.set(.highPass, frequency: lowHertz)
        lowPasses.0.set(.lowPass, frequency: highHertz)
        lowPasses.1.set(.lowPass, frequency: highHertz)
    }

    /// The next sample.
    @inline(__always)
    public mutating func next() -> Float {
        var x = white.next()
        if colour == .pink { x = pink.process(x) }
        return lowPasses.1.process(lowPasses.0.process(highPasses.1.process(highPasses.0.process(x))))
    }
}
