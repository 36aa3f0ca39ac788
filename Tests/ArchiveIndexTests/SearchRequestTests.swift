import ArchiveIndex
import Testing

/// `SearchRequest.narrowsHits`, which tells `vestige export` whether to write the whole archive:
/// every stored property of the request is either a way to select fewer hits or said not to be.
@Suite struct SearchRequestTests {
    @Test func everyStoredPropertyNarrowsTheHitsOrIsSaidNotTo() throws {
        let query = try SearchQueryParser.parse("flood")
        let circle = try GeoCircle(latitude: 1, longitude: 2, radiusKilometres: 3)
        let box = try GeoBox(minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1)
        let since = try #require(Timestamp(parsing: "2021-01-06"))
        // Each property set away from its value in `everything`, and whether that narrows.
        let changes: [String: (narrows: Bool, change: (inout SearchRequest) -> Void)] = [
            "query": (true, { $0.query = query }),
            "near": (true, { $0.near = circle }),
            "bbox": (true, { $0.bbox = box }),
            "since": (true, { $0.since = since }),
            "until": (true, { $0.until = since }),
            "author": (true, { $0.author = "alice" }),
            "hasGPS": (true, { $0.hasGPS = true }),
            "deletedOnly": (true, { $0.deletedOnly = true }),
            "historyOnly": (true, { $0.historyOnly = true }),
            "kinds": (true, { $0.kinds = [.post] }),
            "limit": (true, { $0.limit = 5 }),
            "sort": (false, { $0.sort = .time }),
            "includeNullIsland": (false, { $0.includeNullIsland = true }),
        ]
        let stored = Mirror(reflecting: SearchRequest()).children.compactMap(\.label)
        #expect(
            Set(stored) == Set(changes.keys),
            "a SearchRequest property was added or renamed: say here whether it narrows the hits")
        for (name, entry) in changes {
            var request = SearchRequest.everything
            entry.change(&request)
            #expect(request.narrowsHits == entry.narrows, "\(name)")
        }
        #expect(!SearchRequest.everything.narrowsHits)
        #expect(SearchRequest.everything.limit == nil)
        #expect(SearchRequest().narrowsHits, "the default request has a limit of 20")
    }
}
