/// A raw HTTP/1.x response as received (status line, headers, body), split into head and
/// payload. The payload is the entity with the chunked transfer coding removed but any content
/// coding (gzip, br) kept — exactly what WARC 1.1 defines `WARC-Payload-Digest` over.
public struct HTTPResponseBlock: Sendable {
    /// The whole block as given.
    public let raw: [UInt8]
    /// Length of the head: status line, header lines and the blank line that ends them.
    public let headLength: Int
    /// False when no blank line ends the head (the whole block is then taken as head).
    public let headComplete: Bool
    /// The protocol from the status line, such as `HTTP/1.1`.
    public let httpVersion: String
    /// The three-digit status code, nil when the status line has none.
    public let statusCode: Int?
    /// The reason phrase (may be empty).
    public let reason: String
    /// The response header fields in order (folded lines joined).
    public let headers: WARCHeaders
    /// The payload: the body, de-chunked when the response was chunked.
    public let payload: ArraySlice<UInt8>
    /// Whether and how the chunked coding was removed.
    public let chunked: HTTPChunkedStatus

    /// The head bytes (status line through the blank line).
    public var head: ArraySlice<UInt8> { raw[0..<headLength] }

    /// The body bytes as received (still chunked when the response was).
    public var body: ArraySlice<UInt8> { raw[headLength...] }

    /// The `Content-Type` header's media type without parameters, lower-cased.
    public var mediaType: String? {
        guard let value = headers["Content-Type"] else { return nil }
        let type = value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" }).first ?? ""
        return type.isEmpty ? nil : type.lowercased()
    }

    /// The digest of `payload`.
    public func payloadDigest(algorithm: WARCDigestAlgorithm = .sha1) -> WARCDigest {
        WARCDigest.compute(payload, algorithm: algorithm)
    }

    /// Splits `block`; nil when it does not start with an `HTTP/` status line.
    public init?(parsing block: [UInt8]) {
        guard block.starts(with: Array("HTTP/".utf8)) else { return nil }
        raw = block
        let (headEnd, complete) = Self.findHeadEnd(block)
        headLength = headEnd
        headComplete = complete
        var lines = Self.lines(block[0..<headEnd])
        let statusLine = lines.isEmpty ? block[0..<0] : lines.removeFirst()
        let parts = statusLine.split(separator: ASCII.space, maxSplits: 2, omittingEmptySubsequences: false)
        httpVersion = String(decoding: parts.first ?? [], as: UTF8.self)
        if parts.count > 1, parts[1].count == 3, let code = ASCII.parseDecimal(parts[1]) {
            statusCode = Int(code)
        } else {
            statusCode = nil
        }
        reason = parts.count > 2 ? String(decoding: ASCII.trimmed(parts[2]), as: UTF8.self) : ""
        headers = Self.parseHeaders(lines)

        let body = block[headEnd...]
        let codings = headers.values(for: "Transfer-Encoding").joined(separator: ",")
            .split(separator: ",").map { $0.trimmingSpaces().lowercased() }
        if complete, codings.last == "chunked" {
            let (decoded, status) = HTTPChunkedDecoder.decode(body)
            if case .malformed = status {
                payload = body
            } else {
                payload = decoded[...]
            }
            chunked = status
        } else {
            payload = body
            chunked = .notChunked
        }
    }

    /// Index just past the blank line that ends the head (CRLF CRLF, or LF LF from sloppy
    /// servers), and whether one was found.
    static func findHeadEnd(_ block: [UInt8]) -> (Int, Bool) {
        var index = 0
        let count = block.count
        while index < count {
            if block[index] == ASCII.lf {
                if index + 1 < count, block[index + 1] == ASCII.lf { return (index + 2, true) }
                if index + 2 < count, block[index + 1] == ASCII.cr, block[index + 2] == ASCII.lf {
                    return (index + 3, true)
                }
            }
            index += 1
        }
        return (count, false)
    }

    /// The lines of a head, without their line ends, stopping at the first empty line.
    static func lines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var rest = head
        while !rest.isEmpty {
            let lineEnd = rest.firstIndex(of: ASCII.lf) ?? rest.endIndex
            var line = rest[rest.startIndex..<lineEnd]
            if line.last == ASCII.cr { line = line.dropLast() }
            rest = lineEnd < rest.endIndex ? rest[(lineEnd + 1)...] : rest[rest.endIndex...]
            if line.isEmpty { break }
            result.append(line)
        }
        return result
    }

    /// Header lines into fields; continuation lines (leading space or tab) are joined to the
    /// previous value, lines without a colon are skipped.
    static func parseHeaders(_ lines: [ArraySlice<UInt8>]) -> WARCHeaders {
        var fields: [WARCHeaderField] = []
        for line in lines {
            if let first = line.first, ASCII.isWhitespace(first), !fields.isEmpty {
                let extra = String(decoding: ASCII.trimmed(line), as: UTF8.self)
                fields[fields.count - 1].value += (fields[fields.count - 1].value.isEmpty ? "" : " ") + extra
                continue
            }
            guard let colon = line.firstIndex(of: ASCII.colon) else { continue }
            let name = String(decoding: ASCII.trimmed(line[line.startIndex..<colon]), as: UTF8.self)
            let value = String(decoding: ASCII.trimmed(line[(colon + 1)...]), as: UTF8.self)
            fields.append(WARCHeaderField(name: name, value: value))
        }
        return WARCHeaders(fields)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var value = self
        while let first = value.first, first == " " || first == "\t" { value = value.dropFirst() }
        while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
        return value
    }
}
