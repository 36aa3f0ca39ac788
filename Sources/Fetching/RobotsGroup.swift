/// The rules robots.txt gives one crawler: one group, or several merged (RFC 9309 2.2.1).
public struct RobotsGroup: Sendable, Hashable {
    /// The product tokens the group was written for, lower-cased ("*" for any crawler).
    public var userAgents: [String]
    /// The Allow and Disallow rules in file order.
    public var rules: [RobotsRule]
    /// The Crawl-delay in seconds, when the group gives a valid one (the largest, if several).
    public var crawlDelay: Double?

    /// A group from its parts.
    public init(userAgents: [String] = [], rules: [RobotsRule] = [], crawlDelay: Double? = nil) {
        self.userAgents = userAgents
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Whether a path (with its query, e.g. "/search?q=1") may be fetched under this group.
    public func allows(_ pathAndQuery: String) -> Bool {
        let path = Self.normalizedPath(pathAndQuery)
        if path == Array("/robots.txt".utf8) { return true }
        return decidingRule(normalizedPath: path)?.allows ?? true
    }

    /// The rule that decides a path: the longest matching pattern, Allow winning a tie; nil when none matches.
    public func decidingRule(for pathAndQuery: String) -> RobotsRule? {
        decidingRule(normalizedPath: Self.normalizedPath(pathAndQuery))
    }

    func decidingRule(normalizedPath path: [UInt8]) -> RobotsRule? {
        var best: RobotsRule?
        for rule in rules where rule.matches(normalizedPath: path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.specificity > current.specificity
                || (rule.specificity == current.specificity && rule.allows && !current.allows)
            {
                best = rule
            }
        }
        return best
    }

    /// The path and query as rules see them: fragment dropped, "/" when empty, normalized escapes.
    static func normalizedPath(_ pathAndQuery: String) -> [UInt8] {
        var bytes = Array(pathAndQuery.utf8)
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes.removeSubrange(hash...) }
        if bytes.first != UInt8(ascii: "/") { bytes.insert(UInt8(ascii: "/"), at: 0) }
        return RobotsPathNormalizer.normalize(bytes)
    }
}
