import Testing

@testable import WARC

@Suite struct WARCReaderRobustnessTests {
    /// Reads every record, collecting errors and carrying on after them (at most 50 steps).
    static func readTolerantly(_ path: String, options: WARCReaderOptions = WARCReaderOptions()) throws
        -> (entries: [WARCEntry], errors: [WARCError])
    {
        let reader = try WARCReader(path: path, options: options)
        var entries: [WARCEntry] = []
        var errors: [WARCError] = []
        for _ in 0..<50 {
            do {
                guard let entry = try reader.next() else { break }
                entries.append(entry)
            } catch {
                errors.append(error)
            }
        }
        return (entries, errors)
    }

    static func member(_ record: WARCRecord) throws -> [UInt8] {
        try #require(GzipDeflater().member(record.serialized()))
    }

    static func sampleRecords(_ count: Int) -> [WARCRecord] {
        (0..<count).map { index in
            WARCRecordBuilder.response(
                targetURI: "http://example.com/\(index)",
                httpResponse: TestSupport.response(body: String(repeating: "payload \(index) ", count: 50)))
        }
    }

    @Test func truncatedFinalMemberIsDetectedWithItsOffset() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let written = try WARCWriterReaderTests.writeSample(into: directory, count: 4)
        let name = try #require(try TestSupport.files(in: directory).first)
        let full = try TestSupport.read(directory + "/" + name)
        let last = try #require(written.last?.1)
        let memberEnd = Int(last.offset + last.length)
        #expect(memberEnd == full.count)
        for cut in [
            Int(last.offset) + 1, Int(last.offset) + 10, Int(last.offset) + Int(last.length) / 2, memberEnd - 1,
        ] {
            let path = directory + "/cut-\(cut).warc.gz"
            try TestSupport.write(Array(full[0..<cut]), to: path)
            let (entries, errors) = try Self.readTolerantly(path)
            #expect(entries.count == written.count, "cut at \(cut)")
            #expect(errors == [.truncated(file: path, offset: last.offset)], "cut at \(cut)")
            #expect(TestSupport.unstamped(entries.last?.record) == written.dropLast().last?.0)
            #expect(throws: WARCError.truncated(file: path, offset: last.offset)) {
                try WARCReader.record(at: last.offset, in: path)
            }
        }
        // A cut exactly between members loses the last record without any error.
        let path = directory + "/cut-boundary.warc.gz"
        try TestSupport.write(Array(full[0..<Int(last.offset)]), to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors.isEmpty)
        #expect(entries.count == written.count)
    }

    @Test func truncatedUncompressedRecord() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(3)
        let bytes = records.flatMap { $0.serialized() }
        let lastOffset = Int64(records.dropLast().reduce(0) { $0 + $1.serialized().count })
        let path = directory + "/cut.warc"
        try TestSupport.write(Array(bytes.dropLast(40)), to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.map(\.record) == Array(records.dropLast()))
        #expect(errors == [.truncated(file: path, offset: lastOffset)])
    }

    @Test func contentLengthBeyondTheMemberIsTruncatedAndReadingGoesOn() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(3)
        var lying = records[1]
        lying.headers.set("Content-Length", String(lying.block.count + 100))
        let first = try Self.member(records[0])
        let bytes = first + (try Self.member(lying)) + (try Self.member(records[2]))
        let path = directory + "/lying.warc.gz"
        try TestSupport.write(bytes, to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.map(\.record) == [records[0], records[2]])
        #expect(errors == [.truncated(file: path, offset: Int64(first.count))])
    }

    @Test func gzipBombIsCapped() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let zeros = [UInt8](repeating: 0, count: 20 << 20)
        let bomb = WARCRecord(
            headers: [
                "WARC-Type": "resource", "WARC-Record-ID": "<urn:uuid:b>", "WARC-Date": "2026-11-25T00:00:00Z",
                "Content-Length": String(zeros.count),
            ], block: zeros)
        let bombMember = try Self.member(bomb)
        #expect(bombMember.count < 100_000)
        let good = Self.sampleRecords(2)
        let before = try Self.member(good[0])
        let path = directory + "/bomb.warc.gz"
        try TestSupport.write(before + bombMember + (try Self.member(good[1])), to: path)
        let options = WARCReaderOptions(maxInflatedMemberSize: 1 << 20)
        let (entries, errors) = try Self.readTolerantly(path, options: options)
        #expect(errors.first == .inflateLimitExceeded(file: path, offset: Int64(before.count), limit: 1 << 20))
        #expect(entries.first?.record == good[0])
        #expect(entries.last?.record == good[1])
    }

    @Test func oversizedBlockIsReportedAndSkipped() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = [10, 5000, 10].enumerated().map { index, size in
            WARCRecordBuilder.response(
                targetURI: "http://example.com/\(index)",
                httpResponse: TestSupport.response(body: String(repeating: "z", count: size)))
        }
        for compressed in [true, false] {
            var bytes: [UInt8] = []
            var offsets: [Int64] = []
            for record in records {
                offsets.append(Int64(bytes.count))
                bytes += compressed ? try Self.member(record) : record.serialized()
            }
            let path = directory + (compressed ? "/big.warc.gz" : "/big.warc")
            try TestSupport.write(bytes, to: path)
            let limit: Int64 = 1000
            let options = WARCReaderOptions(maxBlockSize: limit, maxInflatedMemberSize: 1 << 20)
            let (entries, errors) = try Self.readTolerantly(path, options: options)
            #expect(
                errors == [
                    .recordTooLarge(file: path, offset: offsets[1], length: Int64(records[1].block.count), limit: limit)
                ])
            #expect(entries.map(\.record) == [records[0], records[2]])
            #expect(entries.map(\.offset) == [offsets[0], offsets[2]])
        }
    }

    @Test func garbageBetweenMembersIsReportedAndSkipped() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(3)
        let first = try Self.member(records[0])
        let junk = Array("JUNK BYTES".utf8)
        let bytes = first + junk + (try Self.member(records[1])) + (try Self.member(records[2]))
        let path = directory + "/junk.warc.gz"
        try TestSupport.write(bytes, to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors == [.garbage(file: path, offset: Int64(first.count))])
        #expect(entries.map(\.record) == records)
        #expect(entries[1].offset == Int64(first.count + junk.count))
    }

    @Test func garbageInUncompressedFileIsSkipped() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(2)
        let first = records[0].serialized()
        let bytes = first + Array("some junk\r\n".utf8) + records[1].serialized()
        let path = directory + "/junk.warc"
        try TestSupport.write(bytes, to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors == [.garbage(file: path, offset: Int64(first.count))])
        #expect(entries.map(\.record) == records)
    }

    @Test func badHeaderLineNamesTheOffset() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(2)
        let broken = Array(
            "WARC/1.1\r\nWARC-Type: resource\r\nthis line has no colon\r\nContent-Length: 0\r\n\r\n\r\n\r\n".utf8)
        let first = try Self.member(records[0])
        let bytes = first + (try #require(GzipDeflater().member(broken))) + (try Self.member(records[1]))
        let path = directory + "/header.warc.gz"
        try TestSupport.write(bytes, to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(entries.map(\.record) == records)
        guard case .malformedRecord(let file, let offset, let reason) = errors.first else {
            Issue.record("expected a malformed record error, got \(errors)")
            return
        }
        #expect(file == path && offset == Int64(first.count))
        #expect(reason.contains("this line has no colon"))
    }

    @Test func trailingPaddingIsIgnored() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = Self.sampleRecords(1)
        let path = directory + "/padded.warc.gz"
        try TestSupport.write(try Self.member(records[0]) + [0, 0, 0, 10, 13, 10], to: path)
        let (entries, errors) = try Self.readTolerantly(path)
        #expect(errors.isEmpty)
        #expect(entries.count == 1)
    }

    // zstd is read (ZstdWARCReaderTests); a file that is only a frame magic or a cut dictionary
    // header is reported with its file and offset 0. bzip2 and xz are refused clearly.
    @Test func zstdHeadsAreReportedAndOtherCompressionsRefused() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        for (name, head) in [
            ("a.warc.zst", [0x28, 0xB5, 0x2F, 0xFD, 0, 0]), ("b.warc.zst", [0x5D, 0x2A, 0x4D, 0x18, 0, 0]),
        ] {
            let path = directory + "/" + name
            try TestSupport.write(head.map { UInt8($0) }, to: path)
            let (entries, errors) = try Self.readTolerantly(path)
            #expect(entries.isEmpty)
            #expect(!errors.isEmpty)
            #expect(errors.allSatisfy { $0.offset == 0 && $0.description.contains(path) }, "\(errors)")
        }
        let refused: [(name: String, head: [UInt8], tool: String)] = [
            ("c.warc.bz2", Array("BZh91AY".utf8), "bunzip2"),
            ("d.warc.xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
        ]
        for (name, head, tool) in refused {
            let path = directory + "/" + name
            try TestSupport.write(head, to: path)
            #expect {
                _ = try WARCReader(path: path)
            } throws: { error in
                guard case .unsupportedCompression(let message) = error as? WARCError else { return false }
                return message.contains(path) && message.contains(tool)
            }
        }
    }

    @Test func missingFileAndEmptyFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        #expect(throws: WARCError.self) { try WARCReader(path: directory + "/missing.warc.gz") }
        let empty = directory + "/empty.warc.gz"
        try TestSupport.write([], to: empty)
        #expect(try WARCReader.readAll(path: empty).isEmpty)
        #expect(throws: WARCError.self) { try WARCReader.record(at: 100, in: empty) }
    }
}
