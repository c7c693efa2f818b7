/// A mono delay line with a fixed maximum length, allocated once.
/// Used for echoes (thunder), room reflections and for reading one control
/// signal at several lags (wind gusts sweeping across a scene).
public final class DelayLine {
    private let buffer: UnsafeMutablePointer<Float>
    private let mask: Int
    private var writeIndex = 0

    /// A line that can delay by up to `maximumDelaySamples`.
    public init(maximumDelaySamples: Int) {
        var size = 1
        while size <= maximumDelaySamples { size <<= 1 }
        buffer = .allocate(capacity: size)
        buffer.initialize(repeating: 0, count: size)
        mask = size - 1
    }

    deinit { buffer.deallocate() }

    /// Appends one sample.
    @inline(__always)
    public func write(_ value: Float) {
        buffer[writeIndex] = value
        writeIndex = (writeIndex + 1) & mask
    }

    /// The sample written `delay` writes ago (1 = the last one written).
    @inline(__always)
    public func read(delay: Int) -> Float {
        buffer[(writeIndex - delay) & mask]
    }

    /// The value `delay` writes ago with linear interpolation between samples.
    @inline(__always)
    public func read(fractionalDelay delay: Float) -> Float {
        let whole = Int(delay)
        let fraction = delay - Float(whole)
        let a = buffer[(writeIndex - whole) & mask]
        let b = buffer[(writeIndex - whole - 1) & mask]
        return a + (b - a) * fraction
    }
}
