/// A parsed robots.txt file (RFC 9309), tolerant of anything a server may send: binary junk,
/// lines without a colon, CR / LF / CRLF line ends, a UTF-8 byte order mark, huge files
/// (only the first `maxBytes` are read).
public struct RobotsTxt: Sendable, Hashable {
    /// Bytes read at most; the RFC asks crawlers to parse at least 500 KiB.
    public static let maxBytes = 500 * 1024

    /// The groups in file order (groups naming the same agent are merged when looked up).
    public let groups: [RobotsGroup]
    /// Sitemap URLs, in file order.
    public let sitemaps: [String]

    /// Parses the text of a robots.txt file.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Parses the bytes of a robots.txt file.
    public init(bytes: some Collection<UInt8>) {
        var input = Array(bytes.prefix(Self.maxBytes))
        if bytes.count > Self.maxBytes, let lastBreak = input.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            // Cut at the last whole line: half a pattern would mean a different rule.
            input.removeSubrange(lastBreak...)
        }
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }

        var groups: [RobotsGroup] = []
        var sitemaps: [String] = []
        var inAgentLines = false
        for rawLine in input.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            guard let (key, value) = Self.keyAndValue(rawLine) else { continue }
            switch key {
            case .userAgent:
                let agent = Self.productToken(value)
                if inAgentLines, !groups.isEmpty {
                    groups[groups.count - 1].userAgents.append(agent)
                } else {
                    groups.append(RobotsGroup(userAgents: [agent]))
                }
                inAgentLines = true
            case .allow, .disallow:
                inAgentLines = false
                guard !groups.isEmpty, let rule = RobotsRule(allows: key == .allow, patternBytes: Array(value))
                else { continue }
                groups[groups.count - 1].rules.append(rule)
            case .crawlDelay:
                inAgentLines = false
                guard !groups.isEmpty, let seconds = Double(ResponseHeadParser.text(value)), seconds.isFinite,
                    seconds >= 0
                else { continue }
                let current = groups[groups.count - 1].crawlDelay ?? 0
                groups[groups.count - 1].crawlDelay = max(current, seconds)
            case .sitemap:
                if !value.isEmpty { sitemaps.append(ResponseHeadParser.text(value)) }
            }
        }
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// The rules for a crawler: every group naming its product token (case-insensitive) merged,
    /// else every "*" group merged, else no rules at all.
    ///
    /// `userAgent` may be a whole User-Agent header ("vestige/0.1 (+https://…)"): its product token is used.
    public func group(forUserAgent userAgent: String) -> RobotsGroup {
        let token = Self.productToken(Array(userAgent.utf8)[...])
        var matching = groups.filter { !token.isEmpty && $0.userAgents.contains(token) }
        if matching.isEmpty { matching = groups.filter { $0.userAgents.contains("*") } }
        var merged = RobotsGroup()
        for group in matching {
            merged.userAgents += group.userAgents.filter { !merged.userAgents.contains($0) }
            merged.rules += group.rules
            if let delay = group.crawlDelay { merged.crawlDelay = max(merged.crawlDelay ?? 0, delay) }
        }
        return merged
    }

    /// Whether a crawler may fetch a path (with query) according to this file.
    public func allows(_ pathAndQuery: String, userAgent: String) -> Bool {
        group(forUserAgent: userAgent).allows(pathAndQuery)
    }

    private enum Key {
        case userAgent, allow, disallow, crawlDelay, sitemap
    }

    /// The key and value of a line, comment removed; nil for blank, comment-only, colon-less or unknown lines.
    private static func keyAndValue(_ line: ArraySlice<UInt8>) -> (Key, ArraySlice<UInt8>)? {
        var content = line
        if let hash = content.firstIndex(of: UInt8(ascii: "#")) { content = content[..<hash] }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = trimmed(content[..<colon]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let value = trimmed(content[(colon + 1)...])
        let key: Key
        switch String(decoding: name, as: UTF8.self) {
        case "user-agent", "useragent", "user agent": key = .userAgent
        case "allow": key = .allow
        // Common misspellings, as major crawlers accept them.
        case "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw": key = .disallow
        case "crawl-delay", "crawldelay", "crawl delay": key = .crawlDelay
        case "sitemap", "site-map": key = .sitemap
        default: return nil
        }
        return (key, value)
    }

    /// The product token of a user-agent value, lower-cased: its leading letters, "-" and "_"
    /// ("Googlebot/2.1" → "googlebot"), or "*".
    static func productToken(_ value: ArraySlice<UInt8>) -> String {
        let trimmedValue = trimmed(value)
        if trimmedValue.first == UInt8(ascii: "*") { return "*" }
        let token = trimmedValue.prefix { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
        return String(decoding: token, as: UTF8.self).lowercased()
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }
}
