/// The robots.txt verdict for one crawler on one site: the fetch status, and the file's rules when
/// there is one. This is what a crawler keeps per site (RFC 9309 allows caching it for 24 hours).
public struct RobotsRules: Sendable, Hashable {
    /// How the fetch status was read.
    public let policy: RobotsPolicy
    /// The crawler's group of rules (empty unless `policy` is `.parsed`).
    public let group: RobotsGroup
    /// Sitemap URLs named by the file.
    public let sitemaps: [String]

    /// Rules from the robots.txt fetch: its status (nil when no response came) and body, for the
    /// crawler named by `userAgent` (a product token or a whole User-Agent header).
    public init(status: Int?, body: some Collection<UInt8>, userAgent: String) {
        let policy = RobotsPolicy(status: status)
        if policy == .parsed {
            self.init(robotsTxt: RobotsTxt(bytes: body), userAgent: userAgent)
        } else {
            self.init(policy: policy, group: RobotsGroup(), sitemaps: [])
        }
    }

    private init(policy: RobotsPolicy, group: RobotsGroup, sitemaps: [String]) {
        self.policy = policy
        self.group = group
        self.sitemaps = sitemaps
    }

    /// Rules from an already parsed file (as if fetched with status 200).
    public init(robotsTxt: RobotsTxt, userAgent: String) {
        self.init(policy: .parsed, group: robotsTxt.group(forUserAgent: userAgent), sitemaps: robotsTxt.sitemaps)
    }

    /// Whether a path (with its query, e.g. "/search?q=1") may be fetched. /robots.txt itself always may.
    public func allows(_ pathAndQuery: String) -> Bool {
        switch policy {
        case .parsed, .unavailable:
            return group.allows(pathAndQuery)
        case .unreachable:
            return RobotsGroup.normalizedPath(pathAndQuery) == Array("/robots.txt".utf8)
        }
    }

    /// The Crawl-delay in seconds, when the crawler's group gives one.
    public var crawlDelay: Double? { group.crawlDelay }

    /// Whether robots.txt should be fetched again soon (it could not be read).
    public var retryLater: Bool { policy.retryLater }
}
