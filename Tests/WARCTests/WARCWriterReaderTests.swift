import Testing

@testable import WARC

@Suite struct WARCWriterReaderTests {
    /// Writes `count` response/request/metadata triples and returns the written records with
    /// their locations (warcinfo records not included).
    static func writeSample(
        into directory: String, count: Int, maxFileSize: Int64 = 1_000_000_000, bodySize: Int = 100
    ) throws -> [(WARCRecord, WARCLocation)] {
        let writer = try WARCWriter(directory: directory, info: TestSupport.info, maxFileSize: maxFileSize)
        var written: [(WARCRecord, WARCLocation)] = []
        for index in 0..<count {
            let url = "http://example.com/page/\(index)?b=2&a=1"
            let body = String(repeating: "body \(index) ", count: max(1, bodySize / 8))
            let (response, request) = WARCRecordBuilder.exchange(
                targetURI: url, httpRequest: TestSupport.request(url: url),
                httpResponse: TestSupport.response(body: body), ipAddress: "192.0.2.7")
            let metadata = WARCRecordBuilder.metadata(
                targetURI: url, fields: ["outlink": "http://example.com/page/\(index + 1)", "fetchTimeMs": "12"],
                concurrentTo: response.recordID)
            let records = [response, request, metadata]
            let locations = try writer.write(records)
            written += Array(zip(records, locations))
        }
        try writer.close()
        return written
    }

    @Test func roundTripWithOffsets() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let written = try Self.writeSample(into: directory, count: 20)
        let files = try TestSupport.files(in: directory)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(name.hasPrefix("vestige-") && name.hasSuffix("-00000.warc.gz"))
        #expect(name.count == "vestige-20261125143000-00000.warc.gz".count)

