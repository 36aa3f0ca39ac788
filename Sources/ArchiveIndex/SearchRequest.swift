/// Everything a search asks for; every filter is optional and they combine with AND.
public struct SearchRequest: Sendable, Hashable {
    /// Full-text query (posts: body and author; pages: title and text); nil lists by filters only.
    public var query: SearchQuery?
    /// Only hits within this great-circle distance.
    public var near: GeoCircle?
    /// Only hits inside this closed box.
    public var bbox: GeoBox?
    /// Only hits at or after this instant (posts: created_at, pages: fetched_at, media: taken_at).
    public var since: Timestamp?
    /// Only hits before this instant.
    public var until: Timestamp?
    /// Only posts by this handle (a leading `@` is ignored; case-insensitive), and their media.
    public var author: String?
    /// Only hits with a position.
    public var hasGPS = false
    /// Only deleted posts.
    public var deletedOnly = false
    /// Only edited posts (with earlier versions), each with its versions.
    public var historyOnly = false
    /// Which kinds of hits; empty means all.
    public var kinds: Set<HitKind> = []
    /// Most hits returned; nil for all.
    public var limit: Int? = 20
    /// Order; nil means relevance with a query, time without.
    public var sort: SearchSort?
    /// Let points at exactly 0,0 pass --has-gps, --bbox and --near.
    public var includeNullIsland = false

    /// A request with no filters (the newest 20 hits of any kind).
    public init(query: SearchQuery? = nil) { self.query = query }

    /// The request for every hit: no query, no filter, no limit.
    public static let everything: SearchRequest = {
        var request = SearchRequest()
        request.limit = nil
        return request
    }()

    /// True when the request selects fewer hits than `everything`: a query, a filter or a limit.
    /// The order and `includeNullIsland` (which only widens place filters) select nothing.
    ///
    /// Compared with `==` (synthesised from every stored property), so a property added later
    /// narrows the request as soon as it differs from its default, without being listed here.
    public var narrowsHits: Bool {
        var selection = self
        selection.sort = nil
        selection.includeNullIsland = false
        return selection != Self.everything
    }

    /// True when a place filter applies.
    var hasPlaceFilter: Bool { near != nil || bbox != nil || hasGPS }

    /// The order actually used.
    var effectiveSort: SearchSort { query == nil ? .time : (sort ?? .relevance) }

    /// True when hits of `kind` can match at all.
    func wants(_ kind: HitKind) -> Bool {
        if !kinds.isEmpty, !kinds.contains(kind) { return false }
        switch kind {
        case .post: return true
        case .page: return !hasPlaceFilter && !deletedOnly && !historyOnly && author == nil
        case .media: return query == nil && !deletedOnly && !historyOnly
        }
    }
}
