/// The fields of a `warcinfo` record, written as `application/warc-fields` (names as Heritrix
/// and the WARC 1.1 annex use them).
public struct WARCInfoFields: Sendable, Hashable {
    /// `software`: name and version of the writing program, such as `vestige/0.1.0`.
    public var software: String
    /// `hostname` of the machine that crawled.
    public var hostname: String?
    /// `format`: the WARC specification followed.
    public var format: String
    /// `conformsTo`: URL of the specification.
    public var conformsTo: String
    /// `robots`: the robots.txt policy, such as `obey` or `ignore`.
    public var robots: String?
    /// `operator`: who ran the crawl (person or organisation, with a contact).
    public var operatorContact: String?
    /// `http-header-user-agent`: the User-Agent sent with requests.
    public var userAgent: String?
    /// `description` of the crawl.
    public var crawlDescription: String?
    /// Further fields, written after the ones above in this order.
    public var extra: [WARCHeaderField]

    /// Fields for a warcinfo record; `format` and `conformsTo` default to WARC 1.1.
    public init(
        software: String, hostname: String? = nil, format: String = "WARC File Format 1.1",
        conformsTo: String = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        robots: String? = nil, operatorContact: String? = nil, userAgent: String? = nil,
        crawlDescription: String? = nil, extra: [WARCHeaderField] = []
    ) {
        self.software = software
        self.hostname = hostname
        self.format = format
        self.conformsTo = conformsTo
        self.robots = robots
        self.operatorContact = operatorContact
        self.userAgent = userAgent
        self.crawlDescription = crawlDescription
        self.extra = extra
    }

    /// The fields in the order they are written.
    public var headers: WARCHeaders {
        var headers = WARCHeaders()
        headers.append("software", software)
        if let hostname { headers.append("hostname", hostname) }
        headers.append("format", format)
        headers.append("conformsTo", conformsTo)
        if let robots { headers.append("robots", robots) }
        if let operatorContact { headers.append("operator", operatorContact) }
        if let userAgent { headers.append("http-header-user-agent", userAgent) }
        if let crawlDescription { headers.append("description", crawlDescription) }
        for field in extra { headers.append(field.name, field.value) }
        return headers
    }
}
