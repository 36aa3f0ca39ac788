/// Something that happened to one URL during a crawl, for logs.
public struct CrawlEvent: Sendable {
    /// What happened.
    public enum Kind: String, Sendable {
        case archived, revisit, retry, failed, excluded, discovered, recovered
    }

    public var kind: Kind
    public var url: String
    /// HTTP status, when there was a response.
    public var status: Int?
    /// Why (failures, exclusions, retries).
    public var reason: String?
    /// WARC file and offset of the record, for archived URLs.
    public var warcFile: String?
    public var warcOffset: Int64?
}
