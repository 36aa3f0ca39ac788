/// What the standard adapters need to know about the platform being archived.
public struct AdapterConfiguration: Sendable {
    /// The name posts are filed under; nil files them under the host they came from
    /// (so that the API, the feeds and the pages of one site agree).
    public var platformName: String?
    /// Sequential post ids to enumerate (Parler-style APIs).
    public var idRange: IDRangeTemplate?
    /// Where posts are in the platform's HTML pages, for pages without JSON-LD or OpenGraph.
    public var htmlSelectors: HTMLSelectors?

    /// A configuration; everything is optional.
    public init(platformName: String? = nil, idRange: IDRangeTemplate? = nil, htmlSelectors: HTMLSelectors? = nil) {
        self.platformName = platformName
        self.idRange = idRange
        self.htmlSelectors = htmlSelectors
    }

    /// The platform name for posts in a response from `url`.
    public func platform(for url: String) -> String {
        if let platformName, !platformName.isEmpty { return platformName }
        return URLParts(url)?.host ?? "unknown"
    }
}
