#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Equal-power panning: a source keeps its loudness as it moves across.
public enum StereoPan {
    /// Left and right gains for `position` −1 (left) … 1 (right); each is
    /// 0.707 in the centre.
    @inline(__always)
    public static func gains(_ position: Float) -> (left: Float, right: Float) {
        let angle = (min(max(position, -1), 1) + 1) * Float.pi / 4
        return (cosf(angle), sinf(angle))
    }
}
