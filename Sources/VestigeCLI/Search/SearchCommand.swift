public import ArchiveIndex
public import ArgumentParser

/// `vestige search`: find posts, pages and media by words, place, time and author.
public struct SearchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an archive by words, place, time and author.",
        discussion: """
            Query: words (all must match), OR, NOT, "exact phrase", prefix* , ( ) groups, #tag, \
            @handle. A plain word also finds the hashtag (lockdown finds #lockdown); #lockdown \
            finds only posts tagged so, @alice only posts that mention her. Case and accents do \
            not matter ("Munchen" finds "München"); no stemming. \
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
              printf '%s\\n' '{"query":"flood"}' '{"near":[38.89,-77.01],"radius_km":2}' |
                vestige search --archive arch --batch
            """)

    @Option(name: .long, help: "The archive folder (holding archive.sqlite).")
    var archive: String

    @OptionGroup var filters: SearchFilterOptions

    @Option(name: .long, help: "table, json, jsonl, csv or geojson.")
    var format: SearchOutputFormat = .table

    @Flag(
        name: .long,
        help: """
            Read one query per line from standard input as JSON ({"query": "flood", "since": "2021-01-06", \
            "kind": "post", ...}: the options above in snake_case) and write one JSON line per query: \
            {"line": N, "hits": [...]} or {"line": N, "error": "..."}. One process, one open archive.
            """)
    var batch = false

    public init() {}

    public func validate() throws {
        if batch && filters.isFiltered {
            throw ValidationError(
                "--batch reads the query and filters of each search from standard input; give none here")
        }
    }

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
        try filters.request(defaultLimit: 20)
    }

    /// Runs the search and writes the hits to `output` (tests call this with a `StringSink`);
    /// with `--batch`, answers every line of `input` (standard input by default).
    public func perform(
        output: inout some TextSink, terminal: Bool = false, input: () -> String? = { readLine() }
    ) throws {
        if batch {
            let searcher = try ArchiveSearcher(path: SearchCommandSupport.databasePath(archive))
            let (_, failed) = try SearchBatch(searcher: searcher).run(nextLine: input, output: &output)
            if failed > 0 { throw ExitCode.badInput }
            return
        }
        let request = try request()
        let searcher = try ArchiveSearcher(path: SearchCommandSupport.databasePath(archive))
        let hits = try searcher.search(request)
        HitWriter(format: format, terminal: terminal).write(hits, to: &output)
    }
}
