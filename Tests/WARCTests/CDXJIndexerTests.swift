import Testing
import WARC

@Suite struct CDXJIndexerTests {
    static let date = WARCDate(seconds: 1_795_617_000, nanoseconds: 500_000_000)

    @Test func responseLineHasPywbKeysInOrder() throws {
        let record = WARCRecordBuilder.response(
            targetURI: "https://www.example.com/path?b=2&a=1", httpResponse: TestSupport.response(body: "hello"),
            date: Self.date)
        let location = WARCLocation(
            filename: "vestige-20261125143000-00000.warc.gz", offset: 1234, length: 567,
            recordID: record.recordID ?? "", payloadDigest: record.payloadDigest)
        let line = try #require(CDXJIndexer.line(for: record, location: location))
        #expect(
            line == "com,example)/path?a=1&b=2 20261125143000 {\"url\": \"https://www.example.com/path?b=2&a=1\", "
                + "\"mime\": \"text/html\", \"status\": \"200\", \"digest\": \"sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N\", "
                + "\"length\": \"567\", \"offset\": \"1234\", \"filename\": \"vestige-20261125143000-00000.warc.gz\"}")
    }

    @Test func revisitLineUsesWarcRevisitMime() throws {
        let revisit = WARCRecordBuilder.revisit(
            targetURI: "http://example.com/\u{e9}\"",
            httpResponse: TestSupport.response(body: "hello", status: "200 OK"),
            payloadDigest: WARCDigest.compute(Array("hello".utf8)), refersTo: "<urn:uuid:1>",
            refersToTargetURI: "http://example.com/", refersToDate: Self.date, date: Self.date)
        let line = try #require(
            CDXJIndexer.line(for: revisit, filename: "a.warc.gz", offset: 0, length: 10))
        #expect(
            line == "com,example)/%c3%a9\" 20261125143000 {\"url\": \"http://example.com/\\u00e9\\\"\", "
                + "\"mime\": \"warc/revisit\", \"status\": \"200\", \"digest\": \"sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N\", "
                + "\"length\": \"10\", \"offset\": \"0\", \"filename\": \"a.warc.gz\"}")
    }

    @Test func requestsMetadataAndWarcinfoAreNotIndexed() {
        let request = WARCRecordBuilder.request(
            targetURI: "http://example.com/", httpRequest: TestSupport.request(url: "http://example.com/"))
        let metadata = WARCRecordBuilder.metadata(targetURI: "http://example.com/", fields: ["a": "b"])
        let info = WARCRecordBuilder.warcinfo(fields: TestSupport.info, filename: nil)
        for record in [request, metadata, info] {
            #expect(CDXJIndexer.line(for: record, filename: "f", offset: 0, length: 1) == nil)
        }
    }

    @Test func indexFileIsSortedByBytesWithoutDuplicates() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/index.cdxj"
        let lines = [
            "com,example)/b 2 {}", "com,example)/a 2 {}", "com,example)/\u{e9} 1 {}", "com,example)/B 1 {}",
            "com,example)/a 2 {}",
        ]
        try CDXJIndexWriter.write(lines: lines, to: path)
        try CDXJIndexWriter.write(lines: lines, to: path)
        let text = String(decoding: try TestSupport.read(path), as: UTF8.self)
        #expect(text == "com,example)/B 1 {}\ncom,example)/a 2 {}\ncom,example)/b 2 {}\ncom,example)/\u{e9} 1 {}\n")
        #expect(try TestSupport.files(in: directory) == ["index.cdxj"])
    }

    @Test func indexesWhatTheWriterWrote() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let written = try WARCWriterReaderTests.writeSample(into: directory, count: 3)
        let lines = written.compactMap { CDXJIndexer.line(for: $0.0, location: $0.1) }
        #expect(lines.count == 3)
        let name = try #require(try TestSupport.files(in: directory).first)
        let fromReader = try WARCReader.readAll(path: directory + "/" + name).compactMap {
            CDXJIndexer.line(for: $0, filename: name)
        }
        #expect(fromReader == lines)
    }
}