        let entries = try WARCReader.readAll(path: directory + "/" + name)
        #expect(entries.count == written.count + 1)
        #expect(entries.first?.record.type == .warcinfo)
        #expect(entries.first?.offset == 0)
        #expect(entries.first?.record.headers["WARC-Filename"] == name)
        for ((record, location), entry) in zip(written, entries.dropFirst()) {
            #expect(TestSupport.unstamped(entry.record) == record)
            #expect(entry.offset == location.offset)
            #expect(entry.length == location.length)
            #expect(entry.indexInMember == 0)
            #expect(location.filename == name)
            #expect(location.recordID == record.recordID)
            #expect(location.payloadDigest == record.payloadDigest)
            let single = try WARCReader.record(at: location.offset, in: directory + "/" + name)
            #expect(TestSupport.unstamped(single.record) == record)
            #expect(single.length == location.length)
        }
        // Members are contiguous: each starts where the previous ended.
        for (previous, next) in zip(entries, entries.dropFirst()) {
            #expect(previous.offset + previous.length == next.offset)
        }
        let size = try TestSupport.read(directory + "/" + name).count
        #expect((entries.last.map { $0.offset + $0.length }) == Int64(size))
    }

    @Test func blockDigestsVerifyAfterReading() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        _ = try Self.writeSample(into: directory, count: 5)
        for name in try TestSupport.files(in: directory) {
            for entry in try WARCReader.readAll(path: directory + "/" + name) {
                let record = entry.record
                let digest = try #require(record.blockDigest)
                #expect(WARCDigest.compute(record.block, algorithm: digest.algorithm) == digest)
                if record.type == .response, let http = HTTPResponseBlock(parsing: record.block) {
                    #expect(http.payloadDigest() == record.payloadDigest)
                }
            }
        }
    }

    @Test func rollsToNewFilesEachStartingWithWarcinfo() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let written = try Self.writeSample(into: directory, count: 30, maxFileSize: 4_000, bodySize: 400)
        let files = try TestSupport.files(in: directory)
        #expect(files.count > 3)
        var total = 0
        for (index, name) in files.enumerated() {
            #expect(name.hasSuffix("-" + String(repeating: "0", count: 5 - String(index).count) + "\(index).warc.gz"))
            let entries = try WARCReader.readAll(path: directory + "/" + name)
            #expect(entries.first?.record.type == .warcinfo)
            #expect(entries.first?.record.headers["WARC-Filename"] == name)
            #expect(entries.dropFirst().allSatisfy { $0.record.type != .warcinfo })
            // Every other record names its own file's warcinfo record (WARC 1.1 §5.10).
            let warcinfoID = try #require(entries.first?.record.recordID)
            #expect(entries.dropFirst().allSatisfy { $0.record.headers["WARC-Warcinfo-ID"] == warcinfoID })
            // A response travels with its request and metadata.
            #expect((entries.count - 1) % 3 == 0)
            total += entries.count - 1
        }
        #expect(total == written.count)
        let locations = Set(written.map { $0.1.filename })
        #expect(locations == Set(files))
    }

    @Test func neverAppendsToAnExistingFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let first = try WARCWriter(directory: directory, info: TestSupport.info)
        let second = try WARCWriter(directory: directory, info: TestSupport.info)
        let record = WARCRecordBuilder.resource(targetURI: "urn:x", contentType: "text/plain", content: [65])
        let a = try first.write(record)
        let b = try second.write(record)
        #expect(a.filename != b.filename)
        try first.close()
        try second.close()
        #expect(throws: WARCError.writerClosed) { try first.write(record) }
        #expect(try TestSupport.files(in: directory).count == 2)
    }

    @Test func rejectsInconsistentRecords() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let writer = try WARCWriter(directory: directory, info: TestSupport.info)
        var record = WARCRecordBuilder.resource(targetURI: "urn:x", contentType: "text/plain", content: [65, 66])
        record.block.append(67)
        #expect(throws: WARCError.self) { try writer.write(record) }
        record.headers.remove("Content-Length")
        let location = try writer.write(record)
        try writer.checkpoint()
        let read = try WARCReader.record(at: location.offset, in: directory + "/" + location.filename)
        #expect(read.record.contentLength == 3)
        try writer.close()
    }

    @Test func readsUncompressedFiles() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = (0..<5).map { index in
            WARCRecordBuilder.response(
                targetURI: "http://example.com/\(index)", httpResponse: TestSupport.response(body: "body \(index)"))
        }
        var bytes: [UInt8] = []
        var offsets: [Int64] = []
        for record in records {
            offsets.append(Int64(bytes.count))
            bytes += record.serialized()
        }
        let path = directory + "/plain.warc"
        try TestSupport.write(bytes, to: path)
        let entries = try WARCReader.readAll(path: path)
        #expect(entries.map(\.record) == records)
        #expect(entries.map(\.offset) == offsets)
        for (entry, record) in zip(entries, records) {
            #expect(entry.length == Int64(record.serialized().count))
            #expect(try WARCReader.record(at: entry.offset, in: path).record == record)
        }
        #expect(try !WARCReader(path: path).isCompressed)
    }

    @Test func readsAWholeFileGzippedAsOneStream() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let records = (0..<50).map { index in
            WARCRecordBuilder.response(
                targetURI: "http://example.com/\(index)",
                httpResponse: TestSupport.response(body: String(repeating: "x\(index)", count: 3000)))
        }
        let plain = records.flatMap { $0.serialized() }
        let path = directory + "/single.warc.gz"
        try TestSupport.write(try #require(GzipDeflater().member(plain)), to: path)
        // Small reads and a small cap: the cap counts per record, not per member.
        let options = WARCReaderOptions(maxInflatedMemberSize: 64 << 10, chunkSize: 4096)
        let entries = try WARCReader.readAll(path: path, options: options)
        #expect(entries.map(\.record) == records)
        #expect(entries.allSatisfy { $0.offset == 0 })
        #expect(entries.map(\.indexInMember) == Array(0..<50))
    }

    @Test func readsAWget10RecordWithAngleBrackets() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"
        let text =
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:9a3c0d2e-1111-4222-8333-444455556666>\r\n"
            + "WARC-Warcinfo-ID: <urn:uuid:00000000-1111-4222-8333-444455556666>\r\n"
            + "WARC-Target-URI: <http://example.com/wget>\r\nWARC-Date: 2013-12-26T10:11:12Z\r\n"
            + "WARC-IP-Address: 93.184.216.34\r\nContent-Type: application/http;msgtype=response\r\n"
            + "WARC-Block-Digest: sha1:\(WARCDigest.compute(Array(http.utf8)).base32)\r\n"
            + "Content-Length: \(http.utf8.count)\r\n\r\n" + http + "\r\n\r\n"
        let path = directory + "/wget.warc.gz"
        try TestSupport.write(try #require(GzipDeflater().member(Array(text.utf8))), to: path)
        let entries = try WARCReader.readAll(path: path)
        let record = try #require(entries.first?.record)
        #expect(entries.count == 1)
        #expect(record.version == "WARC/1.0")
        #expect(record.targetURI == "http://example.com/wget")
        #expect(record.date?.timestamp14 == "20131226101112")
        #expect(String(decoding: record.block, as: UTF8.self) == http)
        #expect(
            CDXJIndexer.line(for: try #require(entries.first), filename: "wget.warc.gz")?.hasPrefix(
                "com,example)/wget 20131226101112 {\"url\": \"http://example.com/wget\", \"mime\": \"text/plain\", \"status\": \"200\""
            )
                == true)
    }
}
