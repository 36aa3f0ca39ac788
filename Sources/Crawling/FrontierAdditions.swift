/// URLs to put in the frontier, with what they share.
public struct FrontierAdditions: Sendable {
    public var urls: [CrawlURL]
    public var depth: Int
    public var via: String?
    public var priority = 0
    public var redirects = 0

    public init(urls: [CrawlURL], depth: Int, via: String? = nil, priority: Int = 0, redirects: Int = 0) {
        self.urls = urls
        self.depth = depth
        self.via = via
        self.priority = priority
        self.redirects = redirects
    }
}
