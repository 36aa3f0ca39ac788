/// One HTTP request as the platform's pages and APIs see it, independent of the server library.
struct PlatformRequest: Sendable {
    /// `GET`, `HEAD`, …
    let method: String
    /// The request target as received (path and query, still encoded).
    let target: String
    /// The percent-decoded path, e.g. `/@anna_mueller/posts/12`.
    let path: String
    /// Query parameters (the first value of each name wins), percent-decoded.
    let query: [String: String]
    /// The `Range` header, if any.
    let range: String?
    /// The `If-None-Match` header, if any.
    let ifNoneMatch: String?

    init(
        method: String, path: String, query: [String: String] = [:], range: String? = nil, ifNoneMatch: String? = nil,
        target: String? = nil
    ) {
        self.method = method
        self.target = target ?? path
        self.path = path
        self.query = query
        self.range = range
        self.ifNoneMatch = ifNoneMatch
    }

    /// Splits a request target (`/path?query`) into a decoded path and query.
    init(method: String, target: String, range: String? = nil, ifNoneMatch: String? = nil) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.percentDecode(keyValue[0], plusIsSpace: true)
                let value = keyValue.count > 1 ? Self.percentDecode(keyValue[1], plusIsSpace: true) : ""
                if query[key] == nil { query[key] = value }
            }
        }
        let path = parts.first.map { Self.percentDecode($0, plusIsSpace: false) } ?? "/"
        self.init(
            method: method, path: path.isEmpty ? "/" : path, query: query, range: range, ifNoneMatch: ifNoneMatch,
            target: target)
    }

    /// Decodes `%XX` escapes (invalid ones are kept as they are) and, in queries, `+` as space.
    static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A positive integer query parameter; `fallback` when absent, nil when malformed.
    func positiveInteger(_ name: String, fallback: Int) -> Int? {
        guard let text = query[name] else { return fallback }
        guard let value = Route.canonicalInteger(text), value >= 1 else { return nil }
        return value
    }
}
