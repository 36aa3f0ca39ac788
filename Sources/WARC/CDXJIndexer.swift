/// Makes CDXJ index lines as pywb and cdxj-indexer write them:
/// `com,example)/path 20261125143000 {"url": "...", "mime": "...", "status": "200", "digest":
/// "sha1:...", "length": "N", "offset": "N", "filename": "..."}`.
///
/// Indexed: `response` and `revisit` records, and `resource` records other than
/// `application/warc-fields` (cdxj-indexer's default). Keys whose value is unknown are left out,
/// as cdxj-indexer does; `mime` is `warc/revisit` for revisits.
public enum CDXJIndexer {
    /// The index line of `record` stored at `location`, or nil for records that are not indexed
    /// (or lack a target URI or date).
    public static func line(for record: WARCRecord, location: WARCLocation) -> String? {
        line(for: record, filename: location.filename, offset: location.offset, length: location.length)
    }

    /// The index line of a record read from `filename` (relative to the WARC directory).
    public static func line(for entry: WARCEntry, filename: String) -> String? {
        line(for: entry.record, filename: filename, offset: entry.offset, length: entry.length)
    }

    /// The index line of `record` found at `offset` with compressed `length` in `filename`.
    public static func line(for record: WARCRecord, filename: String, offset: Int64, length: Int64) -> String? {
        guard let type = record.type, let url = record.targetURI, let date = record.date else { return nil }
        var mime: String?
        var status: String?
        var digest = record.headers["WARC-Payload-Digest"]
        switch type {
        case .response, .revisit:
            let http = HTTPResponseBlock(parsing: record.block)
            mime = type == .revisit ? "warc/revisit" : http?.headers["Content-Type"].flatMap(Self.mediaType)
            status = http?.statusCode.map { String($0) }
            if digest == nil, type == .response {
                digest = (http?.payloadDigest() ?? WARCDigest.compute(record.block)).description
            }
        case .resource:
            guard let contentType = record.contentType, contentType.lowercased() != "application/warc-fields" else {
                return nil
            }
            mime = Self.mediaType(contentType)
            if digest == nil { digest = WARCDigest.compute(record.block).description }
        default:
            return nil
        }
        var json = "{\"url\": " + JSONString.quoted(url)
        if let mime { json += ", \"mime\": " + JSONString.quoted(mime) }
        if let status { json += ", \"status\": " + JSONString.quoted(status) }
        if let digest { json += ", \"digest\": " + JSONString.quoted(digest) }
        json += ", \"length\": \"\(length)\", \"offset\": \"\(offset)\", \"filename\": " + JSONString.quoted(filename)
        json += "}"
        return SURT.key(for: url) + " " + date.timestamp14 + " " + json
    }

    /// The part of a Content-Type value before the first `;` or whitespace (cdxj-indexer's rule).
    static func mediaType(_ value: String) -> String? {
        let trimmed = value.drop { $0 == " " || $0 == "\t" }
        let type = trimmed.prefix { $0 != ";" && $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }
        return type.isEmpty ? nil : String(type)
    }
}
