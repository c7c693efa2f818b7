import Foundation
import Testing

/// The mixer outside a terminal: a clear error, not a garbled screen.
@Suite struct MixerWithoutTerminalTests {
    @Test func testMixerInAPipeSaysItNeedsATerminal() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(binary, ["rain", "--device", "null"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("needs a terminal") == true)
        #expect(result.errorLines.first?.contains("soundscape play") == true)
    }

    @Test func testNonsenseTimeScaleIsRefused() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let result = try SoundscapeBinary.run(
            "/usr/bin/env", ["SOUNDSCAPE_TIME_SCALE=fast", binary, "rain", "--device", "null"])
        #expect(result.status == 64)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("SOUNDSCAPE_TIME_SCALE='fast'") == true)
    }
}
