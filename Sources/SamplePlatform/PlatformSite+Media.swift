/// Media: originals byte for byte, transcodes with metadata stripped, both with ETag,
/// `If-None-Match` (304) and single-range requests (206, 416); and the default avatar.
extension PlatformSite {
    /// Media are fixed once uploaded; one date for all of them.
    static let mediaLastModified = "Mon, 04 Jan 2021 00:00:00 GMT"

    /// A 1×1 grey PNG, Mastodon's "missing" avatar.
    static let avatarPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00,
        0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x58, 0x00, 0x00, 0x00, 0xA2, 0x00, 0xA1, 0x71, 0x05, 0xCB,
        0x41, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    func media(_ name: String, transcoded: Bool, _ request: PlatformRequest) -> PlatformResponse {
        guard let file = catalog.media[name] else { return notFoundPage() }
        return bytesResponse(
            transcoded ? file.transcoded : file.original, contentType: file.entry.mimeType,
            etag: transcoded ? file.transcodedETag : file.originalETag, request: request)
    }

    func avatar(_ request: PlatformRequest) -> PlatformResponse {
        bytesResponse(Self.avatarPNG, contentType: "image/png", etag: MediaFile.etag(Self.avatarPNG), request: request)
    }

    func bytesResponse(_ bytes: [UInt8], contentType: String, etag: String, request: PlatformRequest)
        -> PlatformResponse
    {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", contentType), ("Accept-Ranges", "bytes"), ("ETag", etag),
            ("Last-Modified", Self.mediaLastModified), ("Cache-Control", "public, max-age=31536000, immutable"),
        ]
        if let ifNoneMatch = request.ifNoneMatch,
            ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingPrefix(" ") == etag || $0 == "*" })
        {
            return PlatformResponse(status: 304, headers: headers)
        }
        switch ByteRange(header: request.range, length: bytes.count) {
        case .ignored:
            return PlatformResponse(status: 200, headers: headers, body: bytes)
        case .satisfiable(let lower, let upper):
            headers.append(("Content-Range", "bytes \(lower)-\(upper)/\(bytes.count)"))
            return PlatformResponse(status: 206, headers: headers, body: Array(bytes[lower...upper]))
        case .unsatisfiable:
            headers[0] = ("Content-Type", "text/plain; charset=utf-8")
            headers.append(("Content-Range", "bytes */\(bytes.count)"))
            return PlatformResponse(status: 416, headers: headers, body: Array("Range not satisfiable\n".utf8))
        }
    }
}
