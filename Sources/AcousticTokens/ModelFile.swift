import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The compact binary form of an `AcousticModel` (little-endian):
///
///     "SSAM" · codec version (u32) · corpus sample count (u64) · corpus (i16 …)
///     · codebook size K (u32) · centroids (f32 K×34) · codeword scores (f32 K)
///     · noise-like flags (u8 K) · frame count N (u32) · tokens (u16 N)
///     · frame scores (f32 N) · event flags (u8 N) · jump targets (i32 N×32)
///     · jump distances (f32 N×32) · context scale (f32) · quantile count Q (u32)
///     · score quantiles (f32 Q) · beat phases (f32 N)
///     · scoring (u32: 0 loudness, 1 rendered intensity) · frame levels (f32 N)
///     · hop band levels (f32 N) · loud threshold (f32) · longest loud seconds (f32)
///     · FNV-1a 64 checksum of everything before it (u64)
///
/// The corpus comes first so that a file written by an older codec can still
/// give back its audio for retraining. Members are rebuilt from the tokens.
enum ModelFile {
    static let magic: [UInt8] = Array("SSAM".utf8)

    enum ReadError: Error, Equatable {
        /// Not a model file, or cut short, or its checksum does not match.
        case damaged(String)
        /// A model from another codec version; its corpus is still good.
        case otherCodecVersion(UInt32, corpus: Corpus)
    }

    static func encode(_ model: AcousticModel) -> Data {
        var writer = Writer()
        writer.bytes(magic)
        writer.value(Framing.codecVersion)
        writer.value(UInt64(model.corpus.samples.count))
        writer.array(model.corpus.samples)
        let codebook = model.codebook
        writer.value(UInt32(codebook.size))
        writer.array(codebook.centroids)
        writer.array(codebook.scores)
        writer.array(codebook.isNoiseLike.map { $0 ? UInt8(1) : 0 })
        writer.value(UInt32(codebook.tokens.count))
        writer.array(codebook.tokens)
        writer.array(model.frameScores)
        writer.array(model.isEvent.map { $0 ? UInt8(1) : 0 })
        writer.array(model.jumpTargets)
        writer.array(model.jumpDistances)
        writer.value(model.contextScale)
        writer.value(UInt32(model.scoreQuantiles.count))
        writer.array(model.scoreQuantiles)
        writer.array(model.beatPhases)
        writer.value(model.scoring.rawValue)
        writer.array(model.frameLevels)
        writer.array(model.hopBandLevels)
        writer.value(model.loudThresholdDecibels)
        writer.value(model.longestLoudSeconds)
        writer.value(checksum(writer.data))
        return writer.data
    }

    /// Bytes before the corpus: magic, codec version, corpus sample count.
    static let headerBytes = 16

