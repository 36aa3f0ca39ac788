/// Builds complete records of each type, with ids, dates, lengths and digests filled in.
/// Every builder returns a record ready for `WARCWriter.write(_:)`.
public enum WARCRecordBuilder {
    /// The `WARC-Profile` of revisit records whose payload is identical to an earlier capture.
    public static let identicalPayloadProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"

    /// A `warcinfo` record describing the file `filename` and the crawl.
    public static func warcinfo(
        fields: WARCInfoFields, filename: String?, date: WARCDate = .now(), recordID: String = WARCRecordID.generate(),
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        let block = fields.headers.serialized()
        var headers = start(.warcinfo, recordID: recordID, date: date)
        if let filename { headers.append("WARC-Filename", filename) }
        return finish(headers, block: block, contentType: "application/warc-fields", digest: digestAlgorithm)
    }

    /// A `request` record for the HTTP request `httpRequest` (see `HTTPRequestBlock`).
    public static func request(
        targetURI: String, httpRequest: [UInt8], date: WARCDate = .now(), concurrentTo: String? = nil,
        ipAddress: String? = nil, recordID: String = WARCRecordID.generate(),
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        var headers = start(.request, recordID: recordID, date: date)
        headers.append("WARC-Target-URI", targetURI)
        if let ipAddress { headers.append("WARC-IP-Address", ipAddress) }
        if let concurrentTo { headers.append("WARC-Concurrent-To", concurrentTo) }
        return finish(
            headers, block: httpRequest, contentType: "application/http; msgtype=request", digest: digestAlgorithm)
    }

    /// A `response` record for the raw HTTP response `httpResponse` (status line, headers and
    /// body exactly as received, transfer coding and content coding kept). Adds
    /// `WARC-Block-Digest` and, when the block is an HTTP response, `WARC-Payload-Digest` over the
    /// de-chunked payload. `truncated` sets `WARC-Truncated` (`length`, `time`, `disconnect`, ...)
    /// when the crawler stopped reading early.
    public static func response(
        targetURI: String, httpResponse: [UInt8], date: WARCDate = .now(), ipAddress: String? = nil,
        concurrentTo: String? = nil, truncated: String? = nil, recordID: String = WARCRecordID.generate(),
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        var headers = start(.response, recordID: recordID, date: date)
        headers.append("WARC-Target-URI", targetURI)
        if let ipAddress { headers.append("WARC-IP-Address", ipAddress) }
        if let concurrentTo { headers.append("WARC-Concurrent-To", concurrentTo) }
        if let parsed = HTTPResponseBlock(parsing: httpResponse) {
            headers.append("WARC-Payload-Digest", parsed.payloadDigest(algorithm: digestAlgorithm).description)
        }
        if let truncated { headers.append("WARC-Truncated", truncated) }
        return finish(
            headers, block: httpResponse, contentType: "application/http; msgtype=response", digest: digestAlgorithm)
    }

