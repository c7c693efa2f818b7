/// The one format every part of the engine speaks: 48 kHz, interleaved
/// stereo, 32-bit float in −1…1. Sources, rings, the mixer and every sink use
/// it, so nothing converts on the way to the device.
public enum AudioFormat {
    /// Samples per second per channel.
    public static let sampleRate = 48_000
    /// Interleaved channels: left, right.
    public static let channelCount = 2
}
