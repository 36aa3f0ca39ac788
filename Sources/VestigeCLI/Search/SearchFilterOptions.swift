public import ArchiveIndex
public import ArgumentParser

/// The query and filters shared by `vestige search` and `vestige export`, so both select
/// exactly the same hits from the same options.
public struct SearchFilterOptions: ParsableArguments {
    /// True when a query, a filter or `--limit` is given (export then takes the hits, not the whole
    /// archive). Read from the request the options build (`SearchRequest.narrowsHits`), so a new
    /// filter counts without being listed here; options that build no request were given too.
    var isFiltered: Bool {
        // `--limit 0` asks for all hits, the request of no --limit, but it asks for hits.
        if limit != nil { return true }
        do {
            return try request(defaultLimit: nil).narrowsHits
        } catch {
            return true
        }
    }

    @Argument(help: "The query (several arguments are joined with spaces). Omit to list by filters.")
    var query: [String] = []

    @Option(name: .long, help: ArgumentHelp("Centre LAT,LON for --radius-km.", valueName: "lat,lon"))
    var near: String?

    @Option(name: .customLong("radius-km"), help: ArgumentHelp("Radius around --near, kilometres.", valueName: "km"))
    var radiusKm: String?

    @Option(
        name: .long, help: ArgumentHelp("Box MINLON,MINLAT,MAXLON,MAXLAT.", valueName: "minlon,minlat,maxlon,maxlat"))
    var bbox: String?

    @Option(name: .long, help: ArgumentHelp("At or after this ISO 8601 time or date.", valueName: "iso8601"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Before this ISO 8601 time or date.", valueName: "iso8601"))
    var until: String?

    @Option(name: .long, help: "Only posts by this handle (and their media).")
    var author: String?

    @Flag(name: .customLong("has-gps"), help: "Only hits with a position.")
    var hasGPS = false

    @Flag(name: .long, help: "Only deleted posts.")
    var deleted = false

    @Flag(name: .long, help: "Only edited posts, each with its earlier texts (versions) and where they were archived.")
    var history = false

    @Option(name: .long, help: "Only this kind of hit (repeatable).")
    var kind: [HitKindArgument] = []

    @Option(name: .long, help: "Most hits (0 = all; search prints 20 by default, export writes all).")
    var limit: Int?

    @Option(name: .long, help: "relevance (default with a query) or time (newest first).")
    var sort: SearchSortArgument?

    @Flag(name: .customLong("include-null-island"), help: "Let points at exactly 0,0 pass place filters.")
    var includeNullIsland = false

    public init() {}

    /// Builds the request from the options (`defaultLimit` without --limit; nil = all); throws
    /// `SearchUsageError` naming the bad one.
    public func request(defaultLimit: Int?) throws(SearchUsageError) -> SearchRequest {
        var request = SearchRequest()
        if !query.isEmpty {
            let text = query.joined(separator: " ")
            do {
                request.query = try SearchQueryParser.parse(text)
            } catch {
                throw SearchUsageError("\(error)")
            }
        }
        switch (near, radiusKm) {
        case (nil, nil): break
        case (nil, _?): throw SearchUsageError("--radius-km goes with --near LAT,LON")
        case (_?, nil): throw SearchUsageError("--near needs --radius-km K (kilometres)")
        case (let center?, let radiusText?):
            guard let radius = Double(radiusText), radius.isFinite else {
                throw SearchUsageError("--radius-km \(radiusText): not a number of kilometres")
            }
            guard radius >= 0 else {
                throw SearchUsageError("--radius-km \(radiusText): the radius cannot be negative")
            }
            do {
                request.near = try GeoCircle(parsing: center, radiusKilometres: radius)
            } catch {
                throw SearchUsageError("--near \(center): \(error)")
            }
        }
        if let bbox {
            do {
                request.bbox = try GeoBox(parsing: bbox)
            } catch {
                throw SearchUsageError("--bbox \(bbox): \(error)")
            }
        }
        if let since {
            guard let instant = Timestamp(parsing: since) else {
                throw SearchUsageError(
                    "--since \(since): not an ISO 8601 date or time (e.g. 2021-01-06 or 2021-01-06T18:00Z)")
            }
            request.since = instant
        }
        if let until {
            guard let instant = Timestamp(parsing: until) else {
                throw SearchUsageError(
                    "--until \(until): not an ISO 8601 date or time (e.g. 2021-01-07 or 2021-01-06T18:00Z)")
            }
            request.until = instant
        }
        if let since = request.since, let until = request.until, !(since < until) {
            throw SearchUsageError("--since \(since) is not before --until \(until): nothing can match")
        }
        if let author {
            guard !SearchCommandSupport.handle(author).isEmpty else {
                throw SearchUsageError("--author: give a handle")
            }
            request.author = author
        }
        if let limit {
            guard limit >= 0 else { throw SearchUsageError("--limit \(limit): give 0 (all) or more") }
            request.limit = limit == 0 ? nil : limit
        } else {
            request.limit = defaultLimit
        }
        request.hasGPS = hasGPS
        request.deletedOnly = deleted
        request.historyOnly = history
        request.kinds = Set(kind.map(\.kind))
        request.sort = sort?.sort
        request.includeNullIsland = includeNullIsland
        return request
    }
}
