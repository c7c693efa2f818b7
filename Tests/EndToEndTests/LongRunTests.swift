import CSndfile
@testable import DSP
import Foundation
import Testing

/// A long offline render keeps its memory flat and its loudness steady: what an
/// eight-hour sleep render needs. CI renders `SOUNDSCAPE_LONG_RUN_MINUTES` (default 10)
/// minutes; the figure for hours is measured by hand with the same test, e.g.
/// `SOUNDSCAPE_LONG_RUN_MINUTES=480 swift test -c release --skip-build --filter LongRun`.
@Suite struct LongRunTests {
    static let minutes = ProcessInfo.processInfo.environment["SOUNDSCAPE_LONG_RUN_MINUTES"].flatMap(Double.init) ?? 10

    @Test func testLongRenderHasFlatMemoryAndNoLoudnessDrift() throws {
        guard let binary = SoundscapeBinary.path() else { return }
        let directory = SoundscapeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.flac").path
        let minutes = LongRunTests.minutes

        // Train the sounds' models first (they are cached), so the long run samples rendering alone.
        let warmUp = try SoundscapeBinary.run(
            binary, ["render", "rain on a window, brown noise", "--duration", "1", "--output", directory.path + "/warm.wav"])
        #expect(warmUp.status == 0, "stderr: \(warmUp.standardError)")
        let started = try SoundscapeBinary.start(
            binary, ["render", "rain on a window, brown noise", "--duration", "\(Int(minutes))m", "--output", path, "--seed", "8"])
        // Resident memory of the renderer, sampled as it runs.
        var residentKilobytes: [Int] = []
        while started.0.isRunning {
            if let kilobytes = LongRunTests.residentKilobytes(of: started.0.processIdentifier) { residentKilobytes.append(kilobytes) }
            usleep(20_000)
        }
        let result = SoundscapeBinary.finish(started)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        try #require(residentKilobytes.count >= 20, "only \(residentKilobytes.count) memory samples")

        // Past the first quarter (model loading, caches, encoder set-up), memory must not grow.
        let quarter = residentKilobytes.count / 4
        let settled = residentKilobytes[quarter]
        let peak = residentKilobytes[quarter...].max()!
        #expect(peak - settled < 8 * 1024, "memory grew from \(settled / 1024) MB to \(peak / 1024) MB after the first quarter")

        // The first and last five minutes (less the fades) are equally loud.
        let levels = try LongRunTests.gatedLevels(path, blockSeconds: 10)
        #expect(Double(levels.count) >= minutes * 6 - 1)
        let span = min(30, levels.count / 3)
        let first = LongRunTests.meanDecibels(levels[1..<(1 + span)])
        let last = LongRunTests.meanDecibels(levels[(levels.count - 1 - span)..<(levels.count - 1)])
        #expect(abs(first - last) < 1, "first \(first) dB, last \(last) dB")
        print(
            "long run: \(Int(minutes)) min rendered, RSS \(settled / 1024)→\(peak / 1024) MB (peak after first quarter), "
                + String(format: "level first %.2f dB, last %.2f dB", first, last))
    }

    static func residentKilobytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ")[1])
    }

    /// Gated RMS (dBFS) of each `blockSeconds` block of a file, read a block at a time.
    static func gatedLevels(_ path: String, blockSeconds: Int) throws -> [Double] {
        var info = SF_INFO()
        let file = try #require(sf_open(path, Int32(SFM_READ), &info))
        defer { sf_close(file) }
        let frames = blockSeconds * Int(info.samplerate)
        var block = [Float](repeating: 0, count: frames * Int(info.channels))
        var levels: [Double] = []
        while true {
            let read = block.withUnsafeMutableBufferPointer { Int(sf_readf_float(file, $0.baseAddress, sf_count_t(frames))) }
            guard read == frames else { break }
            levels.append(block.withUnsafeBufferPointer { Loudness.gatedRMSDecibels($0) })
        }
        return levels
    }

    /// The level of the mean power of blocks given in dB.
    static func meanDecibels(_ levels: ArraySlice<Double>) -> Double {
        10 * log10(levels.map { pow(10, $0 / 10) }.reduce(0, +) / Double(levels.count))
    }
}
