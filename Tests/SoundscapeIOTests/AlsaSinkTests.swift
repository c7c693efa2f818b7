import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import SoundscapeIO
@testable import AudioEngine

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

    /// A busy device cannot be made on a machine without sound hardware: every PCM here is a
    /// user-space plugin (pulse, null, file), none of them exclusive, and dmix/dshare need a
    /// kernel card. So the mapping from snd_pcm_open's EBUSY to the message is tested alone.
    @Test func testBusyDeviceSaysAnotherProgramHoldsItAndHowToChooseAnother() {
        let error = AlsaSink.openError(-EBUSY, device: "hw:0,0")
        #expect(error == .deviceBusy(device: "hw:0,0"))
        let message = "\(error)"
        #expect(message.contains("'hw:0,0'") && message.contains("busy") && message.contains("another program"))
        #expect(message.contains("--device") && message.contains("--output") && !message.contains("\n"))
    }

    @Test func testOtherOpenErrorsSayTheDeviceIsUnavailableInALSAsWords() {
        #expect(AlsaSink.openError(-ENOENT, device: "x") == .deviceUnavailable(device: "x", reason: "no such device"))
        guard case .deviceUnavailable(_, let reason) = AlsaSink.openError(-ECONNREFUSED, device: "pulse") else {
            Issue.record("ECONNREFUSED is not reported as unavailable")
            return
        }
        #expect(reason == "Connection refused")
    }
}
