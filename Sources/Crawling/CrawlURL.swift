import PlatformAdapters

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An http(s) URL in the normal form the frontier deduplicates on: scheme and host lower-case,
/// default port dropped, fragment dropped, dot segments removed, percent-encoding normalised
/// (hex upper-case, unreserved characters decoded), empty path as "/".
public struct CrawlURL: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised URL text.
    public let string: String
    /// "http" or "https".
    public let scheme: String
    /// Lower-case host name or IP literal.
    public let host: String
    /// Port, when not the scheme's default.
    public let port: Int?
    /// Path (always starting with "/").
    public let path: String
    /// Query without "?", when present.
    public let query: String?

    /// Parses and normalises `text`, resolving it against `base` when it is relative.
    /// Nil for other schemes (mailto:, javascript:, data:), empty text and unparseable URLs.
    public init?(_ text: String, relativeTo base: CrawlURL? = nil) {
        self.init(text, relativeTo: base, baseURL: nil)
    }

    /// As `init(_:relativeTo:)`, with `base` already parsed by Foundation (`baseURL`): a page's
    /// links all resolve against one base, which is then parsed once, not once per link.
    init?(_ text: String, relativeTo base: CrawlURL?, baseURL: URL?) {
        var trimmed = text.trimming([" ", "\t", "\n", "\r", "\r\n"])
        if let hash = trimmed.firstIndex(of: "#") { trimmed = String(trimmed[..<hash]) }
        if trimmed.isEmpty {
            // A fragment-only reference ("#top") is the base document itself.
            guard let base else { return nil }
            self = base
            return
        }
        // Characters browsers accept but URL parsing rejects.
        if trimmed.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\\") }) {
            trimmed = trimmed.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "\\", with: "/")
        }
        switch Self.resolveSimple(trimmed, against: base) {
        case .resolved(let url): self = url
        case .notHTTP: return nil
        case .needsFoundation:
            guard let url = Self.resolveWithFoundation(trimmed, against: base, baseURL: baseURL) else { return nil }
            self = url
        }
    }

    /// Resolution by Foundation's URL parser, for references `resolveSimple` leaves to it.
    static func resolveWithFoundation(_ trimmed: String, against base: CrawlURL?, baseURL: URL?) -> CrawlURL? {
        let parsed: URL?
        if let base, !Self.isAbsoluteHTTP(trimmed), let baseURL = baseURL ?? URL(string: base.string) {
            parsed = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL
        } else {
            parsed = URL(string: trimmed)
        }
        guard let url = parsed, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let rawHost = components.percentEncodedHost?.lowercased(), !rawHost.isEmpty
        else { return nil }
        let port = components.port.flatMap {
            ($0 == 80 && scheme == "http") || ($0 == 443 && scheme == "https") ? nil : $0
        }
        var path = Self.normalizePercentEncoding(URIPath.removingDotSegments(components.percentEncodedPath))
        if path.isEmpty { path = "/" }
        let query = components.percentEncodedQuery.map(Self.normalizePercentEncoding)
        return CrawlURL(scheme: scheme, host: rawHost, port: port, path: path, query: query)
    }

    /// A URL from parts already normalised (host lower-case, path with dot segments removed and
    /// percent-encoding normalised, default port dropped); a trailing dot of the host is dropped.
    init(scheme: String, host: String, port: Int?, path: String, query: String?) {
        self.scheme = scheme
        self.host = host.hasSuffix(".") ? String(host.dropLast()) : host
        self.port = port
        self.path = path
        self.query = query
        string = "\(scheme)://\(self.host)\(port.map { ":\($0)" } ?? "")\(path)\(query.map { "?\($0)" } ?? "")"
    }

    /// scheme://host[:port], the unit of politeness and of robots.txt.
    public var origin: String { "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")" }

    /// Path and query, as robots.txt rules match them.
    public var pathAndQuery: String { path + (query.map { "?\($0)" } ?? "") }

    public var description: String { string }

    public static func < (lhs: CrawlURL, rhs: CrawlURL) -> Bool { lhs.string < rhs.string }

    /// Whether `text` starts with `http://` or `https://` (any case): no base needed.
    static func isAbsoluteHTTP(_ text: String) -> Bool {
        var bytes = text.utf8.prefix(8).makeIterator()
        for expected in "http".utf8 {
            guard let byte = bytes.next(), byte | 0x20 == expected else { return false }
        }
        guard var byte = bytes.next() else { return false }
        if byte | 0x20 == UInt8(ascii: "s") { byte = bytes.next() ?? 0 }
        return byte == UInt8(ascii: ":") && bytes.next() == UInt8(ascii: "/") && bytes.next() == UInt8(ascii: "/")
    }

    /// Upper-cases percent-escapes and decodes those of unreserved characters.
    static func normalizePercentEncoding(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes = Array(text.utf8)[...]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%"), bytes.count >= 2, let high = hexValue(bytes[bytes.startIndex]),
                let low = hexValue(bytes[bytes.startIndex + 1])
            else {
                out.append(byte)
                continue
            }
            bytes = bytes.dropFirst(2)
            let decoded = high << 4 | low
            let isUnreserved =
                (decoded >= 0x41 && decoded <= 0x5A) || (decoded >= 0x61 && decoded <= 0x7A)
                || (decoded >= 0x30 && decoded <= 0x39) || decoded == 0x2D || decoded == 0x2E || decoded == 0x5F
                || decoded == 0x7E
            if isUnreserved {
                out.append(decoded)
            } else {
                out += [UInt8(ascii: "%"), hexDigit(decoded >> 4), hexDigit(decoded & 0xF)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x37 + value }
}
