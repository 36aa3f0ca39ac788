/// The unit of politeness: scheme, host and port of a URL (lower-cased, default port filled in).
public struct HostKey: Sendable, Hashable, CustomStringConvertible {
    /// "http" or "https" (any scheme is kept lower-cased).
    public let scheme: String
    /// The host name or IP address, lower-cased; IPv6 addresses keep their brackets.
    public let host: String
    /// The port, 80 / 443 when the URL gives none.
    public let port: Int

    /// A key from its parts; `port` nil means the scheme's default (80 for http, 443 for https).
    public init(scheme: String, host: String, port: Int? = nil) {
        let scheme = scheme.lowercased()
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port ?? (scheme == "https" ? 443 : 80)
    }

    /// The key of an absolute URL ("https://User@Example.org:8443/path" → https://example.org:8443);
    /// nil when the URL has no scheme or host, or a malformed port.
    public init?(url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        let scheme = String(url[..<colon])
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return nil
        }
        let rest = url[colon...].dropFirst(3)
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let afterHost = authority[authority.index(after: close)...]
            if afterHost.hasPrefix(":") { portText = afterHost.dropFirst() } else if !afterHost.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy(\.isASCII), let number = Int(portText), number <= 65535
            else { return nil }
            port = number
        }
        self.init(scheme: scheme, host: String(host), port: port)
    }

    /// "scheme://host:port".
    public var description: String { "\(scheme)://\(host):\(port)" }
}
