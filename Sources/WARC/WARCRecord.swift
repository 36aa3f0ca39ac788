/// One WARC record: version line, named header fields and the block, kept byte for byte.
public struct WARCRecord: Sendable, Hashable {
    /// The version line without its CRLF, `WARC/1.1` or `WARC/1.0`.
    public var version: String
    /// The record's header fields in order.
    public var headers: WARCHeaders
    /// The block: exactly `Content-Length` bytes.
    public var block: [UInt8]

    /// A record with these parts; nothing is added or checked.
    public init(version: String = "WARC/1.1", headers: WARCHeaders, block: [UInt8]) {
        self.version = version
        self.headers = headers
        self.block = block
    }

    /// `WARC-Type` as a known record type, nil when missing or non-standard.
    public var type: WARCRecordType? { headers["WARC-Type"].flatMap { WARCRecordType(rawValue: $0.lowercased()) } }

    /// `WARC-Type` as written.
    public var typeName: String? { headers["WARC-Type"] }

    /// `WARC-Record-ID`, including its angle brackets.
    public var recordID: String? { headers["WARC-Record-ID"] }

    /// `WARC-Target-URI` without the `<` `>` that wget (WARC/1.0 era) and the 1.1 grammar of
    /// some tools put around it.
    public var targetURI: String? { headers["WARC-Target-URI"].map(Self.stripAngleBrackets) }

    /// `WARC-Date` parsed, nil when missing or invalid.
    public var date: WARCDate? { headers["WARC-Date"].flatMap { WARCDate(parsing: $0) } }

    /// `Content-Length` parsed, nil when missing or not a number.
    public var contentLength: Int64? {
        headers["Content-Length"].flatMap { ASCII.parseDecimal(ASCII.trimmed(Array($0.utf8)[...])) }
    }

    /// `Content-Type` of the block as written.
    public var contentType: String? { headers["Content-Type"] }

    /// `WARC-Payload-Digest` parsed, nil when missing or unreadable.
    public var payloadDigest: WARCDigest? { headers["WARC-Payload-Digest"].flatMap { WARCDigest(parsing: $0) } }

    /// `WARC-Block-Digest` parsed, nil when missing or unreadable.
    public var blockDigest: WARCDigest? { headers["WARC-Block-Digest"].flatMap { WARCDigest(parsing: $0) } }

    /// Every `WARC-Concurrent-To` value (the field may repeat).
    public var concurrentTo: [String] { headers.values(for: "WARC-Concurrent-To") }

    /// `WARC-Refers-To` (revisit records point at the original capture with it).
    public var refersTo: String? { headers["WARC-Refers-To"] }

    /// `WARC-IP-Address`.
    public var ipAddress: String? { headers["WARC-IP-Address"] }

    /// The full record: version line, headers, blank line, block and the closing CRLF CRLF.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(block.count + 512)
        WARCHeaders.appendSanitized(version, to: &out)
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        out.append(contentsOf: headers.serialized())
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        out.append(contentsOf: block)
        out.append(contentsOf: [ASCII.cr, ASCII.lf, ASCII.cr, ASCII.lf])
        return out
    }

    static func stripAngleBrackets(_ text: String) -> String {
        var value = Substring(text)
        while let first = value.first, first == " " || first == "\t" { value = value.dropFirst() }
        while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
        if value.hasPrefix("<") && value.hasSuffix(">") && value.count >= 2 {
            value = value.dropFirst().dropLast()
        }
        return String(value)
    }
}
