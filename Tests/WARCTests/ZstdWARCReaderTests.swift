import Foundation
import Testing

@testable import WARC

/// Reading `.warc.zst` (IIPC "Zstandard Compression for WARC Files 1.0", as ArchiveTeam's wget-at
/// writes it): a dictionary in a skippable frame, one frame per record, or one frame for the whole
/// file; damage is reported with the file and the frame's offset and reading goes on.
@Suite struct ZstdWARCReaderTests {
    /// The records of records.warc.gz, the gzip twin every zstd fixture is compared with.
    static func gzipRecords() throws -> [WARCEntry] {
        try WARCReader.readAll(path: try ZstdFixtures.path("records.warc.gz"))
    }

    /// Every record of `path` and every error, reading on after errors (at most 100 steps).
    static func readTolerantly(_ path: String, options: WARCReaderOptions = WARCReaderOptions()) throws
        -> (entries: [WARCEntry], errors: [WARCError])
    {
        let reader = try WARCReader(path: path, options: options)
        var entries: [WARCEntry] = []
        var errors: [WARCError] = []
        for _ in 0..<100 {
            do {
                guard let entry = try reader.next() else { return (entries, errors) }
                entries.append(entry)
            } catch {
                errors.append(error)
            }
        }
        Issue.record("\(path): the reader did not stop within 100 steps")
        return (entries, errors)
    }

    // MARK: - Well-formed files

    // (1) dictionary, (2) compressed dictionary, (3) no dictionary (and an extension frame), (9)
    // the same records and payloads as the .warc.gz; every record's offset is its frame's.
    @Test(arguments: ["dict.warc.zst", "dict-compressed.warc.zst", "frames.warc.zst"])
    func framePerRecordFilesReadAsTheirGzipTwin(name: String) throws {
        let path = try ZstdFixtures.path(name)
        let expected = try Self.gzipRecords()
        let frames = try ZstdFixtures.frames(name)
        #expect(expected.count == (try ZstdFixtures.manifest()).records)
        #expect(try WARCReader(path: path).compression == .zstd)
        #expect(try WARCReader(path: path).isCompressed)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.map(\.record) == expected.map(\.record))
        #expect(entries.map(\.offset) == frames.map(\.offset))
        #expect(entries.map(\.length) == frames.map(\.length))
        #expect(entries.allSatisfy { $0.indexInMember == 0 })
        for (entry, twin) in zip(entries, expected) where entry.record.type == .response {
            let block = try #require(HTTPResponseBlock(parsing: entry.record.block))
            let twinBlock = try #require(HTTPResponseBlock(parsing: twin.record.block))
            #expect(Array(block.payload) == Array(twinBlock.payload))
            #expect(block.payloadDigest() == twinBlock.payloadDigest())
        }
        let report = WARCVerifier.verify(path: path)
        #expect(report.records == expected.count)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    // (4) one frame for the whole file, as `zstd file.warc` writes: records at offset 0, one after
    // the other in the frame.
    @Test func singleFrameHoldsEveryRecord() throws {
        let path = try ZstdFixtures.path("single.warc.zst")
        let expected = try Self.gzipRecords()
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.map(\.record) == expected.map(\.record))
        #expect(entries.allSatisfy { $0.offset == 0 })
        #expect(entries.map(\.indexInMember) == Array(0..<expected.count))
        #expect(entries.last?.length == Int64(try ZstdFixtures.manifest().files["single.warc.zst"]?.size ?? -1))
    }

    // (8) a record read alone at its offset in a dictionary file: the dictionary still comes from
    // the file's start.
    @Test(arguments: ["dict.warc.zst", "dict-compressed.warc.zst"])
    func recordAtItsOffsetUsesTheFilesDictionary(name: String) throws {
        let path = try ZstdFixtures.path(name)
        let expected = try Self.gzipRecords()
        let frames = try ZstdFixtures.frames(name)
        for (frame, twin) in zip(frames, expected).reversed() {
            let entry = try WARCReader.record(at: frame.offset, in: path)
            #expect(entry.record == twin.record)
            #expect(entry.offset == frame.offset)
            #expect(entry.length == frame.length)
        }
        // Starting in the middle reads on to the end.
        let reader = try WARCReader(path: path, startingAt: frames[2].offset)
        var rest: [WARCRecord] = []
        while let entry = try reader.next() { rest.append(entry.record) }
        #expect(rest == expected.dropFirst(2).map(\.record))
    }

