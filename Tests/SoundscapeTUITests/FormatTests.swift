import Foundation
import Testing

@testable import SoundscapeTUI

/// The screen's numbers are written by hand (cheaper than Foundation's formatter ten times
/// a second); they must read exactly as `%.Nf` would write them.
@Suite struct FormatTests {
    @Test func testFixedPointNumbersReadAsPrintfWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, 1, 0.005, 0.125, 0.375, 0.999, 0.995, 2.5, 99.95, 100, -0.004, -1.25, 12.345]
        for _ in 0..<2_000 { values.append(Double.random(in: -200...200, using: &generator)) }
        for step in 0...1_000 { values.append(Double(step) / 1_000) }
        for value in values {
            for decimals in 0...3 {
                #expect(
                    Format.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
                    "\(value) with \(decimals) decimals")
            }
        }
    }

    @Test func testFractionsShowTwoDecimalsClampedToTheControlsRange() {
        #expect(Format.fraction(0.456) == "0.46")
        #expect(Format.fraction(0.05) == String(format: "%.2f", Float(0.05)))
        #expect(Format.fraction(1.7) == "1.00")
        #expect(Format.fraction(-0.2) == "0.00")
    }
}
