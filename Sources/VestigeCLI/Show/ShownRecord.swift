import WARC

/// A record as `vestige show` presents it: the WARC record, its HTTP response parts when it is
/// one, and the payload both as stored and content-decoded.
struct ShownRecord {
    let place: RecordLocator.Place
    let entry: WARCEntry
    /// The HTTP response, for `response` and `revisit` records of `application/http`.
    let http: HTTPResponseBlock?
    /// Where the payload came from when it is not this record's (a revisit's original).
    var payloadSource: RecordLocator.Place?
    /// The payload as archived: the HTTP entity with chunked transfer coding removed and any
    /// content coding kept, or the whole block for records that do not hold an HTTP response.
    var payload: [UInt8]
    /// `Content-Encoding` of the HTTP response.
    var contentEncoding: String?
    /// The payload with its content coding undone; nil when the coding is unknown or corrupt.
    var decoded: [UInt8]?
    /// The payload's media type (HTTP Content-Type, or the record's for other records).
    var mediaType: String?

    /// Reads the record at `place`; throws `ShowError.notFound` naming the file and offset.
    init(place: RecordLocator.Place) throws(ShowError) {
        let entry: WARCEntry
        do {
            entry = try WARCReader.record(at: place.offset, in: place.path)
        } catch {
            throw .notFound(
                "\(place.file) @ \(place.offset): no readable record there (\(error)); "
                    + "offsets are where a record's gzip member starts, as vestige search prints them")
        }
        self.place = place
        self.entry = entry
        let record = entry.record
        let isHTTP = record.contentType?.lowercased().hasPrefix("application/http") == true
        http = isHTTP ? HTTPResponseBlock(parsing: record.block) : nil
        if let http {
            payload = Array(http.payload)
            contentEncoding = http.headers["Content-Encoding"]
            mediaType = http.mediaType
        } else {
            payload = record.block
            contentEncoding = nil
            mediaType = record.contentType.map { String($0.prefix { $0 != ";" }).lowercased() }
        }
        decoded = HTTPContentDecoder.decode(payload, contentEncoding: contentEncoding, limit: Int.max)
    }

    /// Takes the payload of `original` (the record a revisit refers to).
    mutating func usePayload(of original: ShownRecord) {
        payloadSource = original.place
        payload = original.payload
        contentEncoding = original.contentEncoding
        decoded = original.decoded
        mediaType = original.mediaType ?? mediaType
    }

    /// The payload as text when it is text (by media type, else by content) and valid UTF-8.
    var text: String? {
        guard let bytes = decoded else { return nil }
        if let type = mediaType {
            let textual =
                type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type == "application/warc-fields"
                || type == "application/x-www-form-urlencoded"
            guard textual || (type.hasPrefix("application/http") && !bytes.contains(0)) else { return nil }
        } else if bytes.contains(0) {
            return nil
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
