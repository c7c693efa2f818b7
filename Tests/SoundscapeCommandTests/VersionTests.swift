import Foundation
import Testing

@testable import soundscape

/// The version is written once (`SoundscapeVersion`) and every place that shows it reads it from there.
@Suite struct VersionTests {
    @Test func testTheVersionIsThreeDottedNumbers() {
        let parts = SoundscapeVersion.current.split(separator: ".", omittingEmptySubsequences: false)
        #expect(
            parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) },
            "\(SoundscapeVersion.current)")
    }

    @Test func testVersionAndHelpShowTheOneVersion() {
        #expect(Soundscape.configuration.version == SoundscapeVersion.current)
        #expect(Soundscape.configuration.abstract.contains("version \(SoundscapeVersion.current)"))
    }

    @Test func testBenchReportsCarryTheVersionThatMeasured() throws {
        let report = BenchReport()
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
        #expect(object?["version"] as? String == SoundscapeVersion.current, "\(report.json)")
        #expect(report.text.hasPrefix("soundscape \(SoundscapeVersion.current)\n"), "\(report.text)")
    }
}