    // Skippable frames larger than the reader's buffer are passed over; one cut short at the end
    // of the file is reported as truncated at its offset.
    @Test func largeSkippableFramesArePassedOver() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let original = try TestSupport.read(try ZstdFixtures.path("frames.warc.zst"))
        let frames = try ZstdFixtures.frames("frames.warc.zst")
        let expected = try Self.gzipRecords()
        let payload = [UInt8](repeating: 0xAB, count: 20_000)
        let size = UInt32(payload.count)
        let extensionFrame: [UInt8] =
            [0x5F, 0x2A, 0x4D, 0x18, UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), 0] + payload
        let split = Int(frames[1].offset)
        let path = directory + "/extended.warc.zst"
        try TestSupport.write(
            Array(original[..<split]) + extensionFrame + Array(original[split...]) + extensionFrame, to: path)
        let options = WARCReaderOptions(chunkSize: 4096)
        let (entries, errors) = try Self.readTolerantly(path, options: options)
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.map(\.record) == expected.map(\.record))
        let shift = Int64(extensionFrame.count)
        #expect(entries.map(\.offset) == frames.map { $0.offset < Int64(split) ? $0.offset : $0.offset + shift })

        let cut = directory + "/cut-extension.warc.zst"
        let whole = try TestSupport.read(path)
        try TestSupport.write(Array(whole.dropLast(100)), to: cut)
        let (cutEntries, cutErrors) = try Self.readTolerantly(cut, options: options)
        #expect(cutEntries.map(\.record) == expected.map(\.record))
        #expect(cutErrors == [.truncated(file: cut, offset: Int64(whole.count - extensionFrame.count))])
    }

    // MARK: - Damage

    // (5) the last frame cut in half: every other record, then `truncated` at that frame.
    @Test func cutFrameIsTruncatedAtItsOffset() throws {
        let path = try ZstdFixtures.path("cut.warc.zst")
        let expected = try Self.gzipRecords()
        let last = try #require(try ZstdFixtures.frames("cut.warc.zst").last)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.map(\.record) == expected.dropLast().map(\.record))
        #expect(errors == [.truncated(file: path, offset: last.offset)])
        #expect(throws: WARCError.truncated(file: path, offset: last.offset)) {
            try WARCReader.record(at: last.offset, in: path)
        }
    }

    // (6) a damaged byte in the middle frame: that record is reported with the file and the
    // frame's offset, every other record is read.
    @Test func corruptFrameIsReportedAndTheOthersAreRead() throws {
        let path = try ZstdFixtures.path("corrupt.warc.zst")
        let manifest = try ZstdFixtures.manifest()
        let expected = try Self.gzipRecords()
        let frames = try ZstdFixtures.frames("corrupt.warc.zst")
        let damaged = frames[manifest.corruptedFrame]
        let (entries, errors) = try Self.readTolerantly(path)
        var survivors = expected
        survivors.remove(at: manifest.corruptedFrame)
        #expect(entries.map(\.record) == survivors.map(\.record))
        #expect(entries.map(\.offset) == frames.map(\.offset).filter { $0 != damaged.offset })
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        guard case .invalidZstd(let file, let offset, _) = error else {
            Issue.record("expected invalidZstd, got \(error)")
            return
        }
        #expect(file == path)
        #expect(offset == damaged.offset)
        #expect(error.description.contains(path) && error.description.contains("offset \(damaged.offset)"))
        let report = WARCVerifier.verify(path: path)
        #expect(report.records == expected.count - 1)
        #expect(report.problems.map(\.offset) == [damaged.offset])
    }

    // (7) frames that need a dictionary the file does not carry: one clear error per frame.
    @Test func missingDictionaryIsReportedForEveryFrame() throws {
        let path = try ZstdFixtures.path("needs-dict.warc.zst")
        let manifest = try ZstdFixtures.manifest()
        let frames = try ZstdFixtures.frames("needs-dict.warc.zst")
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.isEmpty)
        #expect(
            errors
                == frames.map {
                    .zstdDictionaryMismatch(file: path, offset: $0.offset, needed: manifest.dictionaryID, carried: nil)
                })
        let message = try #require(errors.first).description
        #expect(message.contains(path) && message.contains("offset \(frames[0].offset)"), "\(message)")
        #expect(message.contains("needs dictionary \(manifest.dictionaryID)"), "\(message)")
        #expect(message.contains("carries no usable dictionary"), "\(message)")
    }

    // A file whose dictionary is another one than its frames were compressed with.
    @Test func wrongDictionaryIsReportedForEveryFrame() throws {
        let path = try ZstdFixtures.path("wrong-dict.warc.zst")
        let manifest = try ZstdFixtures.manifest()
        let frames = try ZstdFixtures.frames("wrong-dict.warc.zst")
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.isEmpty)
        #expect(
            errors
                == frames.map {
                    .zstdDictionaryMismatch(
                        file: path, offset: $0.offset, needed: manifest.dictionaryID,
                        carried: manifest.otherDictionaryID)
                })
        #expect(
            try #require(errors.first).description.contains("the file's dictionary is \(manifest.otherDictionaryID)"))
    }

    // A damaged dictionary frame is reported once, at offset 0; reading goes on, and the frames
    // that need the dictionary are reported one by one.
    @Test func damagedDictionaryFrameIsReportedAtOffsetZero() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let original = try TestSupport.read(try ZstdFixtures.path("dict.warc.zst"))
        let frames = try ZstdFixtures.frames("dict.warc.zst")
        let manifest = try ZstdFixtures.manifest()
        let dictionaryEnd = Int(frames[0].offset)
        var notADictionary = original
        // Keep the dictionary magic (37 A4 30 EC) and break the entropy tables behind it.
        for index in 16..<min(200, dictionaryEnd) { notADictionary[index] = 0xFF }
        var oversized = original
        oversized[4...7] = [0, 0, 0, 0x10]  // 256 MiB
        var beyondTheFile = original
        beyondTheFile[4...7] = [0xFF, 0xFF, 0, 0]  // 65535 bytes, more than the file has
        for (name, bytes, reason) in [
            ("broken", notADictionary, "not a valid zstd dictionary"),
            ("oversized", oversized, "above the limit"),
            ("beyond", beyondTheFile, "the file ends after"),
        ] {
            let path = directory + "/\(name).warc.zst"
            try TestSupport.write(bytes, to: path)
            let (entries, errors) = try Self.readTolerantly(path)
            guard case .invalidZstd(let file, let offset, let message) = errors.first else {
                Issue.record("\(name): expected invalidZstd first, got \(errors)")
                continue
            }
            #expect(file == path && offset == 0)
            #expect(message.contains(reason), "\(name): \(message)")
            #expect(throws: WARCError.self) { try WARCReader.record(at: frames[1].offset, in: path) }
            if name == "broken" {
                #expect(entries.isEmpty)
                #expect(
                    Array(errors.dropFirst())
                        == frames.map {
                            .zstdDictionaryMismatch(
                                file: path, offset: $0.offset, needed: manifest.dictionaryID, carried: nil)
                        })
            }
        }
    }

    // A frame that decompresses past the inflate cap (a zstd bomb) is refused with its offset; the
    // records around it are read.
    @Test func zstdBombIsCappedByTheInflateLimit() throws {
        let path = try ZstdFixtures.path("bomb.warc.zst")
        let frames = try ZstdFixtures.frames("bomb.warc.zst")
        let expected = try Self.gzipRecords()
        let options = WARCReaderOptions(maxInflatedMemberSize: 1 << 20)
        let (entries, errors) = try Self.readTolerantly(path, options: options)
        #expect(errors == [.inflateLimitExceeded(file: path, offset: frames[1].offset, limit: 1 << 20)])
        #expect(entries.map(\.record) == [expected[0].record, expected[expected.count - 1].record])
        #expect(entries.map(\.offset) == [frames[0].offset, frames[2].offset])
        // With the default limit the 8 MiB record is read.
        #expect(try WARCReader.record(at: frames[1].offset, in: path).record.block.count == 8 << 20)
    }

    // Truncations at every byte and a flipped bit at every byte of a dictionary file: each read
    // ends with records or a WARCError, never a trap or a hang.
    @Test func damagedInputsNeverTrap() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let original = try TestSupport.read(try ZstdFixtures.path("dict-compressed.warc.zst"))
        var inputs: [[UInt8]] = (0..<original.count).map { Array(original[0..<$0]) }
        for index in original.indices {
            var flipped = original
            flipped[index] ^= UInt8(1 << (index % 8))
            inputs.append(flipped)
        }
        let path = directory + "/damaged.warc.zst"
        var returned = 0
        var threw = 0
        var steps = 0
        for input in inputs {
            try TestSupport.write(input, to: path)
            do {
                _ = try WARCReader.readAll(path: path)
                returned += 1
            } catch {
                threw += 1
            }
            // Reading on after every error stops too.
            let reader = try WARCReader(path: path)
            for step in 0..<200 {
                steps = max(steps, step)
                do {
                    guard try reader.next() != nil else { break }
                } catch {
                    continue
                }
            }
        }
        #expect(returned + threw == inputs.count)
        #expect(returned > 0 && threw > 0)
        #expect(steps < 199)
    }

    // MARK: - Detection

    @Test func compressionIsDetectedFromTheFirstBytes() {
        #expect(WARCCompression.detect([0x28, 0xB5, 0x2F, 0xFD, 0x24]) == .zstd)
        #expect(WARCCompression.detect([0x5D, 0x2A, 0x4D, 0x18, 0, 0, 0, 0]) == .zstd)
        #expect(WARCCompression.detect([0x50, 0x2A, 0x4D, 0x18]) == .zstd)
        #expect(WARCCompression.detect([0x28, 0xB5]) == .zstd)
        #expect(WARCCompression.detect([0x1F, 0x8B, 0x08]) == .gzip)
        #expect(WARCCompression.detect([0x1F]) == .gzip)
        #expect(WARCCompression.detect(Array("WARC/1.1".utf8)) == .none)
        #expect(WARCCompression.detect([0x60, 0x2A, 0x4D, 0x18]) == .none)
        #expect(WARCCompression.detect([]) == .none)
    }

    // MARK: - The zstd tool

    // The reference decoder reads the dictionary fixture with the dictionary it carries, to the
    // bytes of the gzip twin.
    @Test(.enabled(if: ZstdFixtures.zstdToolAvailable, "zstd is not installed (apt-get install zstd)"))
    func zstdToolDecodesTheDictionaryFixture() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let bytes = try TestSupport.read(try ZstdFixtures.path("dict.warc.zst"))
        let size = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        try #require(bytes.count > 8 + size)
        try TestSupport.write(Array(bytes[8..<8 + size]), to: directory + "/dictionary")
        let decoded = directory + "/decoded.warc"
        let source = try ZstdFixtures.path("dict.warc.zst")
        let run = try TestSupport.run(
            "/usr/bin/env", ["zstd", "-d", "-q", "-f", "-D", directory + "/dictionary", source, "-o", decoded])
        try #require(run.status == 0, "zstd -d: \(run.output)")
        let expected = try Self.gzipRecords().flatMap { $0.record.serialized() }
        #expect(try TestSupport.read(decoded) == expected)
    }

    // `zstd file.warc` of a file larger than zstd's 128 KiB blocks and the reader's chunks, with
    // the content size in the frame and without (`zstd < file.warc`).
    @Test(.enabled(if: ZstdFixtures.zstdToolAvailable, "zstd is not installed (apt-get install zstd)"))
    func zstdToolSingleFrameOfALargeFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        var generator = SystemRandomNumberGenerator()
        let records = (0..<6).map { index in
            let words = (0..<(index.isMultiple(of: 2) ? 90_000 : 20)).map { _ in
                String(UInt32.random(in: 0...999_999, using: &generator), radix: 36)
            }
            return WARCRecordBuilder.resource(
                targetURI: "urn:test:large-\(index)", contentType: "text/plain",
                content: Array(words.joined(separator: " ").utf8))
        }
        let plain = directory + "/large.warc"
        try TestSupport.write(records.flatMap { $0.serialized() }, to: plain)
        let sized = try TestSupport.run(
            "/usr/bin/env", ["zstd", "-q", "-f", plain, "-o", directory + "/sized.warc.zst"])
        try #require(sized.status == 0, "zstd: \(sized.output)")
        let piped = try TestSupport.run(
            "/bin/sh", ["-c", "zstd -q -c < '\(plain)' > '\(directory)/piped.warc.zst'"])
        try #require(piped.status == 0, "zstd: \(piped.output)")
        for name in ["sized.warc.zst", "piped.warc.zst"] {
            let path = directory + "/" + name
            let options = WARCReaderOptions(chunkSize: 4096)
            let (entries, errors) = try Self.readTolerantly(path, options: options)
            #expect(errors.isEmpty, "\(name): \(errors)")
            #expect(entries.map(\.record) == records, "\(name)")
            #expect(entries.map(\.indexInMember) == Array(0..<records.count), "\(name)")
            #expect(entries.allSatisfy { $0.offset == 0 }, "\(name)")
        }
    }
}
