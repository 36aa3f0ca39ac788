import PlatformAdapters

/// RFC 3986 resolution without Foundation for the references nearly every page is made of:
/// `http(s)://host[:port]/path?query`, `/path`, `relative/path`, `?query`, written only with
/// characters a URI may hold as they are. Anything else (user info, IPv6 literals, `//host`,
/// scheme-only references, characters that need encoding, broken escapes) is left to Foundation,
/// so the two ways always agree (CrawlURLTests compares them); this one parses no URL objects
/// and is several times faster on a page's hundreds of links.
extension CrawlURL {
    enum SimpleResolution {
        case resolved(CrawlURL)
        /// A scheme other than http or https (mailto:, javascript:, data:…): never crawled.
        case notHTTP
        /// Not a simple case: resolve with Foundation.
        case needsFoundation
    }

    /// Resolves `reference` (trimmed, fragment removed) against `base` when it is a simple case.
    static func resolveSimple(_ reference: String, against base: CrawlURL?) -> SimpleResolution {
        var reference = reference
        return reference.withUTF8 { bytes in
            guard bytes.allSatisfy(isPlainURIByte), hasValidEscapes(bytes) else { return .needsFoundation }
            if let colon = schemeEnd(bytes) {
                let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
                guard scheme == "http" || scheme == "https" else { return .notHTTP }
                return resolveAbsolute(bytes[(colon + 1)...], scheme: scheme)
            }
            guard let base, let first = bytes.first else { return .needsFoundation }
            let (pathBytes, query) = splitQuery(bytes[...])
            let path: String
            switch first {
            case UInt8(ascii: "/"):
                // "//host/…" (network-path reference) is Foundation's.
                guard bytes.count < 2 || bytes[1] != UInt8(ascii: "/") else { return .needsFoundation }
                path = String(decoding: pathBytes, as: UTF8.self)
            case UInt8(ascii: "?"):
                path = base.path
            default:
                // Merge: the base path up to its last "/", then the reference (RFC 3986 5.2.3).
                let directory = base.path.utf8.lastIndex(of: UInt8(ascii: "/")).map { base.path[...$0] } ?? "/"
                path = directory + String(decoding: pathBytes, as: UTF8.self)
            }
            return .resolved(
                CrawlURL(
                    scheme: base.scheme, host: base.host, port: base.port,
                    path: normalizePercentEncoding(URIPath.removingDotSegments(path)),
                    query: query.map { normalizePercentEncoding(String(decoding: $0, as: UTF8.self)) }))
        }
    }

    /// `//host[:port][/path][?query]` after an http(s) scheme.
    private static func resolveAbsolute(_ rest: Slice<UnsafeBufferPointer<UInt8>>, scheme: String)
        -> SimpleResolution
    {
        guard rest.count > 2, rest[rest.startIndex] == UInt8(ascii: "/"),
            rest[rest.startIndex + 1] == UInt8(ascii: "/")
        else { return .needsFoundation }
        let authorityStart = rest.startIndex + 2
        let authorityEnd =
            rest[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let authority = rest[authorityStart..<authorityEnd]
        var hostBytes = authority
        var port: Int?
        if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            let digits = authority[(colon + 1)...]
            guard (1...5).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let number = Int(String(decoding: digits, as: UTF8.self)), number <= 65535
            else { return .needsFoundation }
            hostBytes = authority[..<colon]
            port = (number == 80 && scheme == "http") || (number == 443 && scheme == "https") ? nil : number
        }
        // Host names only (letters, digits, "-", "."): escapes, "_" and the like are Foundation's.
        guard !hostBytes.isEmpty, hostBytes.allSatisfy(isHostByte) else { return .needsFoundation }
        let (pathBytes, query) = splitQuery(rest[authorityEnd...])
        var path = normalizePercentEncoding(URIPath.removingDotSegments(String(decoding: pathBytes, as: UTF8.self)))
        if path.isEmpty { path = "/" }
        return .resolved(
            CrawlURL(
                scheme: scheme, host: String(decoding: hostBytes, as: UTF8.self).lowercased(), port: port, path: path,
                query: query.map { normalizePercentEncoding(String(decoding: $0, as: UTF8.self)) }))
    }

    /// The index of the ":" ending a scheme ("http:"), nil when the text has none.
    private static func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = bytes.first, isLetter(first) else { return nil }
        for index in bytes.indices.dropFirst() {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index }
            guard
                isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return nil }
        }
        return nil
    }

    /// The part before the first "?" and the part after it (nil when there is no "?").
    private static func splitQuery(_ bytes: Slice<UnsafeBufferPointer<UInt8>>)
        -> (Slice<UnsafeBufferPointer<UInt8>>, Slice<UnsafeBufferPointer<UInt8>>?)
    {
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return (bytes, nil) }
        return (bytes[..<mark], bytes[(mark + 1)...])
    }

    /// Whether every "%" starts an escape of two hex digits.
    private static func hasValidEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// Unreserved, sub-delims, ":", "@", "/", "?" and "%": what a URI holds without encoding.
    private static func isPlainURIByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            true
        case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "%"): true
        default: false
        }
    }
}
