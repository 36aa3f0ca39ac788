/// Builds the block of a WARC `request` record: the HTTP/1.x request as it went on the wire.
public enum HTTPRequestBlock {
    /// `METHOD target VERSION\r\n`, the header lines, a blank line and the body.
    public static func make(
        method: String = "GET", target: String, version: String = "HTTP/1.1", headers: WARCHeaders,
        body: [UInt8] = []
    ) -> [UInt8] {
        var out: [UInt8] = []
        WARCHeaders.appendSanitized(method + " " + target + " " + version, to: &out)
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        out.append(contentsOf: headers.serialized())
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        out.append(contentsOf: body)
        return out
    }

    /// The same for an absolute `http(s)://` URL: the request target is its path and query (the
    /// fragment is dropped) and a `Host` header is put first unless `headers` has one.
    /// Nil when `url` is not an absolute http or https URL.
    public static func make(
        method: String = "GET", url: String, version: String = "HTTP/1.1", headers: WARCHeaders,
        body: [UInt8] = []
    ) -> [UInt8]? {
        guard let (host, target) = originForm(of: url) else { return nil }
        var all = headers
        if !headers.contains("Host") {
            all = WARCHeaders([WARCHeaderField(name: "Host", value: host)] + headers.fields)
        }
        return make(method: method, target: target, version: version, headers: all, body: body)
    }

    /// The `Host` value (authority without user info) and the origin-form target of `url`.
    static func originForm(of url: String) -> (host: String, target: String)? {
        let lower = url.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("http://") {
            schemeLength = 7
        } else if lower.hasPrefix("https://") {
            schemeLength = 8
        } else {
            return nil
        }
        let rest = url.dropFirst(schemeLength)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[rest.startIndex..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty else { return nil }
        var target = rest[authorityEnd...]
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        var path = String(target)
        if !path.hasPrefix("/") { path = "/" + path }
        return (String(authority), path)
    }
}
