import Foundation
@testable import SoundLibrary
import Testing

/// The recordings that ship in `Sounds/`: each credited, each where a bed
/// says it is, all small enough to ship, and the kinds `sounds --json` reports.
@Suite struct ShippedRecordingsTests {
    /// The repository's `Sounds/`, found from this file.
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Sounds")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("CREDITS.md").path) {
                return candidate
            }
        }
        fatalError("Sounds/CREDITS.md not found above \(#filePath)")
    }()

    /// Every file under `Sounds/` but the credits, as paths relative to it.
    static func shippedFiles() throws -> [String] {
        let base = directory.path + "/"
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: base + relative, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue && relative != "CREDITS.md" { files.append(relative) }
        }
        return files.sorted()
    }

    /// The table rows of `CREDITS.md`: first cell (the file) to the rest.
    static func creditRows() throws -> [String: [String]] {
        let text = try String(contentsOf: directory.appendingPathComponent("CREDITS.md"), encoding: .utf8)
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, cells[1].hasSuffix(".ogg") else { continue }
            rows[cells[1]] = Array(cells[2...])
        }
        return rows
    }

    @Test func everyFileUnderSoundsIsCreditedWithAnAllowedLicenceAuthorAndSource() throws {
        let files = try Self.shippedFiles()
        let rows = try Self.creditRows()
        #expect(files.count >= 20, "the recordings are missing from \(Self.directory.path)")
        let allowed: Set<String> = ["CC0-1.0", "public-domain", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-4.0", "CC-BY-SA-4.0"]
        for file in files {
            let row = try #require(rows[file], "\(file) is not credited in Sounds/CREDITS.md")
            #expect(allowed.contains(row[0]), "\(file): licence '\(row[0])' does not allow shipping it")
            #expect(!row[1].isEmpty && !row[2].isEmpty, "\(file): author or source missing")
            #expect(!row[3].isEmpty, "\(file): say what was changed (or 'none')")
            if row[0].hasPrefix("CC-BY-SA") {
                #expect(row[3] == "none", "\(file): share-alike files ship unmodified")
            }
        }
        for credited in rows.keys {
            #expect(files.contains(credited), "CREDITS.md credits \(credited), which is not shipped")
        }
    }

    @Test func recordingsAreOggVorbisAndFitTheBudget() throws {
        var total = 0
        for file in try Self.shippedFiles() {
            #expect(file.hasSuffix(".ogg"), "\(file): recordings ship as Ogg Vorbis")
            let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
            #expect(data.prefix(4) == Data("OggS".utf8), "\(file) is not an Ogg stream")
            #expect(data.range(of: Data("vorbis".utf8), in: 0..<min(data.count, 256)) != nil, "\(file) is not Vorbis")
            total += data.count
        }
        #expect(total <= 30_000_000, "Sounds/ holds \(total) bytes; the budget is 30 MB")
    }

    @Test func everyRecordedBedNamesRealVariantsAndShippedFiles() throws {
        let files = Set(try Self.shippedFiles())
        for bed in SoundLibrary.recordedBeds {
            let definition = try #require(SoundLibrary.builtIn(named: bed.sound), "no built-in sound '\(bed.sound)'")
            for variant in bed.variants {
                #expect(definition.variants.contains(variant), "\(bed.sound) has no variant '\(variant)'")
            }
            for take in bed.takes {
                #expect(files.contains(take.file), "\(bed.sound): \(take.file) is not in Sounds/")
                #expect((0...1).contains(take.intensity), "\(take.file): intensity out of range")
            }
        }
    }

    @Test func theKindSaysWhichSoundsPlayFromRecordings() throws {
        for sound in ["rain", "waves", "stream", "crickets", "cafe", "harbour", "wind", "airplane"] {
            #expect(SoundLibrary.builtIn(named: sound)?.kind == .both, "\(sound) plays a recorded bed")
            #expect(SoundLibrary.recordedBed(sound: sound, variant: SoundLibrary.builtIn(named: sound)!.variants[0]) != nil,
                "\(sound)'s default variant plays its recordings")
        }
        for sound in ["thunder", "train", "room-tone", "pink-noise", "owls", "seagulls", "fire"] {
            #expect(SoundLibrary.builtIn(named: sound)?.kind == .procedural, "\(sound) has no recording")
        }
        #expect(SoundLibrary.recordedBed(sound: "rain", variant: "tent") == nil, "rain on a tent has no recording")
        #expect(SoundLibrary.recordedBed(sound: "wind", variant: "trees") == nil, "wind in trees keeps its leaves")
    }
}
