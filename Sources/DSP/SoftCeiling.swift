#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last stage of every indoor synthesizer: transparent below 0.6, then a
/// smooth knee that never exceeds 0.88 (−1.1 dBFS).
///
/// The synthesizers are calibrated to stay under the knee; this only catches
/// the rare pile-up of random events (three cups and a chair at once) so the
/// "peaks below −1 dBFS" promise holds for every seed.
package enum SoftCeiling {
    package static let knee: Float = 0.6
    package static let ceiling: Float = 0.88

    @inline(__always)
    package static func apply(_ x: Float) -> Float {
        let magnitude = abs(x)
        if magnitude <= knee { return x }
        let room = ceiling - knee
        let shaped = knee + room * tanhf((magnitude - knee) / room)
        return x < 0 ? -shaped : shaped
    }
}
