import Testing
import WARC

/// Checks files written here with warcio (PyPI package `warcio`), when `python3 -c "import
/// warcio"` works; skipped otherwise.
@Suite(.enabled(if: TestSupport.warcioAvailable, "warcio is not installed (pip install warcio)"))
struct WarcioInteropTests {
    @Test func warcioCheckAndIndexAcceptOurFiles() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let writer = try WARCWriter(directory: directory, info: TestSupport.info)
        var locations: [WARCLocation] = []
        for index in 0..<5 {
            let url = "http://example.com/\(index)"
            let (response, request) = WARCRecordBuilder.exchange(
                targetURI: url, httpRequest: TestSupport.request(url: url),
                httpResponse: TestSupport.response(body: "body \(index)"), ipAddress: "192.0.2.1")
            locations += try writer.write([response, request])
            let revisit = WARCRecordBuilder.revisit(
                targetURI: url, httpResponse: TestSupport.response(body: "body \(index)"),
                payloadDigest: try #require(response.payloadDigest), refersTo: response.recordID,
                refersToTargetURI: url, refersToDate: response.date)
            let sha256 = WARCRecordBuilder.resource(
                targetURI: "urn:test:\(index)", contentType: "text/plain", content: Array("x\(index)".utf8),
                digestAlgorithm: .sha256)
            locations += try writer.write([revisit, sha256])
        }
        try writer.close()
        let name = try #require(try TestSupport.files(in: directory).first)
        let path = directory + "/" + name

        let check = try TestSupport.run("/usr/bin/env", ["python3", "-m", "warcio.cli", "check", "-v", path])
        #expect(check.status == 0, "warcio check: \(check.output)")
        #expect(check.output.components(separatedBy: "digest pass").count - 1 == 1 + 2 * 5 + 5)
        #expect(!check.output.contains("fail"))

        let index = try TestSupport.run(
            "/usr/bin/env", ["python3", "-m", "warcio.cli", "index", "-f", "warc-type,offset,length", path])
        #expect(index.status == 0, "warcio index: \(index.output)")
        let lines = index.output.split(separator: "\n").map(String.init)
        // warcio's offsets and lengths are ours: every written record is found where we said.
        for location in locations {
            #expect(
                lines.contains { $0.contains("\"offset\": \"\(location.offset)\", \"length\": \"\(location.length)\"") }
            )
        }
    }

    @Test func weReadWhatWarcioWrites() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/warcio.warc.gz"
        let script = """
            import io, sys
            from warcio.warcwriter import WARCWriter
            from warcio.statusandheaders import StatusAndHeaders
            with open(sys.argv[1], 'wb') as fh:
                writer = WARCWriter(fh, gzip=True)
                for i in range(3):
                    headers = StatusAndHeaders('200 OK', [('Content-Type', 'text/plain')], protocol='HTTP/1.0')
                    record = writer.create_warc_record(
                        'http://example.com/%d' % i, 'response', payload=io.BytesIO(b'hello %d' % i),
                        http_headers=headers)
                    writer.write_record(record)
            """
        let written = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, path])
        try #require(written.status == 0, "warcio writer: \(written.output)")
        let entries = try WARCReader.readAll(path: path)
        #expect(
            entries.map(\.record.targetURI) == ["http://example.com/0", "http://example.com/1", "http://example.com/2"])
        for entry in entries {
            let http = try #require(HTTPResponseBlock(parsing: entry.record.block))
            #expect(http.payloadDigest() == entry.record.payloadDigest)
            #expect(WARCDigest.compute(entry.record.block) == entry.record.blockDigest)
        }
        let index = try TestSupport.run(
            "/usr/bin/env", ["python3", "-m", "warcio.cli", "index", "-f", "offset,length", path])
        let expected = entries.map { "{\"offset\": \"\($0.offset)\", \"length\": \"\($0.length)\"}" }
        #expect(index.output.split(separator: "\n").map(String.init) == expected)
    }
}
