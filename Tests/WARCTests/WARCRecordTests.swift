import Testing
import WARC

@Suite struct WARCRecordTests {
    @Test func headerLookupIgnoresCaseAndKeepsOrder() {
        var headers = WARCHeaders()
        headers.append("WARC-Type", "response")
        headers.append("WARC-Concurrent-To", "<urn:uuid:a>")
        headers.append("warc-concurrent-to", "<urn:uuid:b>")
        #expect(headers["warc-type"] == "response")
        #expect(headers.values(for: "WARC-CONCURRENT-TO") == ["<urn:uuid:a>", "<urn:uuid:b>"])
        headers.set("WARC-Concurrent-To", "<urn:uuid:c>")
        #expect(headers.values(for: "WARC-Concurrent-To") == ["<urn:uuid:c>"])
        headers.remove("WARC-TYPE")
        #expect(headers["WARC-Type"] == nil)
        #expect(headers.count == 1)
    }

    @Test func serialisationNeverInjectsLines() {
        let headers: WARCHeaders = ["WARC-Target-URI": "http://example.com/\r\nWARC-Type: evil"]
        #expect(
            String(decoding: headers.serialized(), as: UTF8.self)
                == "WARC-Target-URI: http://example.com/  WARC-Type: evil\r\n")
    }

    @Test func accessorsReadTheStandardFields() {
        let record = WARCRecord(
            version: "WARC/1.0",
            headers: [
                "WARC-Type": "response", "WARC-Record-ID": "<urn:uuid:1>", "WARC-Date": "2026-11-25T14:30:00Z",
                "WARC-Target-URI": "<http://example.com/>", "Content-Length": "5",
                "WARC-Payload-Digest": "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N", "WARC-Refers-To": "<urn:uuid:0>",
                "WARC-Concurrent-To": "<urn:uuid:2>",
            ],
            block: Array("hello".utf8))
        #expect(record.type == .response)
        #expect(record.recordID == "<urn:uuid:1>")
        #expect(record.targetURI == "http://example.com/")
        #expect(record.date?.warc10String == "2026-11-25T14:30:00Z")
        #expect(record.contentLength == 5)
        #expect(record.payloadDigest == WARCDigest.compute(Array("hello".utf8)))
        #expect(record.refersTo == "<urn:uuid:0>")
        #expect(record.concurrentTo == ["<urn:uuid:2>"])
    }

    @Test func recordIDsAreUUIDURNs() {
        let id = WARCRecordID.generate()
        #expect(id.hasPrefix("<urn:uuid:") && id.hasSuffix(">"))
        #expect(id.count == 47)
        #expect(Array(id)[24] == "4")
        #expect(WARCRecordID.generate() != id)
    }

    @Test func responseBuilderComputesDigests() {
        let http = TestSupport.response(body: "hello")
        let record = WARCRecordBuilder.response(
            targetURI: "http://example.com/", httpResponse: http, ipAddress: "192.0.2.1")
        #expect(record.payloadDigest == WARCDigest.compute(Array("hello".utf8)))
        #expect(record.blockDigest == WARCDigest.compute(http))
        #expect(record.contentLength == Int64(http.count))
        #expect(record.ipAddress == "192.0.2.1")
        #expect(record.contentType == "application/http; msgtype=response")
        #expect(record.version == "WARC/1.1")
    }

    @Test func exchangeLinksBothWays() {
        let (response, request) = WARCRecordBuilder.exchange(
            targetURI: "http://example.com/", httpRequest: TestSupport.request(url: "http://example.com/"),
            httpResponse: TestSupport.response(body: "x"))
        #expect(request.concurrentTo == [response.recordID ?? "?"])
        #expect(response.concurrentTo == [request.recordID ?? "?"])
        #expect(request.type == .request)
        #expect(request.headers["Content-Type"] == "application/http; msgtype=request")
    }

    @Test func revisitKeepsOnlyTheHead() {
        let http = TestSupport.response(body: "the same payload")
        let original = WARCRecordBuilder.response(targetURI: "http://example.com/", httpResponse: http)
        let digest = WARCDigest.compute(Array("the same payload".utf8))
        let revisit = WARCRecordBuilder.revisit(
            targetURI: "http://example.com/", httpResponse: http, payloadDigest: digest, refersTo: original.recordID,
            refersToTargetURI: "http://example.com/", refersToDate: original.date)
        let head = HTTPResponseBlock(parsing: http)?.head
        #expect(revisit.block[...] == head)
        #expect(revisit.headers["WARC-Profile"] == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
        #expect(revisit.refersTo == original.recordID)
        #expect(revisit.headers["WARC-Refers-To-Target-URI"] == "http://example.com/")
        #expect(revisit.headers["WARC-Refers-To-Date"] == original.headers["WARC-Date"])
        #expect(revisit.payloadDigest == digest)
        #expect(revisit.headers["WARC-Truncated"] == nil)
    }

    @Test func metadataAndWarcinfoAreWarcFields() {
        let metadata = WARCRecordBuilder.metadata(
            targetURI: "http://example.com/", fields: ["outlink": "http://example.com/a", "fetchTimeMs": "42"],
            concurrentTo: "<urn:uuid:1>")
        #expect(
            String(decoding: metadata.block, as: UTF8.self) == "outlink: http://example.com/a\r\nfetchTimeMs: 42\r\n")
        #expect(metadata.contentType == "application/warc-fields")
        let info = WARCRecordBuilder.warcinfo(fields: TestSupport.info, filename: "a.warc.gz")
        let text = String(decoding: info.block, as: UTF8.self)
        #expect(
            text.hasPrefix("software: vestige/0.0.0-test\r\nhostname: test-host\r\nformat: WARC File Format 1.1\r\n"))
        #expect(text.contains("http-header-user-agent: vestige-test (+https://example.org/bot)\r\n"))
        #expect(info.headers["WARC-Filename"] == "a.warc.gz")
    }

    @Test func resourceHasPayloadDigestOfContent() {
        let record = WARCRecordBuilder.resource(
            targetURI: "dns:example.com", contentType: "text/dns", content: Array("hello".utf8))
        #expect(record.payloadDigest == WARCDigest.compute(Array("hello".utf8)))
        #expect(record.blockDigest == record.payloadDigest)
    }
}
