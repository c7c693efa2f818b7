import ArgumentParser
import AudioEngine
import DSP
import SoundscapeIO

/// `--device` and `--latency` for the commands that play in real time, over the configuration.
struct DeviceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The ALSA device to play on (`aplay -L` lists them); 'null' discards the audio, paced like a device. Default: the configuration's 'device', else 'default'.",
            valueName: "name"))
    var device: String?

    @Option(
        help: ArgumentHelp(
            "Output latency (the device buffer) in milliseconds, 10–2000; periods are a third of it, at most 40 ms. A weight or intensity change is heard within this long. Default: the configuration's 'latency_milliseconds', else 120.",
            valueName: "ms"))
    var latency: Double?

    @Flag(
        name: .customLong("no-reconnect"),
        help: ArgumentHelp(
            "When the device or sound server goes away, stop with status 2 instead of waiting for it to come back."
        ))
    var noReconnect = false

    func validate() throws {
        if let latency, !(latency.isFinite && (10...2000).contains(latency)) {
            throw ValidationError("--latency must be between 10 and 2000 milliseconds, not \(latency)")
        }
    }

    /// The device to open: the option, else the configuration, else ALSA's default.
    var deviceName: String { device ?? ConfigSetup.current.device ?? AlsaSink.defaultDevice }

    /// The latency to ask for: the option, else the configuration, else the sink's default (nil).
    var latencyMilliseconds: Double? { latency ?? ConfigSetup.current.latencyMilliseconds }

    /// Opens the device; `null` is a paced null sink whose pretend buffer is the latency.
    /// Unless `--no-reconnect`, a device that goes away is waited for, and `onDeviceEvent`
    /// is told when it goes and when it is back (on a thread of the sink's own).
    func openSink(onDeviceEvent: (@Sendable (DeviceEvent) -> Void)? = nil) throws(SinkError) -> Sink {
        if deviceName == "null" {
            // Periods as a device would have them, so a null device wakes as often as a real one.
            let latency = latencyMilliseconds ?? AlsaSink.defaultLatencyMilliseconds
            let period = AlsaSink.periodMilliseconds(forLatencyMilliseconds: latency)
            let periodFrames = max(1, Int((period * Double(AudioFormat.sampleRate) / 1000).rounded()))
            let periods = max(1, Int((latency / period).rounded()))
            return NullSink(paced: true, periodFrames: periodFrames, periodsPerBuffer: periods)
        }
        return try AlsaSink(
            device: deviceName, latencyMilliseconds: latencyMilliseconds, reconnect: !noReconnect,
            onDeviceEvent: onDeviceEvent)
    }
}
