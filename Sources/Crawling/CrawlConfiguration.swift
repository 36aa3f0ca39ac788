public import PlatformAdapters

/// Everything a crawl run is told: where to start, how far to go and how politely.
public struct CrawlConfiguration: Sendable {
    /// Seed URLs (depth 0).
    public var seeds: [CrawlURL]
    /// Which URLs are followed.
    public var scope: CrawlScope
    /// Stop after archiving this many URLs in this run (nil: until the frontier is empty).
    public var maxPages: Int?
    /// Fetches running at once over all hosts.
    public var concurrency = 16
    /// Fetches running at once against one host.
    public var perHostConcurrency = 2
    /// Minimum seconds between two request starts to one host (robots.txt Crawl-delay wins when larger).
    public var perHostDelay: Double = 1.0
    /// The User-Agent header; must identify the crawler and a contact.
    public var userAgent: String
    /// robots.txt ignored (explicit opt-out only).
    public var ignoreRobots = false
    /// Largest body archived; longer bodies are cut and marked WARC-Truncated: length.
    public var maxBodyBytes = 100 * 1024 * 1024
    /// Attempts per URL for temporary failures (network errors, 429, 5xx).
    public var maxAttempts = 4
    /// Redirect hops followed from one URL.
    public var maxRedirects = 10
    /// URLs kept per host (trap guard).
    public var maxURLsPerHost = 1_000_000
    /// Seconds before an unreachable robots.txt (5xx, 429, no answer) is asked for again; its
    /// site's URLs wait that long, and fail after `maxAttempts` such waits.
    public var robotsRetryDelay: Double = 30
    /// Longest wait honoured from a Retry-After header, in seconds.
    public var maxRetryAfter: Double = 3600
    /// Operator and contact written into every warcinfo record.
    public var operatorContact: String?
    /// WARC files roll over at this size.
    public var maxWARCFileSize: Int64 = 1_000_000_000
    /// What reads platform API responses (posts, pagination, media links) and, with an id range,
    /// which post URLs to enumerate; by default every standard adapter, chosen by detection.
    public var adapters = AdapterSet.standard()
    /// Whole media files, or only the byte ranges holding their metadata.
    public var mediaMode = MediaFetchMode.full
    /// Connect / total timeouts in seconds.
    public var connectTimeout: Double = 15
    public var totalTimeout: Double = 120
    /// A transfer slower than `lowSpeedLimit` bytes per second for `lowSpeedTime` seconds is cut
    /// (servers that trickle bytes to hold a connection); its partial body is marked `time`.
    public var lowSpeedLimit = 64
    public var lowSpeedTime: Double = 30
    /// A PEM file of certificate authorities to trust instead of the system's (a test server or
    /// an intranet CA); certificate and host name checks stay on.
    public var caFile: String?

    /// A configuration for `seeds`.
    public init(seeds: [CrawlURL], scope: CrawlScope, userAgent: String) {
        self.seeds = seeds
        self.scope = scope
        self.userAgent = userAgent
    }

    /// vestige's default User-Agent: names the tool, its version and where to learn about it.
    public static func defaultUserAgent(version: String, contact: String?) -> String {
        "vestige/\(version) (+\(contact ?? "https://github.com/vestige-archive/vestige"); archiving public content)"
    }
}