    /// Decodes a whole model file held in memory (its corpus too).
    static func decode(_ data: Data) throws(ReadError) -> AcousticModel {
        guard data.count >= 24, Array(data.prefix(4)) == magic else { throw .damaged("not a soundscape model file") }
        let stored: UInt64 = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: data.count - 8, as: UInt64.self) }
        guard UInt64(littleEndian: stored) == checksum(data.prefix(data.count - 8)) else {
            throw .damaged("checksum mismatch (the file is cut short or changed)")
        }
        var reader = Reader(data: data, offset: 4)
        let version: UInt32 = try reader.value()
        let sampleCount = Int(try reader.value() as UInt64)
        let corpus = Corpus(samples: try reader.array(Int16.self, count: sampleCount))
        guard version == Framing.codecVersion else { throw .otherCodecVersion(version, corpus: corpus) }
        return try decodeTables(&reader, corpus: corpus)
    }

    /// Reads the model file at `path`, leaving its corpus on disk: the model
    /// reads grains and jump candidates from the file as it plays (`ModelFileReader`). The whole file
    /// is checked against its checksum first, streamed through a small
    /// buffer, so a damaged file is refused before anything plays from it.
    static func read(path: String) throws(ReadError) -> AcousticModel {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .damaged("cannot open \(path)") }
        var owned = true
        defer { if owned { close(descriptor) } }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .damaged("cannot read \(path)") }
        let size = Int(status.st_size)
        guard size >= 24 else { throw .damaged("not a soundscape model file") }
        let header = try pread(descriptor, at: 0, count: headerBytes)
        guard Array(header.prefix(4)) == magic else { throw .damaged("not a soundscape model file") }
        let stored = try pread(descriptor, at: size - 8, count: 8).withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))
        }
        guard try streamedChecksum(descriptor, count: size - 8) == stored else {
            throw .damaged("checksum mismatch (the file is cut short or changed)")
        }
        var headerReader = Reader(data: header + Data(count: 8), offset: 4)
        let version: UInt32 = try headerReader.value()
        let sampleCount = Int(try headerReader.value() as UInt64)
        let corpusBytes = sampleCount * MemoryLayout<Int16>.stride
        guard sampleCount >= 0, sampleCount % 2 == 0, headerBytes + corpusBytes <= size - 8 else {
            throw .damaged("file is cut short")
        }
        owned = false
        let file = ModelFileReader(descriptor: descriptor)
        let corpus = Corpus(file: file, byteOffset: headerBytes, sampleCount: sampleCount)
        guard version == Framing.codecVersion else { throw .otherCodecVersion(version, corpus: corpus) }
        // The tables after the corpus, with the checksum's 8 bytes so `Reader` sees the file's end.
        let tablesStart = headerBytes + corpusBytes
        var reader = Reader(data: try pread(descriptor, at: tablesStart, count: size - tablesStart), offset: 0)
        return try decodeTables(&reader, corpus: corpus, file: (file, tablesStart))
    }

    /// Everything after the corpus: codebook, tokens, scores, jump table, beat.
    /// With a `file` (and the byte offset where `reader`'s data starts in it)
    /// the jump table stays in the file: the walk reads one position's
    /// candidates at a time, and range-checks every target it reads.
    private static func decodeTables(
        _ reader: inout Reader, corpus: Corpus, file: (reader: ModelFileReader, byteOffset: Int)? = nil
    ) throws(ReadError) -> AcousticModel {
        let k = Int(try reader.value() as UInt32)
        let centroids = try reader.array(Float.self, count: k * Features.dimension)
        let scores = try reader.array(Float.self, count: k)
        let noiseLike = try reader.array(UInt8.self, count: k).map { $0 != 0 }
        let n = Int(try reader.value() as UInt32)
        let tokens = try reader.array(UInt16.self, count: n)
        guard tokens.allSatisfy({ Int($0) < k }), n == Framing.frameCount(sampleFrames: corpus.frameCount) else {
            throw .damaged("tokens do not fit the codebook or the corpus")
        }
        let frameScores = try reader.array(Float.self, count: n)
        let events = try reader.array(UInt8.self, count: n).map { $0 != 0 }
        let slots = n * AcousticModel.candidatesPerPosition
        let jumpTable: JumpTable
        if let file {
            let targetsOffset = file.byteOffset + reader.offset
            try reader.skip(slots * MemoryLayout<Int32>.stride)
            let distancesOffset = file.byteOffset + reader.offset
            try reader.skip(slots * MemoryLayout<Float>.stride)
            jumpTable = JumpTable(
                file: file.reader, positionCount: n, targetsOffset: targetsOffset, distancesOffset: distancesOffset)
        } else {
            let targets = try reader.array(Int32.self, count: slots)
            guard targets.allSatisfy({ $0 >= -1 && Int($0) < n }) else { throw .damaged("jump table out of range") }
            jumpTable = JumpTable(targets: targets, distances: try reader.array(Float.self, count: slots))
        }
        let scale: Float = try reader.value()
        let quantileCount = Int(try reader.value() as UInt32)
        let quantiles = try reader.array(Float.self, count: quantileCount)
        guard quantileCount >= 2, quantiles[0] < quantiles[quantileCount - 1] else { throw .damaged("empty score range") }
        let phases = try reader.array(Float.self, count: n)
        let scoringValue: UInt32 = try reader.value()
        guard let scoring = AcousticModel.Scoring(rawValue: scoringValue) else {
            throw .damaged("unknown scoring mode \(scoringValue)")
        }
        let levels = try reader.array(Float.self, count: n)
        let bandLevels = try reader.array(Float.self, count: n)
        let loudThreshold: Float = try reader.value()
        let longestLoud: Float = try reader.value()
        var members = [[Int32]](repeating: [], count: k)
        for (i, token) in tokens.enumerated() { members[Int(token)].append(Int32(i)) }
        let codebook = Codebook(
            size: k, centroids: centroids, tokens: tokens, members: members, scores: scores, isNoiseLike: noiseLike)
        return AcousticModel(
            corpus: corpus, codebook: codebook, frameScores: frameScores, isEvent: events, jumpTable: jumpTable,
            contextScale: scale, scoreQuantiles: quantiles, beatPhases: phases, scoring: scoring, frameLevels: levels,
            hopBandLevels: bandLevels, loudThresholdDecibels: loudThreshold, longestLoudSeconds: longestLoud)
    }

    /// `count` bytes at `offset` of an open file; throws when the file has fewer.
    private static func pread(_ descriptor: Int32, at offset: Int, count: Int) throws(ReadError) -> Data {
        var data = Data(count: count)
        let got = data.withUnsafeMutableBytes { buffer in
            readFully(descriptor, at: offset, count: count, into: buffer.baseAddress!)
        }
        guard got == count else { throw .damaged("file is cut short") }
        return data
    }

    /// `checksum` of the first `count` bytes of an open file, read 256 KB at a
    /// time so that checking a large model costs no memory.
    private static func streamedChecksum(_ descriptor: Int32, count: Int) throws(ReadError) -> UInt64 {
        let chunk = 1 << 18
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        var hash = checksumBasis
        var offset = 0
        while offset < count {
            let want = min(chunk, count - offset)
            guard readFully(descriptor, at: offset, count: want, into: buffer) == want else {
                throw .damaged("file is cut short")
            }
            // Chunks are multiples of 8 bytes, so words line up exactly as in one pass.
            hash = checksum(continuing: hash, UnsafeRawBufferPointer(start: buffer, count: want))
            offset += want
        }
        return hash
    }

    private static let checksumBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a over 64-bit words (then the tail bytes): fast enough for tens of megabytes.
    static func checksum<Bytes: DataProtocol>(_ bytes: Bytes) -> UInt64 {
        let contiguous = Data(bytes)
        return contiguous.withUnsafeBytes { checksum(continuing: checksumBasis, $0) }
    }

    /// Continues `checksum` over `raw`; splitting a stream into pieces whose
    /// sizes are multiples of 8 gives the same result as one pass.
    private static func checksum(continuing start: UInt64, _ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash = start
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let words = raw.count / 8
        for i in 0..<words {
            hash = (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* prime
        }
        for i in (words * 8)..<raw.count { hash = (hash ^ UInt64(raw[i])) &* prime }
        return hash
    }

    private struct Writer {
        var data = Data()
        mutating func bytes(_ bytes: [UInt8]) { data.append(contentsOf: bytes) }
        mutating func value<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        mutating func value(_ value: Float) { self.value(value.bitPattern) }
        mutating func array<T>(_ values: [T]) {
            // Every supported host (x86-64, arm64) is little-endian, so arrays go out as they are in memory.
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        }
    }

    private struct Reader {
        let data: Data
        var offset: Int
        mutating func bytes(_ count: Int) throws(ReadError) -> [UInt8] {
            guard count >= 0, offset + count <= data.count - 8 else { throw .damaged("file is cut short") }
            defer { offset += count }
            return Array(data[(data.startIndex + offset)..<(data.startIndex + offset + count)])
        }
        mutating func value<T: FixedWidthInteger>() throws(ReadError) -> T {
            let raw = try bytes(MemoryLayout<T>.size)
            return T(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
        }
        mutating func value() throws(ReadError) -> Float { Float(bitPattern: try value() as UInt32) }
        mutating func skip(_ count: Int) throws(ReadError) {
            guard count >= 0, offset + count <= data.count - 8 else { throw .damaged("file is cut short") }
            offset += count
        }
        mutating func array<T>(_ type: T.Type, count: Int) throws(ReadError) -> [T] {
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, offset + size <= data.count - 8 else { throw .damaged("file is cut short") }
            let start = data.startIndex + offset
            offset += size
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                data[start..<(start + size)].withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                }
                initialized = count
            }
        }
    }
}
