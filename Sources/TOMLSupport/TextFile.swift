import Foundation

/// Reads small human-edited text files (scenes, the lexicon) defensively: a
/// huge, binary or non-UTF-8 file becomes a `path:line:` error, never a crash
/// or a silently truncated read.
package enum TextFile {
    /// Files larger than this are refused before reading; scenes and the lexicon are a few kilobytes.
    package static let maximumBytes = 10 * 1024 * 1024

    package static func read(path: String) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw FileError.fileSystem(path: path, reason: "cannot read the file (does it exist?)")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw FileError.fileSystem(path: path, reason: "is a directory, not a TOML file")
        }
        if let size = attributes[.size] as? NSNumber, size.intValue > maximumBytes {
            throw FileError.invalidFile(
                path: path, line: 1,
                reason:
                    "file is \(size.intValue / 1_048_576) MB; files over 10 MB are refused (is this the right file?)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError.fileSystem(
                path: path, reason: "cannot read the file (check its permissions)")
        }
        return try decode(data, path: path)
    }

    /// The text of `data`, which must be UTF-8 without NUL or other binary control bytes.
    package static func decode(_ data: Data, path: String) throws -> String {
        if data.count > maximumBytes {
            throw FileError.invalidFile(
                path: path, line: 1, reason: "file is over 10 MB; is this the right file?")
        }
        let bytes = [UInt8](data)
        // NUL would silently end the text at the C parser; other control bytes mean binary data.
        if let bad = bytes.firstIndex(where: {
            $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F
        }) {
            throw FileError.invalidFile(
                path: path, line: lineNumber(ofByte: bad, in: bytes),
                reason:
                    "binary data (byte 0x\(String(bytes[bad], radix: 16)) at offset \(bad)); expected a UTF-8 TOML text file"
            )
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let lossy = String(decoding: bytes, as: UTF8.self)
            let line =
                (lossy.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.contains("\u{FFFD}") } ?? 0) + 1
            throw FileError.invalidFile(
                path: path, line: line, reason: "not valid UTF-8 text; save the file as UTF-8")
        }
        return text
    }

    private static func lineNumber(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
