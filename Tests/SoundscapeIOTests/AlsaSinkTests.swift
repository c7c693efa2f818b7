import SoundscapeCore
import Testing

@testable import SoundscapeIO

@Suite struct AlsaSinkTests {
    @Test func testMissingDeviceIsUnavailableAndTheMessageNamesItWithTheHints() {
        #expect {
            _ = try AlsaSink(device: "nosuchdevice")
        } throws: { error in
            guard case SinkError.deviceUnavailable(let device, _) = error else { return false }
            let message = "\(error)"
            return device == "nosuchdevice" && message.contains("'nosuchdevice'") && message.contains("--device")
                && message.contains("--output") && !message.contains("\n")
        }
    }
}