    /// A response and its request, linked both ways with `WARC-Concurrent-To` and sharing date
    /// and IP address. Write the response first: readers such as pywb look for the request
    /// after it.
    public static func exchange(
        targetURI: String, httpRequest: [UInt8], httpResponse: [UInt8], date: WARCDate = .now(),
        ipAddress: String? = nil, truncated: String? = nil, digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> (response: WARCRecord, request: WARCRecord) {
        let responseID = WARCRecordID.generate()
        let requestID = WARCRecordID.generate()
        let response = response(
            targetURI: targetURI, httpResponse: httpResponse, date: date, ipAddress: ipAddress, concurrentTo: requestID,
            truncated: truncated, recordID: responseID, digestAlgorithm: digestAlgorithm)
        let request = request(
            targetURI: targetURI, httpRequest: httpRequest, date: date, concurrentTo: responseID,
            ipAddress: ipAddress, recordID: requestID, digestAlgorithm: digestAlgorithm)
        return (response, request)
    }

    /// A `metadata` record whose block is `fields` as `application/warc-fields`, for example
    /// `outlink: URL` lines and `fetchTimeMs: N`. `concurrentTo` names the record described.
    public static func metadata(
        targetURI: String, fields: WARCHeaders, date: WARCDate = .now(), concurrentTo: String? = nil,
        recordID: String = WARCRecordID.generate(), digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        var headers = start(.metadata, recordID: recordID, date: date)
        headers.append("WARC-Target-URI", targetURI)
        if let concurrentTo { headers.append("WARC-Concurrent-To", concurrentTo) }
        return finish(
            headers, block: fields.serialized(), contentType: "application/warc-fields", digest: digestAlgorithm)
    }

    /// A `revisit` record (profile identical-payload-digest) for a response whose payload has
    /// digest `payloadDigest`, identical to the capture `refersTo` of `refersToTargetURI` at
    /// `refersToDate`. The block is the HTTP head only: give the full response or only its head.
    public static func revisit(
        targetURI: String, httpResponse: [UInt8], payloadDigest: WARCDigest, refersTo: String?,
        refersToTargetURI: String?, refersToDate: WARCDate?, date: WARCDate = .now(), ipAddress: String? = nil,
        concurrentTo: String? = nil, recordID: String = WARCRecordID.generate(),
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        var block = httpResponse
        if let parsed = HTTPResponseBlock(parsing: httpResponse) { block = Array(parsed.head) }
        var headers = start(.revisit, recordID: recordID, date: date)
        headers.append("WARC-Target-URI", targetURI)
        if let ipAddress { headers.append("WARC-IP-Address", ipAddress) }
        if let concurrentTo { headers.append("WARC-Concurrent-To", concurrentTo) }
        headers.append("WARC-Profile", identicalPayloadProfile)
        if let refersTo { headers.append("WARC-Refers-To", refersTo) }
        if let refersToTargetURI { headers.append("WARC-Refers-To-Target-URI", refersToTargetURI) }
        if let refersToDate { headers.append("WARC-Refers-To-Date", refersToDate.warc11String) }
        headers.append("WARC-Payload-Digest", payloadDigest.description)
        return finish(
            headers, block: block, contentType: "application/http; msgtype=response", digest: digestAlgorithm)
    }

    /// A `resource` record: `content` retrieved from `targetURI` without a protocol envelope
    /// (DNS answers, files, screenshots); `WARC-Payload-Digest` equals the block digest.
    public static func resource(
        targetURI: String, contentType: String, content: [UInt8], date: WARCDate = .now(),
        concurrentTo: String? = nil, recordID: String = WARCRecordID.generate(),
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) -> WARCRecord {
        var headers = start(.resource, recordID: recordID, date: date)
        headers.append("WARC-Target-URI", targetURI)
        if let concurrentTo { headers.append("WARC-Concurrent-To", concurrentTo) }
        headers.append("WARC-Payload-Digest", WARCDigest.compute(content, algorithm: digestAlgorithm).description)
        return finish(headers, block: content, contentType: contentType, digest: digestAlgorithm)
    }

    private static func start(_ type: WARCRecordType, recordID: String, date: WARCDate) -> WARCHeaders {
        WARCHeaders([
            WARCHeaderField(name: "WARC-Type", value: type.rawValue),
            WARCHeaderField(name: "WARC-Record-ID", value: recordID),
            WARCHeaderField(name: "WARC-Date", value: date.warc11String),
        ])
    }

    private static func finish(
        _ headers: WARCHeaders, block: [UInt8], contentType: String, digest: WARCDigestAlgorithm
    ) -> WARCRecord {
        var all = headers
        all.append("WARC-Block-Digest", WARCDigest.compute(block, algorithm: digest).description)
        all.append("Content-Type", contentType)
        all.append("Content-Length", String(block.count))
        return WARCRecord(version: "WARC/1.1", headers: all, block: block)
    }
}
