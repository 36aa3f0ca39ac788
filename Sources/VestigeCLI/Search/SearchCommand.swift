public import ArchiveIndex
public import ArgumentParser

/// `vestige search`: find posts, pages and media by words, place, time and author.
public struct SearchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an archive by words, place, time and author.",
        discussion: """
            Query: words (all must match), OR, NOT, "exact phrase", prefix* , ( ) groups, #tag, \
            @handle. Case and accents do not matter ("Munchen" finds "München"); no stemming. \
            AND, OR and NOT are operators only in capitals; NOT needs a term before it (a NOT b).

            Times are UTC instants: --since is inclusive, --until exclusive; offsets in the data \
            and in the options are respected; a bare date means 00:00 UTC. --bbox is \
            MINLON,MINLAT,MAXLON,MAXLAT, closed; MINLON > MAXLON crosses the antimeridian. --near \
            is great-circle distance. Points at exactly 0,0 (devices without a fix) are left out \
            of --has-gps, --bbox and --near unless --include-null-island. Without --deleted, \
            deleted posts are included and carry deleted_at; with it, only they are returned. \
            Use --opt=value for negative numbers and -- before a query that starts with -.

            The archive is opened read-only. Exit status: 0 ok (also when nothing matches), \
            1 runtime failure, 64 bad query or option.

            Examples:
              vestige search --archive arch 'flood "river bank" NOT #weather'
              vestige search --archive arch --near=-33.87,151.21 --radius-km 5 --since 2021-01-06
              vestige search --archive arch --bbox=170,-50,-170,-30 --format geojson > hits.geojson
              vestige search --archive arch --author alice --deleted --format csv
            """)

    @Option(name: .long, help: "The archive folder (holding archive.sqlite).")
    var archive: String

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

    @Option(name: .long, help: "Only this kind of hit (repeatable).")
    var kind: [HitKindArgument] = []

    @Option(name: .long, help: "Most hits to print (0 = all).")
    var limit: Int = 20

    @Option(name: .long, help: "relevance (default with a query) or time (newest first).")
    var sort: SearchSortArgument?

    @Flag(name: .customLong("include-null-island"), help: "Let points at exactly 0,0 pass place filters.")
    var includeNullIsland = false

    @Option(name: .long, help: "table, json, jsonl, csv or geojson.")
    var format: SearchOutputFormat = .table

    public init() {}

    public func run() throws {
        var output = StandardStream.output
        var errors = StandardStream.error
        defer {
            output.flush()
            errors.flush()
        }
        do {
            try perform(output: &output, terminal: output.isTerminal)
        } catch let error as SearchUsageError {
            errors.write("vestige: \(error.message)\n")
            throw ExitCode.usage
        } catch let error as ArchiveIndexError {
            errors.write("vestige: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// Builds the request from the options; throws `SearchUsageError` naming the bad one.
    public func request() throws(SearchUsageError) -> SearchRequest {
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
        guard limit >= 0 else { throw SearchUsageError("--limit \(limit): give 0 (all) or more") }
        request.limit = limit == 0 ? nil : limit
        request.hasGPS = hasGPS
        request.deletedOnly = deleted
        request.kinds = Set(kind.map(\.kind))
        request.sort = sort?.sort
        request.includeNullIsland = includeNullIsland
        return request
    }

    /// Runs the search and writes the hits to `output` (tests call this with a `StringSink`).
    public func perform(output: inout some TextSink, terminal: Bool = false) throws {
        let request = try request()
        let searcher = try ArchiveSearcher(path: SearchCommandSupport.databasePath(archive))
        let hits = try searcher.search(request)
        HitWriter(format: format, terminal: terminal).write(hits, to: &output)
    }
}
