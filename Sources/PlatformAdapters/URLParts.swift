/// An http(s) URL split into the parts adapters look at, and RFC 3986 reference resolution.
///
/// Small on purpose: adapters only need the path to match routes, the origin to build API
/// URLs, and absolute links; anything that is not http(s) is refused.
struct URLParts: Sendable, Equatable {
    /// `http` or `https`.
    var scheme: String
    /// `host[:port]` (user info dropped), lower-cased.
    var authority: String
    /// The path, starting with `/` (`/` when the URL has none).
    var path: String
    /// The query without `?`, if any.
    var query: String?

    /// Parses an absolute http(s) URL; the fragment is dropped.
    init?(_ text: String) {
        let trimmed = text.trimmingBlanks()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = trimmed[trimmed.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        rest = rest.dropFirst(2)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty, !authority.contains(where: { $0.isWhitespace || $0 == "\\" }) else { return nil }
        var pathAndQuery = rest[authorityEnd...]
        var query: String?
        if let mark = pathAndQuery.firstIndex(of: "?") {
            query = String(pathAndQuery[pathAndQuery.index(after: mark)...])
            pathAndQuery = pathAndQuery[..<mark]
        }
        self.scheme = scheme
        self.authority = authority.lowercased()
        self.path = pathAndQuery.isEmpty ? "/" : URIPath.removingDotSegments(String(pathAndQuery))
        self.query = query
    }

    /// The host without the port.
    var host: String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? authority
    }

    /// `scheme://authority`.
    var origin: String { scheme + "://" + authority }

    /// The URL as text.
    var string: String { origin + path + (query.map { "?" + $0 } ?? "") }

    /// The path's segments, without empty ones.
    var pathSegments: [Substring] { path.split(separator: "/") }

    /// The value of query parameter `name` (not percent-decoded).
    func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// `reference` resolved against `base` (RFC 3986 §5.2) as an absolute http(s) URL without
    /// fragment; nil for other schemes, blank references or control characters.
    static func resolve(_ reference: String, against base: String) -> String? {
        var text = reference.trimmingBlanks()
        guard text.utf8.count <= 8192, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        if text.contains(" ") { text = text.replacing(" ", with: "%20") }
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        if Self.hasScheme(text) { return URLParts(text)?.string }
        guard let base = URLParts(base) else { return nil }
        if text.isEmpty { return base.string }
        if text.hasPrefix("//") { return URLParts(base.scheme + ":" + text)?.string }
        if text.hasPrefix("?") { return base.origin + base.path + text }
        var path = text
        var query: String?
        if let mark = text.firstIndex(of: "?") {
            path = String(text[..<mark])
            query = String(text[text.index(after: mark)...])
        }
        if !path.hasPrefix("/") {
            let directory = base.path.lastIndex(of: "/").map { base.path[...$0] } ?? "/"
            path = directory + path
        }
        return base.origin + URIPath.removingDotSegments(path) + (query.map { "?" + $0 } ?? "")
    }

    /// Whether `text` starts with `scheme:`.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
