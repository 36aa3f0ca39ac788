/// Counters of one crawl run, for the live progress line and the closing summary.
public struct CrawlStatistics: Sendable, Equatable {
    /// Responses archived (including redirects and error pages).
    public var archived = 0
    /// Of those, revisits (payload archived before).
    public var revisits = 0
    /// Response bytes archived (HTTP head + body as received).
    public var bytes: Int64 = 0
    /// URLs given up, by reason kind ("timeout", "HTTP 429", …).
    public var failures: [String: Int] = [:]
    /// URLs not fetched because robots.txt disallows them.
    public var robotsExcluded = 0
    /// Retries scheduled (429/503/5xx/network).
    public var retries = 0
    /// URLs added to the frontier in this run.
    public var discovered = 0
    /// Media files fetched header-only (in ranges).
    public var headerOnlyMedia = 0
    /// Their full sizes, and the bytes of them actually fetched.
    public var headerOnlyMediaBytes: Int64 = 0
    public var headerOnlyFetchedBytes: Int64 = 0
    /// Why the run stopped early because the archive could not be written (disk full…), if it did.
    public var archiveFailure: String?
    /// Seconds since the run started.
    public var elapsed: Double = 0

    /// Archived URLs per second.
    public var pagesPerSecond: Double { elapsed > 0 ? Double(archived) / elapsed : 0 }

    /// All failures.
    public var failed: Int { failures.values.reduce(0, +) }
}
