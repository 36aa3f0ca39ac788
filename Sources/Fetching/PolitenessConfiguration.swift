/// Per-host limits for `HostPoliteness`.
public struct PolitenessConfiguration: Sendable {
    /// Requests to one host in flight at once.
    public var maxConcurrentRequestsPerHost = 2
    /// Least time between two request starts to one host (a larger Crawl-delay wins).
    public var minimumDelay: Duration = .seconds(1)
    /// Crawl-delay values are honoured up to this (a site asking for a day per request gets this).
    public var maximumCrawlDelay: Duration = .seconds(60)
    /// Retry-After values are honoured up to this.
    public var maximumRetryAfter: Duration = .seconds(3600)

    /// The defaults: 2 concurrent requests, 1 s between starts, Crawl-delay up to 60 s, Retry-After up to 1 h.
    public init() {}
}
